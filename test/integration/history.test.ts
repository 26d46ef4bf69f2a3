import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../server/store/db.js";
import { EVENT_COLUMNS, LAYER_COLUMNS } from "../../server/store/export.js";
import { History } from "../../server/store/history.js";
import { listMatches, loadRecord, replaySource } from "../../server/store/records.js";
import type { MatchListing, RecordExport } from "../../shared/history.js";
import { MatchState } from "../../shared/wire/state.js";
import type { MatchSummary } from "../../sim/api.js";
import type { AfterActionReview } from "../../sim/review/aar.js";
import { realEngine } from "../../sim/review/engine.js";
import { verifyReplay } from "../../sim/review/replay.js";
import { tempDir } from "../unit/store/helpers.js";
import {
  createAs,
  getJson,
  type InProcessServer,
  parseCsv,
  planMatch,
  startInProcess,
  until,
  type Watcher,
} from "./history-harness.js";

type AarReply = AfterActionReview & {
  verification: { equal: boolean; differences: string[] } | null;
  bookmarks: { round: number; t: number; note: string; author: string }[];
};

const SEEDS = [3, 17, 2024];

/** A summary's threats of every class (decoys included) by how their flight ended. */
function everyClass(summary: MatchSummary) {
  const classes = Object.values(summary.by_class);
  const total = (key: "launched" | "intercepted" | "leaked") => classes.reduce((n, c) => n + c[key], 0);
  return { launched: total("launched"), intercepted: total("intercepted"), leaked: total("leaked") };
}

describe("match history on a real server", () => {
  const tmp = tempDir("skyshield-history-");
  const dbPath = join(tmp.dir, "data", "history.db");
  let server: InProcessServer;
  const played: { seed: number; matchId: string; code: string; final: MatchSummary; watcher: Watcher }[] = [];

  beforeAll(async () => {
    server = await startInProcess(dbPath);
    // Several seeds of scripted matches at once, each watched by its instructor.
    const watchers = await Promise.all(
      SEEDS.map((seed) => createAs(server.url, planMatch(seed, 600), "instructor")),
    );
    const first = watchers[0];
    await until("the first night", () => first.room.state.phase === "live" && first.room.state.clock > 60);
    first.room.send("bookmark", { note: "first salvo inbound" });
    for (const [i, watcher] of watchers.entries()) {
      const final = await until(`match ${i} to end`, () => watcher.summaries.find((s) => s.final));
      const { matchId } = await watcher.welcome;
      played.push({ seed: SEEDS[i], matchId, code: watcher.room.state.code, final: final.summary, watcher });
    }
    for (const watcher of watchers) await watcher.room.leave();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it("records each match: scenario, seed, seats, every command, snapshots, round and final summaries", async () => {
    for (const { seed, matchId, code, final } of played) {
      const listing = await until("the record to finish", async () => {
        const m = await getJson<MatchListing & { summary: MatchSummary }>(
          `${server.url}/api/history/${matchId}`,
        );
        return m.status === "finished" && m;
      });
      expect(listing).toMatchObject({
        id: matchId,
        code,
        scenario: "training-range",
        seed,
        winner: final.winner,
      });
      expect(listing.summary).toEqual(final);
      const record = loadRecord(server.history.db, matchId)!;
      expect(record.scenarioFile.id).toBe("training-range");
      expect(record.options).toMatchObject({
        seed,
        seats: { attacker: "plan", defender: "plan" },
        autostart: true,
      });
      expect(record.seats).toEqual(
        expect.arrayContaining([
          { seatId: "attacker-1", role: "attacker", name: "Scripted plan", filledBy: "plan" },
          { seatId: "instructor-1", role: "instructor", name: "instructor one", filledBy: "human" },
        ]),
      );
      const issuers = new Set(record.commands.map((c) => c.issuer));
      expect(issuers).toEqual(new Set(["plan:attacker-1", "plan:defender-1", "timer"]));
      expect(record.commands.map((c) => c.command.type)).toEqual(
        expect.arrayContaining(["deploy", "plan-salvo", "start-live"]),
      );
      expect(record.snapshots[0]).toMatchObject({ reason: "origin", afterSeq: 0 });
      expect(record.snapshots.filter((s) => s.reason === "periodic").length).toBeGreaterThan(5);
      expect(record.roundSummaries.map((r) => r.round)).toEqual([1]);
      expect(record.end?.phase).toBe("ended");
    }
  });

  it("replays every finished match from its seed and commands to the recorded summary", () => {
    for (const { matchId } of played) {
      const record = loadRecord(server.history.db, matchId)!;
      const check = verifyReplay(replaySource(server.history.db, record), realEngine, record.summary!);
      expect(check.differences).toEqual([]);
      expect(check.replayed).toEqual(record.summary);
    }
  });

  it("serves the after-action review, re-simulated on a worker thread and verified", async () => {
    const { matchId, final } = played[0];
    const aar = await getJson<AarReply>(`${server.url}/api/history/${matchId}/aar`);
    // The review counts every launch and kill, decoys included; the scores count decoys apart.
    const all = everyClass(final);
    expect(aar.verification).toEqual({ equal: true, differences: [] });
    expect(aar.summary).toEqual(final);
    expect(aar.rounds).toMatchObject([{ round: 1, offsetSec: 0 }]);
    expect(aar.rounds[0].liveSec).toBeGreaterThanOrEqual(1200);
    const { series } = aar;
    expect(series.x.length).toBeGreaterThan(10);
    expect(series.x).toEqual([...series.x].sort((a, b) => a - b));
    expect(Math.max(...series.threatsInAir)).toBeGreaterThan(0);
    expect(series.intercepted.at(-1)).toBe(final.threats_intercepted);
    expect(series.defenderSpendUsd.at(-1)).toBe(final.defender_spend_usd);
    for (const column of Object.values(series.stocks)) expect(column).toHaveLength(series.x.length);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(aar.perRound[0].launched)).toBe(all.launched);
    expect(sum(aar.perRound[0].intercepted)).toBe(all.intercepted);
    expect(aar.leaks).toHaveLength(all.leaked);
    expect(aar.layers.reduce((n, l) => n + l.kills, 0)).toBe(all.intercepted);
    expect(aar.layers.reduce((n, l) => n + l.spendUsd, 0)).toBeCloseTo(final.defender_spend_usd, 6);
    expect(aar.bookmarks).toEqual([
      expect.objectContaining({
        round: 1,
        note: "first salvo inbound",
        author: "instructor one (instructor-1)",
      }),
    ]);
  });

  it("exports the record as JSON and the events and layers as CSV, each matching the record", async () => {
    const { matchId } = played[1];
    const record = loadRecord(server.history.db, matchId)!;
    const response = await fetch(`${server.url}/api/history/${matchId}/export.json`);
    expect(response.headers.get("content-disposition")).toContain(`skyshield-${matchId}.json`);
    const exported = (await response.json()) as RecordExport;
    expect(exported).toMatchObject({ format: "skyshield-match-record", formatVersion: 1, origin: null });
    const { format: _format, formatVersion: _version, origin: _origin, ...rest } = exported;
    expect(rest).toEqual(JSON.parse(JSON.stringify(record)));
    expect(JSON.stringify(exported)).not.toContain("instructorKey");

    const aar = await getJson<AarReply>(`${server.url}/api/history/${matchId}/aar`);
    const events = parseCsv(await (await fetch(`${server.url}/api/history/${matchId}/events.csv`)).text());
    expect(events[0]).toEqual([...EVENT_COLUMNS]);
    const rows = events
      .slice(1)
      .map((cells) => Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, cells[i]])));
    const count = (type: string) => rows.filter((r) => r.type === type).length;
    const all = everyClass(record.summary!);
    expect(count("launch")).toBe(all.launched);
    expect(count("intercept")).toBe(all.intercepted);
    expect(count("impact")).toBe(all.leaked);
    const leaks = rows.filter((r) => r.type === "impact");
    expect(leaks.map((r) => [Number(r.round), Number(r.t), Number(r.x), r.leak_reason])).toEqual(
      aar.leaks.map((l) => [l.round, l.t, l.x, l.reason]),
    );
    for (const row of rows.filter((r) => r.detail !== "")) expect(() => JSON.parse(row.detail)).not.toThrow();

    const layers = parseCsv(await (await fetch(`${server.url}/api/history/${matchId}/layers.csv`)).text());
    expect(layers[0]).toEqual([...LAYER_COLUMNS]);
    expect(layers.slice(1).map((r) => [r[0], Number(r[2]), Number(r[3]), Number(r[6])])).toEqual(
      aar.layers.map((l) => [l.layer, l.shots, l.kills, l.spendUsd]),
    );
  });

  it("lists matches with filters, and answers bad filters with a clear 400", async () => {
    const all = await getJson<MatchListing[]>(`${server.url}/api/history`);
    expect(all.map((m) => m.id).sort()).toEqual(
      played
        .slice(0, SEEDS.length)
        .map((p) => p.matchId)
        .sort(),
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(
      await getJson<MatchListing[]>(
        `${server.url}/api/history?scenario=training-range&from=${today}&to=${today}`,
      ),
    ).toHaveLength(3);
    expect(await getJson<MatchListing[]>(`${server.url}/api/history?to=2001-01-01`)).toEqual([]);
    expect(await getJson<MatchListing[]>(`${server.url}/api/history?scenario=wide-front`)).toEqual([]);
    const winner = played[0].final.winner!;
    const byResult = await getJson<MatchListing[]>(`${server.url}/api/history?result=${winner}`);
    expect(byResult.length).toBe(played.filter((p) => p.final.winner === winner).length);

    const bad = await fetch(`${server.url}/api/history?result=maybe`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid", path: "result" });
    const unknown = await fetch(`${server.url}/api/history/nope/aar`);
    expect(unknown.status).toBe(404);
  });

  it("takes bookmarks during a replay only with the instructor's key", async () => {
    const { matchId, watcher } = played[2];
    const key = (await watcher.welcome).instructorKey!;
    const post = (body: unknown) =>
      fetch(`${server.url}/api/history/${matchId}/bookmarks`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await post({ round: 1, t: 300, note: "look here", author: "Kim" })).status).toBe(403);
    expect((await post({ round: 1, t: -3, note: "x", author: "Kim", instructorKey: key })).status).toBe(400);
    expect(
      (await post({ round: 1, t: 300, note: "look here", author: "Kim", instructorKey: key })).status,
    ).toBe(201);
    expect(loadRecord(server.history.db, matchId)!.bookmarks).toEqual([
      expect.objectContaining({ t: 300, note: "look here" }),
    ]);
  });

  it("branches a new live match from a moment of a finished one; the branch is recorded and replays", async () => {
    const { matchId } = played[0];
    const at = { round: 1, phase: "live" as const, t: 300 };
    const room = await new Client(server.url).create(
      "match",
      { restore: { kind: "branch", matchId, at }, seat: "instructor", name: "what if" },
      MatchState,
    );
    const welcome = await new Promise<{ matchId: string }>((resolve) => room.onMessage("welcome", resolve));
    room.onMessage("*", () => {});
    await until(
      "the branch's state",
      () => room.state.code !== "" && room.state.phase === "live" && room.state.clock > 0,
    );
    expect(room.state).toMatchObject({ paused: true, clock: 300, scenario: "training-range" });
    expect(room.state.code).not.toBe(played[0].code);
    expect(welcome.matchId).not.toBe(matchId);
    room.send("resume", {});
    await until("the branch to end", () => room.state.phase === "debrief", 60_000);
    await room.leave();

    const record = await until("the branch record", () => {
      server.history.recorder.flush();
      const r = loadRecord(server.history.db, welcome.matchId);
      return r?.status === "finished" && r;
    });
    expect(record.branchOf).toEqual({ matchId, round: 1, t: 300 });
    expect(record.snapshots[0]).toMatchObject({ reason: "origin", round: 1, phase: "live", t: 300 });
    const check = verifyReplay(replaySource(server.history.db, record), realEngine, record.summary!);
    expect(check.differences).toEqual([]);
    // Same seed, same world at t=300 and nobody changed anything: the branch ends as the original did.
    expect(record.summary).toEqual(played[0].final);
    played.push({ ...played[0], matchId: welcome.matchId, code: record.code });
  });

  it("refuses to restore what it should not: a running recovery, a moment past the record", async () => {
    const { matchId } = played[0];
    const create = (restore: unknown) =>
      new Client(server.url).create("match", { restore, seat: "spectator", name: "x" }, MatchState);
    await expect(create({ kind: "recover", matchId, ticket: "guessed" })).rejects.toThrow(
      /not waiting for recovery/,
    );
    await expect(
      create({ kind: "branch", matchId, at: { round: 1, phase: "live", t: 999_999 } }),
    ).rejects.toThrow(
      /never was at round 1 live t=999999s: replaying to it reaches round 1 (assessment|ended)/,
    );
    await expect(
      create({ kind: "branch", matchId: "nope", at: { round: 1, phase: "live", t: 0 } }),
    ).rejects.toThrow(/no recorded match 'nope'/);
  });

  it("the database survives a restart: same records, nothing left running", async () => {
    await server.stop();
    const reopened = new History({ path: dbPath });
    try {
      expect(
        listMatches(reopened.db)
          .map((m) => [m.id, m.status])
          .sort(),
      ).toEqual(played.map((p) => [p.matchId, "finished"]).sort());
      const raw = openDb(dbPath, { readonly: true });
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
      raw.close();
    } finally {
      reopened.close();
    }
  });
});
