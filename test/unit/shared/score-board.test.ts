import { describe, expect, expectTypeOf, it } from "vitest";
import { SCORE_BOARD_FIELDS, ScoreBoard, type ScoreBoardField } from "../../../shared/wire/state.js";
import type { Scores } from "../../../sim/api.js";
import { emptyScores } from "../../../sim/campaign/scores.js";

/** What a scoreboard leaves out of `Scores`: readers derive the leak rate; escalation is a MatchState field. */
const OFF_BOARD = ["leak_rate", "escalation"] as const;
type BoardScore = Exclude<keyof Scores, (typeof OFF_BOARD)[number]>;
type NumberFieldOf<T> = { [K in keyof T & string]: T[K] extends number ? K : never }[keyof T & string];

describe("the wire scoreboard", () => {
  it("names its figures exactly as the simulation's Scores, less the leak rate and escalation", () => {
    expectTypeOf<ScoreBoardField>().toEqualTypeOf<BoardScore>();
    expectTypeOf<NumberFieldOf<ScoreBoard>>().toEqualTypeOf<BoardScore>();
    const simulated = Object.keys(emptyScores()).filter(
      (key) => !(OFF_BOARD as readonly string[]).includes(key),
    );
    expect(Object.keys(new ScoreBoard().toJSON()).sort()).toEqual(simulated.sort());
    expect([...SCORE_BOARD_FIELDS].sort()).toEqual(simulated.sort());
  });
});
