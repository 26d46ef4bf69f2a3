import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../../server/store/db.js";
import { Recorder } from "../../../server/store/recorder.js";
import { listMatches, loadRecord, loadSnapshot } from "../../../server/store/records.js";
import type { MatchStart } from "../../../shared/history.js";
import type { Command, MatchSummary } from "../../../sim/api.js";
import { tempDir } from "./helpers.js";
import { toyEngine, toyScenario } from "./toy-sim.js";

const salvo: Command = {
  type: "plan-salvo",
  side: "attacker",
  zone: "z",
  threatType: "drone",
  count: 1,
  launchAtSec: 0,
  intervalSec: 0,
  target: "city",
  waypoints: [],
};

function start(id: string): MatchStart {
  return {
    id,
    code: "K7QF2M",
    scenario: toyScenario,
    seed: 7,
    options: { scenario: "toy" },
    seats: [{ seatId: "defender-1", role: "defender", name: "Ana", filledBy: "human" }],
    instructorKey: "secret",
  };
}

const toySim = () => toyEngine.createSimulation(toyScenario, 7);
const live = (clock: number) => ({ round: 1, phase: "live" as const, clock });
const planning = { round: 1, phase: "planning" as const, clock: 0 };
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Recorder", () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  /** A second connection: what another process (or a restarted server) sees on disk. */
  let reader: Db;

  beforeEach(() => {
    tmp = tempDir();
    const path = join(tmp.dir, "nested", "dirs", "history.db");
    db = openDb(path);
    reader = openDb(path);
  });
  afterEach(() => {
    db.close();
    reader.close();
    tmp.cleanup();
  });

  const commandsOnDisk = () =>
    (reader.prepare("SELECT count(*) AS n FROM commands").get() as { n: number }).n;

  it("writes nothing while the room records; flushes one transaction after the interval", async () => {
    const recorder = new Recorder(db, { flushIntervalMs: 50, maxBatch: 100_000 });
    const recording = recorder.begin(start("m1"), toySim());
    for (let i = 0; i < 1000; i++) recording.command({ ...live(i / 2), by: "attacker-1", command: salvo });

    expect(commandsOnDisk()).toBe(0);
    expect(recorder.stats.transactions).toBe(0);
    expect(recorder.stats.pending).toBe(1002); // begin + origin snapshot + 1000 commands

    await wait(150);
    expect(commandsOnDisk()).toBe(1000);
    expect(recorder.stats.transactions).toBe(1);
    recorder.close();
  });

  it("a full batch is flushed on the next turn of the event loop, never inside the call", async () => {
    const recorder = new Recorder(db, { flushIntervalMs: 60_000, maxBatch: 100 });
    const recording = recorder.begin(start("m1"), toySim());
    for (let i = 0; i < 250; i++) recording.command({ ...live(i), by: "attacker-1", command: salvo });
    expect(commandsOnDisk()).toBe(0);

    await new Promise((resolve) => setImmediate(resolve));
    expect(commandsOnDisk()).toBe(250);
    expect(recorder.stats.transactions).toBe(1);
    recorder.close();
  });

  it("keeps the whole record: match, ordered commands, snapshots, summaries, bookmarks, everyone seated", () => {
    const recorder = new Recorder(db, { nowMs: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    sim.apply(salvo);
    recording.command({ ...planning, by: "attacker-1", command: salvo });
    sim.apply({ type: "start-live", side: "white" });
    recording.command({ ...planning, by: "timer", command: { type: "start-live", side: "white" } });
    recording.bookmark("first leak over the capital", 1, 42.5, "white:instructor-1");
    recording.bookmark("why hold fire?", 1, 50, "defender-1");
    recording.seats([{ seatId: "defender-1", role: "defender", name: "Ana B.", filledBy: "human" }]);
    recording.seats([{ seatId: "defender-1", role: "defender", name: "", filledBy: "" }]);
    const summary = { scenario: "toy", seed: 7, rounds: 1, winner: "defender", per_round: [{ round: 1 }] };
    recording.summary(summary as unknown as MatchSummary, true);
    recorder.close();

    const record = loadRecord(reader, "m1")!;
    expect(record).toMatchObject({
      id: "m1",
      code: "K7QF2M",
      scenario: "toy",
      scenarioName: "Toy range",
      seed: 7,
      status: "finished",
      winner: "defender",
      createdAt: "2025-01-02T03:04:05.000Z",
      rounds: 1,
      commandCount: 2,
      end: { round: 1, phase: "live", t: 0 },
      bookmarks: [
        { round: 1, t: 42.5, note: "first leak over the capital", author: "white:instructor-1" },
        { round: 1, t: 50, note: "why hold fire?", author: "Ana (defender-1)" },
      ],
      summary,
      roundSummaries: [{ round: 1, t: 0, summary }],
    });
    expect(record.seats.map((s) => s.name)).toEqual(["Ana", "Ana B."]);
    expect(record.scenarioFile).toEqual(toyScenario);
    expect(record.commands.map((c) => [c.seq, c.phase, c.issuer, c.command.type])).toEqual([
      [1, "planning", "attacker-1", "plan-salvo"],
      [2, "planning", "timer", "start-live"],
    ]);
    // The origin, then the phase change seen by the second command's hook.
    expect(record.snapshots).toEqual([
      { idx: 0, afterSeq: 0, round: 1, phase: "planning", t: 0, reason: "origin" },
      { idx: 1, afterSeq: 2, round: 1, phase: "live", t: 0, reason: "phase" },
    ]);
    expect(loadSnapshot(reader, "m1", 1)).toEqual(sim.snapshot());
    expect(loadSnapshot(reader, "m1", 0)).toMatchObject({ phase: "planning", salvos: [] });
  });

  it("takes the snapshot that is due between ticks even when no hook runs (a quiet stretch)", async () => {
    const recorder = new Recorder(db, { flushIntervalMs: 20, snapshotEverySec: 30 });
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    sim.apply({ type: "start-live", side: "white" });
    recording.command({ ...planning, by: "timer", command: { type: "start-live", side: "white" } });
    for (let i = 0; i < 100; i++) sim.step(); // 50 s, no events, no hooks
    await wait(80);
    recorder.close();
    expect(loadRecord(reader, "m1")!.snapshots.map((s) => [s.reason, s.t])).toEqual([
      ["origin", 0],
      ["phase", 0],
      ["periodic", 50],
    ]);
  });

  it("infers the phase a command left when the room does not say", () => {
    const recorder = new Recorder(db);
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    sim.apply({ type: "start-live", side: "white" });
    recording.command({ round: 1, clock: 0, by: "timer", command: { type: "start-live", side: "white" } });
    recording.command({ round: 1, clock: 0, by: "attacker-1", command: salvo });
    recorder.close();
    expect(loadRecord(reader, "m1")!.commands.map((c) => c.phase)).toEqual(["planning", "live"]);
  });

  it("resumes a match's numbering after a restart, and ignores calls once closed", () => {
    const first = new Recorder(db);
    const recording = first.begin(start("m1"), toySim());
    recording.command({ ...planning, by: "attacker-1", command: salvo });
    first.close();
    recording.command({ ...planning, by: "attacker-1", command: salvo });
    recording.close();

    const second = new Recorder(reader);
    const resumed = second.resume("m1", toySim(), []);
    expect(resumed.commandCount).toBe(1);
    resumed.command({ ...planning, by: "defender-1", command: salvo });
    resumed.snapshot("phase");
    second.close();

    const record = loadRecord(db, "m1")!;
    expect(record.status).toBe("running");
    expect(record.commands.map((c) => [c.seq, c.issuer])).toEqual([
      [1, "attacker-1"],
      [2, "defender-1"],
    ]);
    expect(record.snapshots.map((s) => [s.idx, s.afterSeq])).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });

  it("one bad item costs only itself: the rest of its batch is written", () => {
    const errors: string[] = [];
    const recorder = new Recorder(db, { logger: { error: (_o, m) => errors.push(m), warn: () => {} } });
    recorder.begin(start("m1"), toySim());
    recorder.flush();
    recorder.begin(start("m1"), toySim()); // the same id again: a constraint error
    recorder.begin(start("m2"), toySim());
    recorder.flush();
    expect(errors).toEqual(["history item dropped", "history item dropped"]); // the match row and its origin
    expect(
      listMatches(reader)
        .map((m) => m.id)
        .sort(),
    ).toEqual(["m1", "m2"]);
    recorder.close();
  });

  it("a room that closes before the end marks its match abandoned, never a finished one", () => {
    const recorder = new Recorder(db);
    const a = recorder.begin(start("a"), toySim());
    const b = recorder.begin(start("b"), toySim());
    b.summary({ winner: "draw", per_round: [] } as unknown as MatchSummary, true);
    a.close();
    b.close();
    recorder.close();
    expect(loadRecord(reader, "a")!.status).toBe("abandoned");
    expect(loadRecord(reader, "b")!.status).toBe("finished");
  });
});
