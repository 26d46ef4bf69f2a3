import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGameServer, type GameServer } from "../../server/app.js";
import type { BatchResult } from "../../server/cli/batch.js";
import { runSim } from "../../server/cli/sim-command.js";
import { History } from "../../server/store/history.js";
import { ANALYSIS_METRICS, type AnalysisJob, type AnalysisRequest } from "../../shared/analysis.js";
import { tempDir } from "../unit/store/helpers.js";
import { TestClient } from "./helpers.js";
import { parseCsv, planMatch, until } from "./history-harness.js";

/**
 * What-if analyses over real HTTP (server/http/what-if.ts): started, watched, cancelled, refused beyond
 * the process's cap, equal to `npm run sim -- --batch` for the same seeds (its command, run here), kept in the history across a
 * restart, and from a match only with its instructor key (taken from a real room's welcome).
 */

/** Two long analyses fill a server allowed one running and one waiting. */
const LIMITS = { maxRunning: 1, maxQueued: 1, workers: 1 };
const VARIANT = "trigger-happy-sam";

describe("what-if analyses", () => {
  const tmp = tempDir("skyshield-what-if-");
  const dbPath = join(tmp.dir, "history.db");
  let game: GameServer;
  let url = "";

  async function start(): Promise<void> {
    game = createGameServer({ logLevel: "silent", history: new History({ path: dbPath }), whatIf: LIMITS });
    url = `http://127.0.0.1:${await game.listen(0, "127.0.0.1")}`;
  }

  beforeAll(start);
  afterAll(async () => {
    await game?.shutdown();
    tmp.cleanup();
  });

  const post = (path: string, body: unknown, key?: string) =>
    fetch(url + path, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { "x-skyshield-key": key } : {}) },
      body: JSON.stringify(body),
    });
  const job = async (id: string) => (await (await fetch(`${url}/api/analyses/${id}`)).json()) as AnalysisJob;
  const started = async (request: unknown, key?: string) => {
    const response = await post("/api/analyses", request, key);
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(202);
    return (await response.json()) as AnalysisJob;
  };
  /** A long analysis (200 bot matches of wide-front): it runs until cancelled. */
  const long: AnalysisRequest = {
    scenario: "wide-front",
    runs: 200,
    seedStart: 1,
    a: { variants: [], attacker: "bot:normal", defender: "bot:normal", ally: "plan" },
  };

  it("compares A and B with progress, equals the CLI batch for the same seeds, and is kept in the history", async () => {
    const request = {
      scenario: "training-range",
      runs: 6,
      seedStart: 3,
      a: {},
      b: { variants: [VARIANT] },
    };
    const queued = await started(request);
    expect(queued).toMatchObject({ done: 0, total: 12 });
    expect(["queued", "running"]).toContain(queued.status);
    const seen = new Set<number>();
    const done = await until("the analysis", async () => {
      const now = await job(queued.id);
      seen.add(now.done);
      return now.status === "done" && now;
    });
    expect(seen.size, `progress seen: ${[...seen].join(", ")}`).toBeGreaterThan(2);
    const result = done.result!;
    expect(result.metrics).toEqual(expect.arrayContaining([...ANALYSIS_METRICS]));
    expect(result.metrics.some((m) => m.startsWith("spend_usd."))).toBe(true);

    const cli = async (...extra: string[]) => {
      let stdout = "";
      const argv = ["--scenario", "training-range", "--batch", "6", "--seed-start", "3", "--json", ...extra];
      expect(await runSim(argv, { out: (text) => (stdout = text), err: () => undefined })).toBe(0);
      return JSON.parse(stdout) as BatchResult;
    };
    const [batchA, batchB] = await Promise.all([cli(), cli("--variant", VARIANT)]);
    for (const [dist, batch] of [
      [result.distributions.a, batchA],
      [result.distributions.b!, batchB],
    ] as const) {
      for (const metric of ANALYSIS_METRICS) {
        expect(dist[metric].values, metric).toEqual(batch.per_run.map((r) => r[metric]));
        expect(dist[metric].mean, metric).toBe(batch.mean[metric]);
        expect(dist[metric].ci95, metric).toEqual(batch.ci95[metric]);
      }
    }
    // The variant changes the SAM's doctrine: A and B differ, and the difference is A − B seed by seed.
    const spend = result.difference!.defender_spend_usd;
    const paired = batchA.per_run.map((r, i) => r.defender_spend_usd - batchB.per_run[i].defender_spend_usd);
    expect(spend.mean).toBeCloseTo(paired.reduce((s, d) => s + d, 0) / paired.length, 6);

    const csv = parseCsv(await (await fetch(`${url}/api/analyses/${queued.id}/result.csv`)).text());
    expect(csv[0].slice(0, 3)).toEqual(["configuration", "seed", "leak_rate"]);
    expect(csv.slice(1).map((row) => `${row[0]}${row[1]}`)).toEqual([
      ...[3, 4, 5, 6, 7, 8].map((s) => `A${s}`),
      ...[3, 4, 5, 6, 7, 8].map((s) => `B${s}`),
    ]);
    const json = await fetch(`${url}/api/analyses/${queued.id}/result.json`);
    expect(json.headers.get("content-disposition")).toContain("attachment");
    expect(await json.json()).toEqual(result);

    await game.shutdown();
    await start();
    expect((await job(queued.id)).result).toEqual(result);
    const list = (await (await fetch(`${url}/api/analyses`)).json()) as { id: string }[];
    expect(list.map((a) => a.id)).toContain(queued.id);
  });

  it("cancels a running analysis, and refuses one beyond the server's cap with a reason", async () => {
    const first = await started(long);
    const second = await started(long);
    await until("the first analysis to run", async () => (await job(first.id)).status === "running");
    expect((await job(second.id)).status).toBe("queued");

    const refused = await post("/api/analyses", long);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: "analysis_limit",
      message: expect.stringContaining("1 analysis at a time with 1 waiting"),
    });

    const cancelled = await post(`/api/analyses/${first.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).status).toBe("cancelled");
    await until("the first to stop", async () => (await job(first.id)).status === "cancelled");
    await until("the second to start", async () => (await job(second.id)).status === "running");
    expect((await post(`/api/analyses/${first.id}/cancel`, {})).status).toBe(409);
    expect((await fetch(`${url}/api/analyses/${first.id}/result.csv`)).status).toBe(409);
    await post(`/api/analyses/${second.id}/cancel`, {});
    await until("the second to stop", async () => (await job(second.id)).status === "cancelled");
  });

  it("refuses bad requests with what is wrong", async () => {
    const unknownVariant = await post("/api/analyses", {
      scenario: "training-range",
      runs: 2,
      a: { variants: ["nope"] },
    });
    expect(unknownVariant.status).toBe(400);
    expect((await unknownVariant.json()).message).toContain("nope");
    const tooMany = await post("/api/analyses", { scenario: "training-range", runs: 201, a: {} });
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).path).toBe("runs");
    const both = await post("/api/analyses", { scenario: "training-range", matchId: "m", runs: 2, a: {} });
    expect((await both.json()).message).toContain("either a scenario or a matchId");
  });

  it("replays a match's orders as played: on the match's own seed it gives the match's result, and equals the CLI", async () => {
    const ws = new Client(url.replace("http", "ws"));
    const seed = 11;
    const white = await TestClient.create(ws, {
      ...planMatch(seed, 600),
      seats: { attacker: "plan" },
      seat: "instructor",
      name: "White",
    });
    await white.waitFor(() => white.welcome?.instructorKey !== undefined, "the welcome");
    const { matchId = "", instructorKey: key = "" } = white.welcome ?? {};
    // A defender of one gun: far from the scenario's own plan, so "as played" and "plan" differ.
    const defender = await TestClient.join(ws, white.room.roomId, { seat: "defender", name: "Blue" });
    await defender.waitFor(() => defender.state.phase === "planning", "planning");
    defender.send("deploy", { unitType: "gun", at: { x: 17, y: 22 } });
    await defender.waitFor(() => defender.state.units.size > 0, "the gun");
    defender.send("ready", { ready: true });
    await white.waitFor(() => white.summaries.some((m) => m.final), "the end of the match", 120_000);
    const played = white.summaries.find((m) => m.final)!.summary;
    await Promise.all([white.leave(), defender.leave()]);

    const asPlayed = { attacker: "as-played", defender: "as-played", ally: "as-played" } as const;
    const refused = await post("/api/analyses", { scenario: "training-range", runs: 2, a: asPlayed });
    expect(refused.status).toBe(400);
    expect((await refused.json()).message).toContain("give its matchId");

    const request = { matchId, runs: 3, seedStart: seed, a: asPlayed, b: {} };
    const queued = await started(request, key);
    const result = (
      await until("the as-played analysis", async () => {
        const now = await job(queued.id);
        return now.status === "done" && now;
      })
    ).result!;
    for (const metric of ANALYSIS_METRICS) {
      expect(result.distributions.a[metric].values[0], metric).toBe(played[metric]);
    }
    expect(result.distributions.a.defender_spend_usd.values).not.toEqual(
      result.distributions.b!.defender_spend_usd.values,
    );

    let stdout = "";
    const argv = [
      ...["--scenario", "training-range", "--batch", "3", "--seed-start", String(seed), "--json"],
      ...[
        "--attacker",
        `record:${matchId}`,
        "--defender",
        `record:${matchId}`,
        "--ally",
        `record:${matchId}`,
      ],
      ...["--db", dbPath],
    ];
    expect(await runSim(argv, { out: (text) => (stdout = text), err: () => undefined })).toBe(0);
    const batch = JSON.parse(stdout) as BatchResult;
    for (const metric of ANALYSIS_METRICS) {
      expect(result.distributions.a[metric].values, metric).toEqual(batch.per_run.map((r) => r[metric]));
    }
  });

  it("starts an analysis from a match only with the match's instructor key", async () => {
    const ws = new Client(url.replace("http", "ws"));
    const white = await TestClient.create(ws, { ...planMatch(5, 60), seat: "instructor", name: "White" });
    await white.waitFor(() => white.welcome?.instructorKey !== undefined, "the welcome");
    const matchId = white.welcome?.matchId ?? "";
    const key = white.welcome?.instructorKey ?? "";
    const request = { matchId, runs: 2, a: {} };

    for (const given of [undefined, "not-the-key"]) {
      const refused = await post("/api/analyses", request, given);
      expect(refused.status).toBe(403);
      expect((await refused.json()).message).toContain("instructor key");
    }
    const accepted = await started(request, key);
    const done = await until("the match's analysis", async () => {
      const now = await job(accepted.id);
      return now.status === "done" && now;
    });
    expect(done.result?.scenario).toBe("training-range");
    expect((await post("/api/analyses", { ...request, matchId: "no-such-match" }, key)).status).toBe(404);
    await white.leave();
  });
});
