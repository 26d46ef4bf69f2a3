import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDb } from "../../server/store/db.js";
import { liveStateOf, loadRecord } from "../../server/store/records.js";
import type { Position } from "../../shared/history.js";
import { comparePositions } from "../../sim/review/replay.js";
import { tempDir } from "../unit/store/helpers.js";
import { sleep, TestClient } from "./helpers.js";
import { type ChildServer, startChild } from "./history-harness.js";

/**
 * A crash loses nothing anyone was told. An attacker sends orders in a loop until the server process is
 * SIGKILLed, then the server restarts on the same file and port. Every order the attacker saw accepted
 * (its salvo showed in its state) is in the record and in the recovered world; the match comes back
 * paused exactly where its record ends; the attacker's client reconnects with its token, a stranger
 * finds the seat taken, and the seat's rejoin code takes it back from another device.
 */
const TRIALS = 5;
/** ×10: the night lasts 120 s, long enough to kill the server in the middle of it. */
const MATCH = {
  scenario: "training-range",
  seats: { defender: "plan" },
  autostart: true,
  planningSec: 5,
  pacing: { mode: "realtime", timeScale: 10 },
} as const;
const RECORDED_TIME_SCALE = 12;
/** Each order is tagged with its number in `intervalSec` (a one-decoy salvo never uses it). */
const decoy = (tag: number, clock: number) => ({
  zone: "launch-site",
  threatType: "gerbera",
  count: 1,
  launchAtSec: Math.max(0, 1150 - clock), // launches at the night's end: nothing flies meanwhile
  intervalSec: tag,
  target: "riverton",
});

interface AtKill {
  acknowledged: Set<number>;
  sent: number;
  /** The last clock the attacker's client showed. */
  clockSeen: number;
  token: string;
  roomId: string;
  rejoinCode: string;
  instructorKey: string;
}

describe("a server killed while orders arrive", () => {
  const tmp = tempDir("skyshield-crash-");
  const servers: ChildServer[] = [];
  const clients: TestClient[] = [];

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.leave().catch(() => undefined)));
    for (const server of servers.splice(0)) await server.kill("SIGKILL");
  });
  afterAll(() => tmp.cleanup());

  const ws = (server: ChildServer) => new Client(`ws://127.0.0.1:${server.port}`);
  const track = (client: TestClient) => {
    clients.push(client);
    return client;
  };

  /** Play until the night runs, then send orders until the server dies `killAfterMs` into the loop. */
  async function ordersUntilKilled(server: ChildServer, killAfterMs: number): Promise<AtKill> {
    const instructor = track(
      await TestClient.create(ws(server), { ...MATCH, seat: "instructor", name: "White" }),
    );
    const attacker = track(
      await TestClient.join(ws(server), instructor.room.roomId, { seat: "attacker", name: "Red" }),
    );
    await attacker.waitFor(
      () => attacker.state.phase === "live" && attacker.state.clock > 20,
      "the night to be under way",
    );
    // The instructor's clock controls are recorded too.
    instructor.send("time-scale", { timeScale: RECORDED_TIME_SCALE });
    await attacker.waitFor(() => attacker.state.timeScale === RECORDED_TIME_SCALE, "the new time scale");
    const acknowledged = new Set<number>();
    attacker.room.onStateChange((state) => {
      for (const salvo of state.salvos.values()) acknowledged.add(salvo.intervalSec);
    });
    const welcome = { attacker: attacker.welcome, instructor: instructor.welcome };
    let token = attacker.room.reconnectionToken;
    const killed = sleep(killAfterMs).then(() => server.kill("SIGKILL"));
    let sent = 0;
    while (attacker.leftWith === undefined) {
      token = attacker.room.reconnectionToken;
      attacker.send("plan-salvo", decoy(++sent, attacker.state.clock));
      await sleep(45); // about 20 a second: the flood limit
    }
    await killed;
    expect(attacker.errors, "no order was refused").toEqual([]);
    return {
      acknowledged,
      sent,
      clockSeen: attacker.state.clock,
      token,
      roomId: attacker.room.roomId,
      rejoinCode: welcome.attacker?.rejoinCode ?? "",
      instructorKey: welcome.instructor?.instructorKey ?? "",
    };
  }

  /** What the file holds after the kill: the tags of the recorded orders, and where the match got to. */
  function onDisk(dbPath: string, matchId: string): { tags: Set<number>; at: Position } {
    const db = openDb(dbPath, { readonly: true });
    try {
      const record = loadRecord(db, matchId);
      const live = liveStateOf(db, matchId);
      if (!record || !live?.reached) throw new Error("no record of the match");
      const salvos = record.commands.flatMap((c) => (c.command.type === "plan-salvo" ? [c.command] : []));
      const lastCommand = record.commands.at(-1) as Position;
      const at = comparePositions(lastCommand, live.reached) >= 0 ? lastCommand : live.reached;
      return { tags: new Set(salvos.map((s) => s.intervalSec)), at };
    } finally {
      db.close();
    }
  }

  for (let trial = 1; trial <= TRIALS; trial++) {
    it(`trial ${trial}: every acknowledged order survives, the clock is exact, the seats are the players'`, async () => {
      const dbPath = join(tmp.dir, `trial-${trial}`, "skyshield.db");
      const first = await startChild(dbPath);
      servers.push(first);
      const atKill = await ordersUntilKilled(first, 700 + 250 * trial);
      expect(atKill.acknowledged.size, "orders were acknowledged before the kill").toBeGreaterThanOrEqual(10);

      const disk = onDisk(dbPath, atKill.roomId);
      const lost = [...atKill.acknowledged].filter((tag) => !disk.tags.has(tag));
      expect(lost, "acknowledged orders missing from the record").toEqual([]);
      expect(disk.tags.size).toBeLessThanOrEqual(atKill.sent);
      expect(disk.at.phase).toBe("live");
      console.info(
        `trial ${trial}: sent ${atKill.sent}, acknowledged ${atKill.acknowledged.size}, recorded ${disk.tags.size}, ` +
          `lost ${lost.length}; clock last shown ${atKill.clockSeen} s, recorded ${disk.at.t} s`,
      );

      const second = await startChild(dbPath, first.port);
      servers.push(second);
      const back = track(await TestClient.reconnect(ws(second), atKill.token));
      await back.waitFor(() => back.state.code !== "" && back.state.salvos.size > 0, "the recovered state");
      expect(back.state).toMatchObject({
        phase: "live",
        paused: true,
        clock: disk.at.t,
        timeScale: RECORDED_TIME_SCALE,
      });
      const recovered = new Set([...back.state.salvos.values()].map((s) => s.intervalSec));
      expect(recovered).toEqual(disk.tags);
      expect(back.state.seats.get("attacker-1")).toMatchObject({ filledBy: "human", name: "Red" });

      // Strangers find the seat taken, with or without a guessed code.
      const joinAs = (options: Record<string, unknown>) =>
        TestClient.join(ws(second), atKill.roomId, options);
      await expect(joinAs({ seat: "attacker", name: "Mallory" })).rejects.toThrow(/no open attacker seat/);
      await expect(joinAs({ seat: "attacker", name: "Mallory", rejoinCode: "WRONG234" })).rejects.toThrow(
        /rejoin code opens no attacker seat/,
      );
      await expect(joinAs({ seat: "attacker", name: "Red", rejoinCode: atKill.rejoinCode })).rejects.toThrow(
        /connected from another device/,
      );
      // The player's phone died: from another device, the rejoin code takes the held seat back.
      back.room.connection.close();
      const watcher = track(
        await joinAs({ seat: "instructor", name: "White", instructorKey: atKill.instructorKey }),
      );
      await watcher.waitFor(() => watcher.state.seats.get("attacker-1")?.connected === false, "the drop");
      const laptop = track(await joinAs({ seat: "attacker", name: "Red", rejoinCode: atKill.rejoinCode }));
      await laptop.waitFor(() => laptop.welcome !== undefined && laptop.state.salvos.size > 0, "the seat");
      expect(laptop.welcome).toMatchObject({ seatId: "attacker-1", role: "attacker" });
      expect(new Set([...laptop.state.salvos.values()].map((s) => s.intervalSec))).toEqual(disk.tags);
    }, 120_000);
  }
});
