import pino from "pino";
import { describe, expect, it } from "vitest";
import { Match, type MatchFrame, type MatchTransport } from "../../../server/match/match.js";
import type { RoomPhase } from "../../../server/match/phase-clock.js";
import { botFactory } from "../../../server/match/scripted.js";
import type { ViewKey } from "../../../server/match/view-keys.js";
import { builtInScenarios } from "../../../server/scenarios/source.js";
import type { Command } from "../../../shared/commands.js";
import type { CreateMatchOptions, FeedEntry } from "../../../shared/protocol.js";
import { CreateMatchOptions as CreateSchema } from "../../../shared/protocol.js";
import type { MatchSummary } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";

/**
 * The match core without Colyseus, as boardgame.io tests its Master: the real simulation behind a
 * transport that records what the match would send to clients.
 */
class RecordingTransport implements MatchTransport {
  frames: MatchFrame[] = [];
  phases: { phase: RoomPhase; round: number }[] = [];
  feeds: { key: ViewKey; entries: FeedEntry[] }[] = [];
  summaries: { summary: MatchSummary; final: boolean }[] = [];
  expiredCount = 0;

  frame(frame: MatchFrame): void {
    this.frames.push(frame);
  }
  phaseChanged(phase: RoomPhase, round: number): void {
    this.phases.push({ phase, round });
  }
  feed(key: ViewKey, entries: FeedEntry[]): void {
    this.feeds.push({ key, entries });
  }
  summary(summary: MatchSummary, final: boolean): void {
    this.summaries.push({ summary, final });
  }
  expired(): void {
    this.expiredCount++;
  }
  get last(): MatchFrame {
    const frame = this.frames.at(-1);
    if (!frame) throw new Error("no frame yet");
    return frame;
  }
}

const scenarios = builtInScenarios();
const silent = pino({ level: "silent" });
const TICK_MS = 100;

function newMatch(options: Partial<CreateMatchOptions> = {}, seed = 7) {
  const settings = CreateSchema.parse({ scenario: "training-range", seed, ...options });
  const scenario = scenarios.load(settings.scenario)!;
  const transport = new RecordingTransport();
  const match = new Match(
    {
      scenarioId: settings.scenario,
      scenario,
      defaultPlans: scenarios.defaultPlans(settings.scenario),
      settings,
      seed,
      sim: createSimulation(scenario, seed),
      log: silent,
    },
    { bots: botFactory, debriefKeepSec: 5 },
    transport,
  );
  let nowMs = 0;
  const tick = (count = 1) => {
    for (let i = 0; i < count; i++) {
      nowMs += TICK_MS;
      match.tick(TICK_MS, nowMs);
    }
  };
  return { match, transport, tick };
}

const audience = (frame: MatchFrame, key: ViewKey) => frame.audiences.find((a) => a.key === key)?.view;

describe("a match without Colyseus", () => {
  it("waits in the lobby, where no order is accepted yet", () => {
    const { match, transport, tick } = newMatch({ seats: { attacker: "plan" } });
    tick();
    expect(transport.last.status).toMatchObject({ phase: "lobby", round: 1, scenario: "training-range" });
    const deploy: Command = { type: "deploy", side: "defender", unitType: "gun", at: { x: 0, y: 0 } };
    expect(match.apply(deploy, "defender-1")).toMatchObject({ ok: false, code: "wrong_phase" });
    expect(match.setReady("attacker-1", true)).toEqual({ ok: true });
  });

  it("lets scripted seats plan when planning opens, and starts the night when every person is ready", () => {
    const { match, transport, tick } = newMatch({ seats: { attacker: "plan" } });
    match.seats.claim("defender", "Dana", "commander");
    expect(match.advance("white:instructor-1")).toEqual({ ok: true });
    tick();
    expect(transport.last.status.phase).toBe("planning");
    expect(audience(transport.last, "a")?.salvos.length).toBeGreaterThan(0); // the plan seat planned
    expect(audience(transport.last, "d")?.salvos).toEqual([]); // and the defender cannot see it
    expect(match.setReady("defender-1", true)).toEqual({ ok: true });
    tick();
    expect(transport.phases.map((p) => p.phase)).toEqual(["planning", "live"]);
  });

  it("runs the clock at the time scale, stops it when paused, and sends scores once a second", () => {
    const { match, transport, tick } = newMatch({
      seats: { attacker: "plan", defender: "plan" },
      pacing: { mode: "realtime", timeScale: 60 },
    });
    match.advance("timer");
    match.advance("timer");
    tick(10); // one real second at ×60
    expect(transport.last.status.phase).toBe("live");
    expect(transport.last.status.clock).toBeCloseTo(60, 5);
    const withScores = transport.frames.slice(-10).filter((f) => f.audiences.some((a) => a.withScores));
    expect(withScores.length).toBe(1);
    match.setPaused(true);
    tick(10);
    expect(transport.last.status).toMatchObject({ paused: true, clock: 60 });
    match.setPaused(false);
    match.setTimeScale(120);
    tick(10);
    expect(transport.last.status.clock).toBeCloseTo(180, 5);
  });

  it("plays a whole match to the debrief: summaries after each night, the winner, then it expires", () => {
    const { match, transport, tick } = newMatch({
      seats: { attacker: "bot:normal", defender: "plan" },
      pacing: { mode: "realtime", timeScale: 600 },
    });
    match.advance("timer");
    match.advance("timer");
    tick();
    let guard = 0;
    while (transport.last.status.phase !== "debrief" && guard++ < 20_000) {
      tick();
      if (transport.last.status.phase === "assessment") match.advance("timer");
    }
    expect(transport.last.status.phase).toBe("debrief");
    expect(transport.last.status.winner).toMatch(/attacker|defender|draw/);
    expect(transport.summaries.at(-1)?.final).toBe(true);
    expect(transport.summaries.at(-1)?.summary.threats_launched).toBeGreaterThan(0);
    expect(match.advance("white:instructor-1")).toMatchObject({ ok: false, code: "wrong_phase" });
    tick(60); // the debrief keeps 5 s
    expect(transport.expiredCount).toBe(1);
  });

  it("sends each perspective's feed at most once a second", () => {
    const { match, transport, tick } = newMatch({
      seats: { attacker: "plan", defender: "plan" },
      pacing: { mode: "realtime", timeScale: 120 },
    });
    match.advance("timer");
    match.advance("timer");
    tick(100); // ten real seconds
    const truthMessages = transport.feeds.filter((f) => f.key === "t");
    expect(truthMessages.length).toBeGreaterThan(2);
    expect(truthMessages.length).toBeLessThanOrEqual(11);
    expect(transport.feeds.some((f) => f.key === "a")).toBe(true);
    expect(match.recentFeed("t").length).toBeGreaterThan(0);
  });

  it("stops a wego clock at each interval until every person playing confirms", () => {
    const { match, transport, tick } = newMatch({
      seats: { attacker: "plan" },
      pacing: { mode: "wego", intervalMin: 2 },
    });
    match.seats.claim("defender", "Dana", "commander");
    match.advance("timer");
    match.advance("timer");
    expect(match.confirm("defender-1")).toMatchObject({ ok: false, code: "wrong_phase" });
    tick(40);
    expect(transport.last.status).toMatchObject({ waitingForConfirm: true, clock: 120 });
    expect(match.confirm("defender-1")).toEqual({ ok: true });
    tick(5);
    expect(transport.last.status.waitingForConfirm).toBe(false);
    expect(transport.last.status.clock).toBeGreaterThan(120);
  });

  it("shows delayed spectators the picture of `delay` seconds ago, only once one watches", () => {
    const { match, transport, tick } = newMatch({
      seats: { attacker: "plan", defender: "plan" },
      pacing: { mode: "realtime", timeScale: 60 },
      spectatorDelaySec: 2,
    });
    match.advance("timer");
    match.advance("timer");
    tick(5);
    expect(transport.last.audiences.some((a) => a.key === "xt")).toBe(false);
    match.watch("xt");
    tick(30);
    const live = audience(transport.last, "t")!;
    const delayed = audience(transport.last, "xt")!;
    expect(live.clock - delayed.clock).toBeGreaterThanOrEqual(110); // 2 real seconds at ×60, framed every 0.5 s
    expect(live.clock - delayed.clock).toBeLessThanOrEqual(150);
  });

  it("hands a seat to a bot during planning, which plans at once, and opens it again", () => {
    const { match, transport, tick } = newMatch();
    match.advance("timer");
    expect(match.assignSeat("attacker-1", "bot:easy")).toEqual({ ok: true });
    tick();
    expect(audience(transport.last, "a")?.salvos.length).toBeGreaterThan(0);
    expect(transport.last.seats.get("attacker-1")).toMatchObject({ filledBy: "bot:easy", ready: true });
    expect(match.assignSeat("attacker-1", "human")).toEqual({ ok: true });
    expect(match.seats.get("attacker-1")?.filledBy).toBe("");
    expect(match.assignSeat("instructor-1", "plan")).toMatchObject({ ok: false, code: "not_allowed" });
  });
});
