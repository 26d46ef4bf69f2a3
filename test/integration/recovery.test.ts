import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDb } from "../../server/store/db.js";
import { DEFAULT_SNAPSHOT_EVERY_SEC as SNAPSHOT_EVERY_SEC } from "../../server/store/recorder.js";
import { loadRecord, replaySource } from "../../server/store/records.js";
import type { MatchState } from "../../shared/wire/state.js";
import { realEngine } from "../../sim/review/engine.js";
import { verifyReplay } from "../../sim/review/replay.js";
import { tempDir } from "../unit/store/helpers.js";
import {
  type ChildServer,
  createAs,
  getJson,
  joinByCode,
  planMatch,
  startChild,
  until,
} from "./history-harness.js";

const SEED = 4242;

/** Interceptors of a layer in the defender's depot, as the instructor's state shows them. */
function defenderStock(state: MatchState, layer: string): number | undefined {
  return [...state.economy.values()].find((e) => e.side === "defender")?.stocks.get(layer);
}
/** ×60: the 20-minute night takes 20 s, long enough to kill the server in the middle of it. */
const TIME_SCALE = 60;

describe("restart recovery", () => {
  const tmp = tempDir("skyshield-recovery-");
  const servers: ChildServer[] = [];

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill("SIGKILL");
  });
  afterAll(() => tmp.cleanup());

  it("a server SIGKILLed mid-match comes back with the match under the same code; the instructor rejoins " +
    "and the match ends exactly as an uninterrupted run with the same inputs", async () => {
    const dbPath = join(tmp.dir, "killed", "skyshield.db");
    const first = await startChild(dbPath);
    servers.push(first);
    const instructor = await createAs(first.url, planMatch(SEED, TIME_SCALE), "instructor");
    const { matchId, instructorKey } = await instructor.welcome;
    const code = instructor.room.state.code;
    await until(
      "the night to be under way",
      // Past the first periodic snapshot: the server takes one at most every 5 real seconds (300 s at ×60).
      () => instructor.room.state.phase === "live" && instructor.room.state.clock > 420,
    );
    await first.kill("SIGKILL");

    const recorded = openDb(dbPath, { readonly: true });
    const atKill = loadRecord(recorded, matchId)!;
    recorded.close();
    expect(atKill.status).toBe("running");
    expect(atKill.snapshots.some((s) => s.phase === "live" && s.t >= 240)).toBe(true);

    const second = await startChild(dbPath);
    servers.push(second);
    expect(second.lines.some((l) => l.includes('"msg":"match recovered"') && l.includes(code))).toBe(true);
    const listing = await getJson<{ phase: string; scenario: string }>(`${second.url}/api/matches/${code}`);
    expect(listing).toMatchObject({ phase: "live", scenario: "training-range" });

    const back = await joinByCode(second.url, code, {
      seat: "instructor",
      name: "instructor one",
      instructorKey,
    });
    expect(await back.welcome).toMatchObject({ matchId, instructorKey });
    await until("the rejoined state", () => back.room.state.code === code && back.room.state.clock >= 240);

    // The same inputs, never interrupted, on the same server.
    const reference = await createAs(second.url, planMatch(SEED, TIME_SCALE), "spectator");
    const recoveredEnd = await until(
      "the recovered match to end",
      () => back.summaries.find((s) => s.final),
      120_000,
    );
    const referenceEnd = await until(
      "the reference match to end",
      () => reference.summaries.find((s) => s.final),
      120_000,
    );
    expect(recoveredEnd.summary).toEqual(referenceEnd.summary);
    expect(recoveredEnd.summary.threats_launched).toBeGreaterThan(0);

    const record = await until("the record to finish", async () => {
      const m = await getJson<{ status: string }>(`${second.url}/api/history/${matchId}`);
      return m.status === "finished" && m;
    });
    expect(record).toMatchObject({ code, summary: referenceEnd.summary });
    await back.room.leave();
    await reference.room.leave();
    await second.kill("SIGTERM");

    const db = openDb(dbPath, { readonly: true });
    const whole = loadRecord(db, matchId)!;
    const check = verifyReplay(replaySource(db, whole), realEngine, whole.summary!);
    db.close();
    expect(check.differences).toEqual([]);
  }, 240_000);

  it("an order given after the last snapshot is re-applied on recovery; the match replays to its result", async () => {
    const dbPath = join(tmp.dir, "late-order", "skyshield.db");
    const first = await startChild(dbPath);
    servers.push(first);
    const instructor = await createAs(first.url, planMatch(99, TIME_SCALE), "instructor");
    const { matchId, instructorKey } = await instructor.welcome;
    const code = instructor.room.state.code;
    const mediumSam = () => defenderStock(instructor.room.state, "medium-sam") ?? 0;
    await until(
      "the night to be under way",
      () => instructor.room.state.phase === "live" && instructor.room.state.clock > 180,
    );
    // Paused, the clock stands still: once the snapshot due at the pause is on disk, none can follow
    // the inject.
    instructor.room.send("pause", {});
    await until("the pause", () => instructor.room.state.paused);
    const boundarySec = Math.floor(instructor.room.state.clock / SNAPSHOT_EVERY_SEC) * SNAPSHOT_EVERY_SEC;
    await until("the snapshot due at the pause", () => {
      const db = openDb(dbPath, { readonly: true });
      const snapshots = loadRecord(db, matchId)?.snapshots ?? [];
      db.close();
      return snapshots.some((s) => s.phase === "live" && s.t >= boundarySec);
    });
    const before = mediumSam();
    instructor.room.send("inject", {
      inject: { type: "resupply", layer: "medium-sam", count: 7 },
      title: "convoy",
    });
    await until("the resupply", () => mediumSam() === before + 7);
    await first.kill("SIGKILL"); // the inject was written before anyone saw it

    const db = openDb(dbPath, { readonly: true });
    const atKill = loadRecord(db, matchId)!;
    db.close();
    const inject = atKill.commands.find((c) => c.command.type === "inject")!;
    expect(inject).toMatchObject({ phase: "live", issuer: "white:instructor-1" });
    expect(inject.seq).toBeGreaterThan(atKill.snapshots.at(-1)!.afterSeq);

    const second = await startChild(dbPath);
    servers.push(second);
    const back = await joinByCode(second.url, code, {
      seat: "instructor",
      name: "instructor one",
      instructorKey,
    });
    const stocks = () => defenderStock(back.room.state, "medium-sam") ?? -1;
    await until("the recovered stocks", () => stocks() >= 0);
    expect(stocks()).toBe(before + 7);
    // The instructor's pause was recorded: the match waits for them to resume it.
    expect(back.room.state.paused).toBe(true);
    back.room.send("resume", {});
    const end = await until("the recovered match to end", () => back.summaries.find((s) => s.final), 120_000);
    await back.room.leave();
    await second.kill("SIGTERM");

    const after = openDb(dbPath, { readonly: true });
    const whole = loadRecord(after, matchId)!;
    const check = verifyReplay(replaySource(after, whole), realEngine, whole.summary!);
    after.close();
    expect(whole.summary).toEqual(end.summary);
    expect(check.differences).toEqual([]);
  }, 240_000);

  it("a graceful stop (SIGTERM) leaves running matches to be recovered too", async () => {
    const dbPath = join(tmp.dir, "stopped", "skyshield.db");
    const first = await startChild(dbPath);
    servers.push(first);
    const spectator = await createAs(first.url, planMatch(7, TIME_SCALE), "spectator");
    const { matchId } = await spectator.welcome;
    const code = spectator.room.state.code;
    await until("planning", () => spectator.room.state.phase === "planning");
    await first.kill("SIGTERM");

    const second = await startChild(dbPath);
    servers.push(second);
    expect(await getJson<{ phase: string }>(`${second.url}/api/matches/${code}`)).toMatchObject({
      phase: "planning",
    });
    const history = await getJson<{ id: string; status: string }[]>(`${second.url}/api/history`);
    expect(history).toEqual([expect.objectContaining({ id: matchId, status: "running" })]);
  }, 120_000);
});
