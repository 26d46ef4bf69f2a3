import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "colyseus.js";
import { Redis } from "ioredis";
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

/** Each order is tagged with its number in `intervalSec` (a one-decoy salvo never uses it). */
const decoy = (tag: number, clock: number) => ({
  zone: "launch-site",
  threatType: "gerbera",
  count: 1,
  launchAtSec: Math.max(0, 1150 - clock), // launches at the night's end: nothing flies meanwhile
  intervalSec: tag,
  target: "riverton",
});

/**
 * Long enough to stay live for the whole file: training-range's 1200 s night at ×10. Its creator opens
 * every view to spectators (by default a person playing keeps them for key holders).
 */
const MATCH = {
  scenario: "training-range",
  seats: { attacker: "plan" },
  spectatorViews: { truth: "open", attacker: "open", defender: "open" },
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

async function getJson<T>(
  server: ServerProcess,
  path: string,
  key?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(server.url + path, { headers: key ? { "x-skyshield-key": key } : {} });
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
  /** The process killed mid-night, and it again, restarted on its SQLite file. */
  let killedHost: ServerProcess | undefined;
  let restarted: ServerProcess | undefined;
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

  async function createThrough(through: ServerProcess, options: object = MATCH): Promise<Match> {
    const instructor = await connect(through, (c) =>
      TestClient.create(c, { ...options, seat: "instructor", name: "White cell" }),
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
    await Promise.all([cluster?.stop(), restarted?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("spreads matches created through A over both processes; either process lists both", async () => {
    const first = await createThrough(a);
    // The matchmaker picks the process with the fewest rooms, from the room counts in Redis.
    const { body: ops } = await getJson<{ processId: string }>(first.host, "/api/ops");
    const counts = new Redis(redis.url);
    await until("the first room to be counted in Redis", async () =>
      ((await counts.hget("roomcount", ops.processId)) ?? "").startsWith("1,"),
    );
    counts.disconnect();
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
    // A running match's record is its instructor's, wherever the request arrives: the key travels along.
    const key = second.instructor.welcome?.instructorKey;
    const path = `/api/history/${second.matchId}`;
    expect((await getJson<{ error: string }>(a, path)).body).toMatchObject({ error: "not_allowed" });
    const remote = await getJson<{ id: string; code: string }>(a, path, key);
    expect(remote).toMatchObject({ status: 200, body: { id: second.matchId, code: second.code } });

    // A bookmark posted through A lands in B's file, and B's own API shows it.
    const posted = await fetch(`${a.url}/api/history/${second.matchId}/bookmarks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ round: 1, t: 0, note: "seen from A", author: "Kim", instructorKey: key }),
    });
    expect(posted.status).toBe(201);
    const onItsHost = await getJson<{ bookmarks: { note: string }[] }>(b, path, key);
    expect(onItsHost.body.bookmarks).toEqual([expect.objectContaining({ note: "seen from A" })]);
    expect((await getJson<unknown>(a, "/api/history/no-such-match")).status).toBe(404);

    // A branch requested through A is created on B, whose file holds the record: B's replay answers
    // (on A the record would be unknown: "no recorded match"). A running match needs its key.
    const at = { round: 1, phase: "live", t: 999_999 };
    const branch = (instructorKey?: string) =>
      connect(a, (c) =>
        TestClient.create(c, {
          restore: {
            kind: "branch",
            matchId: second.matchId,
            at,
            ...(instructorKey ? { instructorKey } : {}),
          },
          seat: "instructor",
          name: "What if",
        }),
      );
    await expect(branch()).rejects.toThrow(/still running: branching it needs its instructor key/);
    await expect(branch(key)).rejects.toThrow(
      new RegExp(`match '${second.matchId}' (was recorded up to|never was at)`),
    );
  });

  it("SIGKILL on the host mid-night: the other process takes its matches over within 10 s, paused, with every acknowledged order, and a connected client continues without a new code", async () => {
    // A match whose attacker is a person, reaching the match through the process that will survive.
    const match = await createThrough(a, { ...MATCH, seats: { defender: "plan" } });
    const host = match.host;
    const other = host === a ? b : a;
    const attacker = await connect(other, (c) =>
      TestClient.join(c, match.matchId, { seat: "attacker", name: "Red" }),
    );
    expect(connectedPort(attacker)).toBe(host.port);
    await attacker.waitFor(() => attacker.state.phase === "live" && attacker.state.clock > 20, "the night");
    const acknowledged = new Set<number>();
    attacker.room.onStateChange((state) => {
      for (const salvo of state.salvos.values()) acknowledged.add(salvo.intervalSec);
    });
    const otherMatches = matches.filter((m) => m.host === host && m !== match);
    const survivors = matches.filter((m) => m.host !== host);
    const watcher = clients.find((c) => c.welcome?.view === "truth" && connectedPort(c) === other.port);

    let token = attacker.room.reconnectionToken;
    const killed = sleep(1500).then(async () => {
      track(host);
      await host.kill();
      return Date.now();
    });
    for (let tag = 1; attacker.leftWith === undefined; tag++) {
      token = attacker.room.reconnectionToken;
      attacker.send("plan-salvo", decoy(tag, attacker.state.clock));
      await sleep(45); // about 20 a second: the flood limit
    }
    const clockSeen = attacker.state.clock;
    const killedAt = await killed;
    expect(acknowledged.size).toBeGreaterThanOrEqual(10);

    // The same colyseus.js client retries its reconnection token, as client/net/session.ts does.
    const client = new Client(`ws://127.0.0.1:${other.port}`);
    let back: TestClient | undefined;
    while (!back && Date.now() - killedAt < 15_000) {
      back = await TestClient.reconnect(client, token).catch(() => undefined);
      if (!back) await sleep(250);
    }
    if (!back) throw new Error("the client could not reconnect within 15 s");
    clients.push(back);
    await back.waitFor(() => back.state.code === match.code && back.state.salvos.size > 0, "the state");
    const resumedMs = Date.now() - killedAt;
    console.info(`takeover: the client was back ${resumedMs} ms after the kill`);
    expect(resumedMs).toBeLessThan(10_000);
    expect(connectedPort(back)).toBe(other.port);
    expect(back.state).toMatchObject({ phase: "live", paused: true });
    expect(back.state.clock).toBeGreaterThanOrEqual(clockSeen);
    const recovered = new Set([...back.state.salvos.values()].map((s) => s.intervalSec));
    expect(
      [...acknowledged].filter((tag) => !recovered.has(tag)),
      "acknowledged orders lost",
    ).toEqual([]);
    expect(back.state.seats.get("attacker-1")).toMatchObject({ filledBy: "human", connected: true });

    // Every match of the dead process runs on the other one now, under its code; the others ran on.
    for (const moved of [match, ...otherMatches]) {
      const { status, body } = await getJson<Listing>(other, `/api/matches/${moved.code}`);
      expect(status).toBe(200);
      expect(body.roomId).toBe(moved.matchId);
    }
    if (watcher) {
      const before = watcher.state.clock;
      await watcher.patchesPass(10);
      expect(watcher.state.clock).toBeGreaterThan(before);
    }
    for (const survivor of survivors) expect(survivor.instructor.leftWith).toBeUndefined();
    const health = await getJson<{ rooms: number }>(other, "/health");
    expect(health.body.rooms).toBe(matches.length);
    killedHost = host;
  });

  it("the killed process restarted on its file lets go of the matches taken over: none runs twice", async () => {
    const dead = killedHost as ServerProcess;
    const alive = dead === a ? b : a;
    const index = dead === a ? 1 : 2;
    restarted = await startServerProcess({ dbPath: join(dir, `server-${index}.db`), redisUrl: redis.url });
    track(restarted);
    await until("the restarted process to settle", async () => {
      const { body } = await getJson<{ rooms: number }>(restarted as ServerProcess, "/health");
      return body.rooms === 0;
    });
    await sleep(3000); // a sweep or two: nothing moves back
    expect((await getJson<{ rooms: number }>(restarted, "/health")).body.rooms).toBe(0);
    expect((await getJson<{ rooms: number }>(alive, "/health")).body.rooms).toBe(matches.length);
    const { body } = await getJson<{ id: string; status: string }[]>(restarted, "/api/history");
    const ids = body.map((r) => r.id).sort();
    expect(new Set(ids).size, "each record listed once").toBe(ids.length);
  });

  it("stops cleanly: each process exits 0 on SIGTERM, Redis shuts down, no process is left", async () => {
    await Promise.all(clients.map((client) => client.leave().catch(() => undefined)));
    const running = [a, b, restarted].filter((p): p is ServerProcess => p?.running() === true);
    track(redis, ...running);
    await Promise.all(running.map((p) => p.stop()));
    for (const p of running) expect(await p.exited).toBe(0);
    await redis.stop();
    expect(await redis.exited).toBe(0);
    expect([...pids].filter(isAlive)).toEqual([]);
  });
});
