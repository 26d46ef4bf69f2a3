import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../../server/store/db.js";
import { Recorder, type Replica } from "../../../server/store/recorder.js";
import { listMatches, liveStateOf, loadRecord, loadSnapshot } from "../../../server/store/records.js";
import type { MatchStart } from "../../../shared/history.js";
import type { Command, MatchSummary, Simulation } from "../../../sim/api.js";
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
const planning = { round: 1, phase: "planning" as const, clock: 0 };
const salvosOf = (sim: Simulation) => (sim.snapshot() as unknown as { salvos: unknown[] }).salvos;
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

  const apply = (sim: Simulation, command: Command) => () => sim.apply(command);

  it("writes a command before command() returns, applying it inside the same transaction", () => {
    const recorder = new Recorder(db);
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    let seenOnDiskWhileApplying = -1;
    const result = recording.command({ ...planning, by: "attacker-1", command: salvo }, () => {
      seenOnDiskWhileApplying = commandsOnDisk(); // another connection does not see the open transaction
      return sim.apply(salvo);
    });
    expect(result.ok).toBe(true);
    expect(seenOnDiskWhileApplying).toBe(0);
    expect(commandsOnDisk()).toBe(1);
    expect(salvosOf(sim)).toHaveLength(1);
    recorder.close();
  });

  it("a command the world refuses leaves no trace and takes no number", () => {
    const recorder = new Recorder(db);
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    const refused = recording.command(
      { ...planning, by: "timer", command: { type: "end-live", side: "white" } },
      () => sim.apply({ type: "end-live", side: "white" }),
    );
    expect(refused.ok).toBe(false);
    expect(commandsOnDisk()).toBe(0);
    recording.command({ ...planning, by: "attacker-1", command: salvo }, apply(sim, salvo));
    expect(loadRecord(reader, "m1")!.commands.map((c) => c.seq)).toEqual([1]);
    recorder.close();
  });

  it("a command that cannot be written is refused and never applied", () => {
    const errors: string[] = [];
    const recorder = new Recorder(db, { logger: { error: (_o, m) => errors.push(m), warn: () => {} } });
    const sim = toySim();
    const orphan = recorder.resume("no-such-match", sim, []); // no match row: the insert fails
    let applied = false;
    const result = orphan.command({ ...planning, by: "attacker-1", command: salvo }, () => {
      applied = true;
      return sim.apply(salvo);
    });
    expect(result).toMatchObject({ ok: false, code: "internal" });
    expect(applied).toBe(false);
    expect(salvosOf(sim)).toEqual([]);
    expect(errors).toEqual(["history item not written"]);
    recorder.close();
  });

  it("queues snapshots (large) and writes them on the flush interval", async () => {
    const recorder = new Recorder(db, { flushIntervalMs: 50 });
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    recording.snapshot("phase");
    expect(loadRecord(reader, "m1")!.snapshots.map((s) => s.reason)).toEqual(["origin"]);
    expect(recorder.stats.pending).toBe(1);
    await wait(150);
    expect(loadRecord(reader, "m1")!.snapshots.map((s) => s.reason)).toEqual(["origin", "phase"]);
    recorder.close();
  });

  it("keeps where the world got to, the clock controls and who is connected, for recovery", () => {
    const recorder = new Recorder(db);
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    recording.command({ ...planning, by: "timer", command: { type: "start-live", side: "white" } }, () =>
      sim.apply({ type: "start-live", side: "white" }),
    );
    for (let i = 0; i < 7; i++) sim.step();
    recording.reached();
    recording.controls({ paused: true, timeScale: 30 });
    const ana = {
      sessionId: "s1",
      token: "tok-1",
      seatId: "defender-1",
      role: "defender" as const,
      name: "Ana",
      viewKey: "d",
      spectatorKey: false,
      rejoinCode: "ABCD2345",
      crewRole: "sector-north",
    };
    recording.identity(ana);
    recording.identity({ ...ana, token: "tok-2" }); // reconnected: a new token
    recording.identity({ ...ana, sessionId: "s2", seatId: "spectator", role: "spectator", token: "tok-3" });
    recording.forget("s2");
    // Where the world got to is written with the next flush; the rest at once.
    expect(liveStateOf(reader, "m1")?.reached ?? null).toBeNull();
    recorder.flush();
    expect(liveStateOf(reader, "m1")).toEqual({
      instructorKey: "secret",
      spectatorKey: null,
      controls: { paused: true, timeScale: 30 },
      reached: { round: 1, phase: "live", t: 3.5 },
      identities: [{ ...ana, token: "tok-2" }],
    });
    recorder.close();
  });

  it("hands every item it writes to the replica, in order", () => {
    const copied: string[] = [];
    const replica: Replica = { append: (op) => copied.push(op.kind), settled: () => undefined };
    const recorder = new Recorder(db, { replica });
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    recording.command({ ...planning, by: "attacker-1", command: salvo }, apply(sim, salvo));
    recording.snapshot("phase");
    recorder.flush();
    recording.close();
    expect(copied).toEqual(["begin", "snapshot", "command", "snapshot", "abandon"]);
    recorder.close();
  });

  it("keeps the whole record: match, ordered commands, snapshots, summaries, bookmarks, everyone seated", () => {
    const recorder = new Recorder(db, { nowMs: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    recording.command({ ...planning, by: "attacker-1", command: salvo }, apply(sim, salvo));
    const startLive: Command = { type: "start-live", side: "white" };
    recording.command({ ...planning, by: "timer", command: startLive }, apply(sim, startLive));
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
    const startLive: Command = { type: "start-live", side: "white" };
    recording.command({ ...planning, by: "timer", command: startLive }, apply(sim, startLive));
    for (let i = 0; i < 100; i++) sim.step(); // 50 s, no events, no hooks
    await wait(80);
    recorder.close();
    expect(loadRecord(reader, "m1")!.snapshots.map((s) => [s.reason, s.t])).toEqual([
      ["origin", 0],
      ["phase", 0],
      ["periodic", 50],
    ]);
  });

  it("keeps a match's periodic snapshots snapshotMinGapMs of real time apart (a fast clock)", () => {
    let nowMs = 0;
    const recorder = new Recorder(db, { snapshotEverySec: 30, snapshotMinGapMs: 5000, nowMs: () => nowMs });
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    const startLive: Command = { type: "start-live", side: "white" };
    recording.command({ ...planning, by: "timer", command: startLive }, apply(sim, startLive));
    // 100 live seconds in 1 real second: due every 30 s, but only one each 5 real seconds.
    for (let i = 0; i < 200; i++) {
      sim.step();
      nowMs += 5;
      recording.events([]);
    }
    nowMs += 5000;
    sim.step();
    recording.events([]);
    recorder.close();
    expect(loadRecord(reader, "m1")!.snapshots.map((s) => [s.reason, s.t])).toEqual([
      ["origin", 0],
      ["phase", 0],
      ["periodic", 100.5],
    ]);
  });

  it("infers the phase a command left when the room does not say", () => {
    const recorder = new Recorder(db);
    const sim = toySim();
    const recording = recorder.begin(start("m1"), sim);
    const startLive: Command = { type: "start-live", side: "white" };
    recording.command({ round: 1, clock: 0, by: "timer", command: startLive }, apply(sim, startLive));
    recording.command({ round: 1, clock: 0, by: "attacker-1", command: salvo }, apply(sim, salvo));
    recorder.close();
    expect(loadRecord(reader, "m1")!.commands.map((c) => c.phase)).toEqual(["planning", "live"]);
  });

  it("resumes a match's numbering after a restart, and ignores calls once closed", () => {
    const first = new Recorder(db);
    const sim = toySim();
    const recording = first.begin(start("m1"), sim);
    recording.command({ ...planning, by: "attacker-1", command: salvo }, apply(sim, salvo));
    first.close();
    recording.command({ ...planning, by: "attacker-1", command: salvo }, apply(sim, salvo));
    recording.close();

    const second = new Recorder(reader);
    const resumed = second.resume("m1", sim, []);
    expect(resumed.commandCount).toBe(1);
    resumed.command({ ...planning, by: "defender-1", command: salvo }, apply(sim, salvo));
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

  it("an item that cannot be written costs only itself, and a failing disk is reported once, not per item", () => {
    const errors: string[] = [];
    const recorder = new Recorder(db, { logger: { error: (_o, m) => errors.push(m), warn: () => {} } });
    recorder.begin(start("m1"), toySim());
    recorder.begin(start("m1"), toySim()); // the same id again: a constraint error (the row and its origin)
    recorder.begin(start("m2"), toySim());
    expect(errors).toEqual(["history item not written"]);
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
