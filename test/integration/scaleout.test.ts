import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Cluster,
  descendantsOf,
  isAlive,
  type ServerProcess,
  startCluster,
  startServerProcess,
} from "../../scripts/cluster.js";
import { type RedisServer, redisAvailable, requireRedis } from "../helpers/redis.js";
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
  let cluster: Cluster | undefined;
  let redis: RedisServer;
  let a: ServerProcess;
  let b: ServerProcess;
  /** B again, restarted on B's SQLite file. */
  let b2: ServerProcess | undefined;
  const clients: TestClient[] = [];
  const matches: Match[] = [];
  /** Every pid started for this file, with their children, to prove none outlives it. */
  const pids = new Set<number>();
  const track = (...procs: { pid: number }[]) => {
    for (const proc of procs) for (const pid of [proc.pid, ...descendantsOf(proc.pid)]) pids.add(pid);
  };
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
    // The defender seat waits for a person: the instructor starts the night without one.
    await instructor.waitFor(() => instructor.state.phase === "planning", "planning");
    instructor.send("advance-phase", {});
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
    cluster = await startCluster({ servers: 2, redis: true, dir });
    [a, b] = cluster.servers;
    redis = cluster.redis as RedisServer;
    track(redis, a, b);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.leave().catch(() => undefined)));
    await Promise.all([cluster?.stop(), b2?.stop()]);
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
    player.send("set-doctrine", { unitId: 42 });
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
    // Pages are cut from the merged list, newest first: the match created second comes first.
    const [newest, older] = [matches[1].matchId, matches[0].matchId];
    for (const [query, ids] of [
      ["limit=1", [newest]],
      ["limit=1&offset=1", [older]],
      ["offset=1", [older]],
    ] as const) {
      const page = await getJson<{ id: string }[]>(b, `/api/history?${query}`);
      expect(page.body.map((r) => r.id)).toEqual(ids);
    }
    expect((await getJson<{ error: string }>(b, "/api/history?limit=0")).body).toMatchObject({
      error: "invalid",
    });
    const remote = await getJson<{ id: string; code: string }>(a, `/api/history/${second.matchId}`);
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

    // A branch requested through A is created on B, whose file holds the record: B's replay answers
    // (on A the record would be unknown: "no recorded match").
    const branch = connect(a, (c) =>
      TestClient.create(c, {
        restore: { kind: "branch", matchId: second.matchId, at: { round: 1, phase: "live", t: 999_999 } },
        seat: "instructor",
        name: "What if",
      }),
    );
    await expect(branch).rejects.toThrow(
      new RegExp(`match '${second.matchId}' (was recorded up to|never was at)`),
    );
  });

  it("killing B leaves A's matches running, and A forgets B's matches", async () => {
    const [survivor, lost] = [onA(), onB()];
    const watcher = clients.find(
      (c) => c.welcome?.view === "truth" && connectedPort(c) === a.port,
    ) as TestClient;
    track(b);
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

  it("B restarted on its own file recovers its match there, under the same code, listed by A", async () => {
    const lost = onB();
    b2 = await startServerProcess({ dbPath: join(dir, "server-2.db"), redisUrl: redis.url });
    track(b2);
    await until("A to list B's match again", async () => {
      const { status, body } = await getJson<Listing>(a, `/api/matches/${lost.code}`);
      return status === 200 && body.code === lost.code;
    });
    const health = await getJson<{ rooms: number }>(b2, "/health");
    expect(health.body.rooms).toBe(1);
    const { body } = await getJson<{ id: string; status: string }>(a, `/api/history/${lost.matchId}`);
    expect(body).toMatchObject({ id: lost.matchId, status: "running" });
  });

  it("stops cleanly: each process exits 0 on SIGTERM, Redis shuts down, no process is left", async () => {
    await Promise.all(clients.map((client) => client.leave().catch(() => undefined)));
    track(redis, a, ...(b2 ? [b2] : []));
    await Promise.all([a.stop(), b2?.stop()]);
    expect(await a.exited).toBe(0);
    expect(await b2?.exited).toBe(0);
    await redis.stop();
    expect(await redis.exited).toBe(0);
    expect([...pids].filter(isAlive)).toEqual([]);
  });
});
