import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { descendantsOf, isAlive, type ServerProcess, startServerProcess } from "../../scripts/cluster.js";
import { type RedisServer, redisAvailable, requireRedis, startRedis } from "../helpers/redis.js";
import { sleep, TestClient } from "./helpers.js";

/**
 * Scale-out, really: a redis-server and two server processes (`node --import tsx server/main.ts`, each
 * with its own PORT, PUBLIC_ADDRESS and SQLite file) on loopback, and colyseus.js clients that go through
 * either process. The tests run in order: they share the processes and the matches they create.
 */
requireRedis("scale-out integration (test/integration/scaleout.test.ts)");

/** Long enough to stay live for the whole file: training-range's 1200 s night at ×10. */
const MATCH = {
  scenario: "training-range",
  seats: { attacker: "plan" },
  autostart: true,
  planningSec: 5,
  pacing: { mode: "realtime", timeScale: 10 },
} as const;

interface Match {
  code: string;
  matchId: string;
  instructor: TestClient;
  /** The process whose room it is. */
  host: ServerProcess;
}

interface Listing {
  roomId: string;
  code: string;
  spectators: number;
  seats: Record<string, { total: number; filled: number }>;
}

/** The port of the process a client's WebSocket is connected to (the seat reservation's publicAddress). */
function connectedPort(client: TestClient): number {
  const ws = (client.room.connection as unknown as { transport: { ws: { url: string } } }).transport.ws;
  return Number(new URL(ws.url).port);
}

async function getJson<T>(server: ServerProcess, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(server.url + path);
  return { status: res.status, body: (await res.json()) as T };
}

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

describe.runIf(redisAvailable)("two server processes sharing Redis", () => {
  const dir = mkdtempSync(join(tmpdir(), "skyshield-scaleout-"));
  let redis: RedisServer;
  let a: ServerProcess;
  let b: ServerProcess;
  const clients: TestClient[] = [];
  const matches: Match[] = [];
  /** Every pid started for this file, with their children, to prove none outlives it. */
  const pids: number[] = [];
  const byPort = (port: number) => [a, b].find((server) => server.port === port);
  const onA = () => matches.find((m) => m.host === a) as Match;
  const onB = () => matches.find((m) => m.host === b) as Match;

  async function connect(
    through: ServerProcess,
    how: (client: Client) => Promise<TestClient>,
  ): Promise<TestClient> {
    const client = await how(new Client(`ws://127.0.0.1:${through.port}`));
    clients.push(client);
    return client;
  }

  async function createThrough(through: ServerProcess): Promise<Match> {
    const instructor = await connect(through, (c) =>
      TestClient.create(c, { ...MATCH, seat: "instructor", name: "White cell" }),
    );
    await instructor.waitFor(
      () => instructor.state.code !== "" && instructor.welcome !== undefined,
      "the new match",
    );
    const host = byPort(connectedPort(instructor));
    if (!host) throw new Error(`connected to an unknown port ${connectedPort(instructor)}`);
    const match = {
      code: instructor.state.code,
      matchId: instructor.welcome?.matchId ?? "",
      instructor,
      host,
    };
    matches.push(match);
    return match;
  }

  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all(
      ["a", "b"].map((name) => startServerProcess({ dbPath: join(dir, `${name}.db`), redisUrl: redis.url })),
    );
    for (const proc of [redis, a, b]) pids.push(proc.pid, ...descendantsOf(proc.pid));
    console.log("PIDS", pids, [redis, a, b].map((p) => p.pid));
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.leave().catch(() => undefined)));
    await Promise.all([a, b].filter(Boolean).map((server) => server.stop()));
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("spreads matches created through A over both processes; either process lists both", async () => {
    await createThrough(a);
    // The matchmaker picks the process with the fewest rooms; room counts reach Redis within a second.
    await sleep(1500);
    await createThrough(a);
    expect(new Set(matches.map((m) => m.host.port))).toEqual(new Set([a.port, b.port]));

    for (const server of [a, b]) {
      const { status, body } = await getJson<Listing[]>(server, "/api/matches");
      expect(status).toBe(200);
      expect(body.map((l) => l.code).sort()).toEqual(matches.map((m) => m.code).sort());
      for (const match of matches) {
        const one = await getJson<Listing>(server, `/api/matches/${match.code.toLowerCase()}`);
        expect(one).toMatchObject({ status: 200, body: { roomId: match.matchId, code: match.code } });
      }
    }
    const health = await Promise.all([a, b].map((s) => getJson<{ rooms: number }>(s, "/health")));
    expect(health.map((h) => h.body.rooms)).toEqual([1, 1]);
  });

  it("a match on A is joined by its code through B, by a player and spectators", async () => {
    const match = onA();
    const found = await getJson<Listing>(b, `/api/matches/${match.code}`);
    expect(found.status).toBe(200);
    const join = (options: Record<string, unknown>) =>
      connect(b, (c) => TestClient.join(c, found.body.roomId, options));
    const player = await join({ seat: "defender", name: "Defender via B" });
    const spectators = await Promise.all(
      (["truth", "attacker", "defender"] as const).map((view) =>
        join({ seat: "spectator", name: `Watcher ${view}`, view }),
      ),
    );

    for (const client of [player, ...spectators]) {
      // B reserved the seat; the client was sent on to A, the process that runs the match.
      expect(connectedPort(client)).toBe(a.port);
      await client.waitFor(
        () => client.state.code === match.code && client.welcome !== undefined,
        "the match state",
      );
    }
    expect(player.welcome).toMatchObject({ role: "defender", matchId: match.matchId });
    expect(spectators.map((s) => s.welcome?.view)).toEqual(["truth", "attacker", "defender"]);

    await until("B's listing to count the newcomers", async () => {
      const { body } = await getJson<Listing>(b, `/api/matches/${match.code}`);
      return body.spectators === 3 && body.seats.defender.filled === 1;
    });
    // Orders flow both ways across the processes: a malformed one gets exactly one error reply.
    player.send("doctrine", { unitId: 42 });
    await player.waitFor(() => player.errors.length === 1, "the error reply");
    expect(player.errors[0]).toMatchObject({ code: "invalid" });
    await player.waitFor(() => player.state.phase === "live" && player.state.clock > 0, "the live phase");
  });

  it("either process serves the match history of both, and branches go to the process holding the record", async () => {
    const [first, second] = [onA(), onB()];
    for (const server of [a, b]) {
      const { status, body } = await getJson<{ id: string }[]>(server, "/api/history");
      expect(status).toBe(200);
      expect(body.map((r) => r.id).sort()).toEqual([first.matchId, second.matchId].sort());
    }
    const remote = await getJson<{
      id: string;
      code: string;
      snapshots: { round: number; phase: string; t: number }[];
    }>(a, `/api/history/${second.matchId}`);
    expect(remote).toMatchObject({ status: 200, body: { id: second.matchId, code: second.code } });

    // A bookmark posted through A lands in B's file, and B's own API shows it.
    const key = second.instructor.welcome?.instructorKey;
    const posted = await fetch(`${a.url}/api/history/${second.matchId}/bookmarks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ round: 1, t: 0, note: "seen from A", author: "Kim", instructorKey: key }),
    });
    expect(posted.status).toBe(201);
    const onItsHost = await getJson<{ bookmarks: { note: string }[] }>(b, `/api/history/${second.matchId}`);
    expect(onItsHost.body.bookmarks).toEqual([expect.objectContaining({ note: "seen from A" })]);
    expect((await getJson<unknown>(a, "/api/history/no-such-match")).status).toBe(404);

    // A branch requested through A is created on B, whose file holds the record.
    const { round, phase, t } = remote.body.snapshots[0];
    const branch = await connect(a, (c) =>
      TestClient.create(c, {
        restore: { kind: "branch", matchId: second.matchId, at: { round, phase, t } },
        seat: "instructor",
        name: "What if",
      }),
    );
    await branch.waitFor(() => branch.state.code !== "", "the branch");
    expect(connectedPort(branch)).toBe(b.port);
    await branch.leave();
  });

  it("killing B leaves A's matches running, and A forgets B's matches", async () => {
    const [survivor, lost] = [onA(), onB()];
    const watcher = clients.find(
      (c) => c.welcome?.view === "truth" && connectedPort(c) === a.port,
    ) as TestClient;
    await b.kill();

    await lost.instructor.waitFor(() => lost.instructor.leftWith !== undefined, "B's clients to be dropped");
    const clockBefore = watcher.state.clock;
    await watcher.patchesPass(10);
    expect(watcher.state.clock).toBeGreaterThan(clockBefore);
    expect(watcher.leftWith).toBeUndefined();
    expect(survivor.instructor.leftWith).toBeUndefined();

    // A's sweep notices the crashed process and drops its listings within seconds.
    await until("A's list to drop B's match", async () => {
      const { body } = await getJson<Listing[]>(a, "/api/matches");
      return body.length === 1 && body[0].code === survivor.code;
    });
    expect((await getJson<unknown>(a, `/api/matches/${lost.code}`)).status).toBe(404);
    const again = await createThrough(a);
    expect(again.host).toBe(a);
    const history = await getJson<{ id: string }[]>(a, "/api/history");
    expect(history.status).toBe(200);
    expect(history.body.map((r) => r.id)).toEqual(expect.arrayContaining([survivor.matchId, again.matchId]));
  });

  it("stops cleanly: A exits 0 on SIGTERM, Redis shuts down, no process is left", async () => {
    await Promise.all(clients.map((client) => client.leave().catch(() => undefined)));
    await a.stop();
    expect(await a.exited).toBe(0);
    await redis.stop();
    expect(await redis.exited).toBe(0);
    for (const pid of pids.filter(isAlive)) console.log("ALIVE", pid, readFileSync(`/proc/${pid}/stat`, "utf8"));
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
