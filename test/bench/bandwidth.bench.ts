import { Client, type Room } from "colyseus.js";
import { createGameServer, DEFAULT_MAX_ROOMS } from "../../server/app.js";
import { matchRoomClass } from "../../server/colyseus/MatchRoom.js";
import { MATCH_ROOM_NAME } from "../../server/colyseus/metadata.js";
import { FaultLog } from "../../server/faults.js";
import { DEFAULT_RATE_LIMIT } from "../../server/match/ratelimit.js";
import type { ScenarioSource } from "../../server/scenarios/source.js";
import type { CompiledScenario } from "../../shared/compiled.js";
import type { DefaultPlans } from "../../shared/plan.js";
import { MatchState, scoresOf } from "../../shared/wire/state.js";
import type { Command } from "../../sim/api.js";
import { type BenchModule, type BenchReport, nowMs } from "./harness.js";
import { benchDefence, benchRaid, benchScenario } from "./sim-workload.js";

/**
 * Bytes per second that clients receive during a 1,100-threat night (the simulation bench's theatre,
 * played by "plan" seats through a real server and real colyseus.js clients): a fog-of-war player's
 * view (defender, and attacker), and a truth spectator. Two rooms play the same night side by side: one
 * syncs tracks as legs (fields change only when a leg does), the other rewrites positions on every patch,
 * as a naive server would. Everything a client receives counts: patches, feed and other messages,
 * framing. BENCH_TIME_SCALE overrides the pace (×60, the default pacing) for quick runs.
 */
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 60);
const TARGET_PLAYER_BYTES_PER_SEC = 8 * 1024;
const TARGET_SPECTATOR_BYTES_PER_SEC = 24 * 1024;
const TARGET_RATIO = 10;
const VIEWS = ["defender", "attacker", "truth"] as const;
type ViewName = (typeof VIEWS)[number];

function benchPlans(): DefaultPlans {
  const commands = [...benchDefence(), ...benchRaid()];
  const pick = <T extends Command["type"]>(type: T) =>
    commands.filter((c): c is Extract<Command, { type: T }> => c.type === type);
  return {
    defender: {
      side: "defender",
      deployments: pick("deploy").map((d) => ({
        type: d.unitType,
        at: d.at,
        doctrine: d.doctrine,
        round: 1,
      })),
      resupply: [],
    },
    attacker: {
      side: "attacker",
      salvos: pick("plan-salvo").map(
        ({ zone, threatType, count, launchAtSec, intervalSec, target, waypoints }) => ({
          round: 1,
          zone,
          threatType,
          count,
          launchAtSec,
          intervalSec,
          target,
          waypoints,
        }),
      ),
    },
  };
}

function benchSource(): ScenarioSource {
  const scenario: CompiledScenario = {
    ...benchScenario(),
    seats: { ...benchScenario().seats, spectator: 10 },
  };
  const plans = benchPlans();
  return {
    list: () => [
      {
        id: scenario.id,
        name: scenario.name,
        description: scenario.description,
        rounds: 1,
        seats: scenario.seats,
      },
    ],
    load: (id) => (id === scenario.id ? scenario : undefined),
    defaultPlans: (id) => (id === scenario.id ? plans : undefined),
  };
}

interface Night {
  liveSec: number;
  simSec: number;
  /** State patches the truth spectator received per second: 10 unless the machine falls behind. */
  patchesPerSec: number;
  launched: number;
  bytesPerSec: Record<ViewName, number>;
  /** Share of the bytes that were messages (the event feed) rather than state patches. */
  messageShare: Record<ViewName, number>;
}

interface Meter {
  bytes: number;
  /** Bytes of messages (feed, replies), as opposed to state patches. */
  messageBytes: number;
  patches: number;
}

/** Protocol codes of frames (colyseus.js Protocol.ROOM_DATA, ROOM_STATE_PATCH). */
const ROOM_DATA = 13;
const ROOM_STATE_PATCH = 15;

/** Count the bytes a client's socket receives. */
function meter(room: Room<MatchState>): Meter {
  const counter = { bytes: 0, messageBytes: 0, patches: 0 };
  for (const type of ["welcome", "feed", "summary", "error"]) room.onMessage(type, () => {});
  const ws = (
    room.connection.transport as unknown as { ws: { addEventListener: WebSocket["addEventListener"] } }
  ).ws;
  ws.addEventListener("message", (event: MessageEvent<ArrayBuffer>) => {
    counter.bytes += event.data.byteLength;
    const code = new Uint8Array(event.data)[0];
    if (code === ROOM_DATA) counter.messageBytes += event.data.byteLength;
    if (code === ROOM_STATE_PATCH) counter.patches++;
  });
  return counter;
}

/** The same room with positions rewritten on every patch (the comparison), defined next to `match`. */
const NAIVE_ROOM = "match-positions-every-patch";
const SEED = 7;

/** One night in a room of `roomName`, watched from the three views; bytes counted during the live phase. */
async function playNight(connect: () => Client, roomName: string): Promise<Night> {
  const truth = await connect().create(
    roomName,
    {
      scenario: "bench",
      seed: SEED,
      seats: { attacker: "plan", defender: "plan" },
      autostart: true,
      planningSec: 5,
      pacing: { mode: "realtime", timeScale: TIME_SCALE },
      seat: "spectator",
      name: "truth",
    },
    MatchState,
  );
  const join = (view: ViewName) =>
    connect().joinById(truth.roomId, { seat: "spectator", name: view, view }, MatchState);
  const rooms: Record<ViewName, Room<MatchState>> = {
    truth,
    defender: await join("defender"),
    attacker: await join("attacker"),
  };
  const meters = Object.fromEntries(VIEWS.map((v) => [v, meter(rooms[v])])) as Record<ViewName, Meter>;
  const snapshot = () => ({
    at: nowMs(),
    clock: truth.state.clock,
    patches: meters.truth.patches,
    bytes: VIEWS.map((v) => meters[v].bytes),
    messageBytes: VIEWS.map((v) => meters[v].messageBytes),
  });
  const start = await new Promise<ReturnType<typeof snapshot>>((resolve) => {
    truth.onStateChange((state) => state.phase === "live" && resolve(snapshot()));
  });
  let lastLive = start;
  const end = await new Promise<ReturnType<typeof snapshot>>((resolve) => {
    truth.onStateChange((state) => {
      if (state.phase === "live") lastLive = snapshot();
      else resolve(lastLive);
    });
  });
  const liveSec = (end.at - start.at) / 1000;
  const perView = (f: (i: number) => number) =>
    Object.fromEntries(VIEWS.map((v, i) => [v, f(i)])) as Record<ViewName, number>;
  await Promise.all(VIEWS.map((v) => rooms[v].leave()));
  return {
    liveSec,
    simSec: end.clock - start.clock,
    patchesPerSec: (end.patches - start.patches) / liveSec,
    launched: scoresOf(truth.state).threats_launched,
    bytesPerSec: perView((i) => (end.bytes[i] - start.bytes[i]) / liveSec),
    messageShare: perView(
      (i) => (end.messageBytes[i] - start.messageBytes[i]) / (end.bytes[i] - start.bytes[i]),
    ),
  };
}

/** Both nights at once on one server, so they share the machine's load (and take half the time). */
async function playBoth(): Promise<{ legs: Night; naive: Night }> {
  const scenarios = benchSource();
  const game = createGameServer({ logLevel: "warn", scenarios });
  game.server.define(
    NAIVE_ROOM,
    matchRoomClass({
      scenarios,
      log: game.log,
      faults: new FaultLog(game.log),
      sync: { positionsEveryPatch: true },
      rateLimit: DEFAULT_RATE_LIMIT,
      reconnectHoldSec: 120,
      debriefKeepSec: 60,
      maxRooms: DEFAULT_MAX_ROOMS,
      emptyGraceSec: 0,
      now: () => Date.now(),
    }),
  );
  const port = await game.listen(0, "127.0.0.1");
  const connect = () => new Client(`ws://127.0.0.1:${port}`);
  try {
    const [legs, naive] = await Promise.all([
      playNight(connect, MATCH_ROOM_NAME),
      playNight(connect, NAIVE_ROOM),
    ]);
    return { legs, naive };
  } finally {
    await game.shutdown();
  }
}

const kb = (bytesPerSec: number) => `${(bytesPerSec / 1024).toFixed(2)} KB/s`;

export const bandwidthBench: BenchModule = {
  name: "bandwidth",
  async run(): Promise<BenchReport> {
    const { legs, naive } = await playBoth();
    const ratio = (v: ViewName) => naive.bytesPerSec[v] / legs.bytesPerSec[v];
    const figures: [string, string][] = VIEWS.flatMap((v): [string, string][] => [
      [`${v} view, legs`, `${kb(legs.bytesPerSec[v])} (feed ${(100 * legs.messageShare[v]).toFixed(0)} %)`],
      [`${v} view, positions every patch`, kb(naive.bytesPerSec[v])],
      [`${v} view, ratio`, `${ratio(v).toFixed(1)}×`],
    ]);
    return {
      workload: [
        `${legs.launched} threats launched in one night of the simulation bench's theatre, "plan" seats on both sides`,
        `time scale ×${TIME_SCALE}, seed ${SEED}; both runs side by side on one server (same world, same load): ` +
          `${(legs.simSec / 3600).toFixed(1)} simulated hours in ${legs.liveSec.toFixed(0)} s with legs, ` +
          `${(naive.simSec / 3600).toFixed(1)} h in ${naive.liveSec.toFixed(0)} s with positions every patch`,
        `patches delivered per second (10 nominal): ${legs.patchesPerSec.toFixed(1)} with legs, ` +
          `${naive.patchesPerSec.toFixed(1)} with positions every patch`,
        "bytes received by colyseus.js clients over WebSocket during the live phase, everything included",
      ],
      figures,
      targets: [
        {
          label: `fog-of-war player (defender view) ≤ ${kb(TARGET_PLAYER_BYTES_PER_SEC)} on average`,
          met: legs.bytesPerSec.defender <= TARGET_PLAYER_BYTES_PER_SEC,
        },
        {
          label: `fog-of-war player (attacker view) ≤ ${kb(TARGET_PLAYER_BYTES_PER_SEC)} on average`,
          met: legs.bytesPerSec.attacker <= TARGET_PLAYER_BYTES_PER_SEC,
        },
        {
          label: `truth spectator ≤ ${kb(TARGET_SPECTATOR_BYTES_PER_SEC)} on average`,
          met: legs.bytesPerSec.truth <= TARGET_SPECTATOR_BYTES_PER_SEC,
        },
        {
          label: `legs at least ${TARGET_RATIO}× below positions every patch (every view)`,
          met: VIEWS.every((v) => ratio(v) >= TARGET_RATIO),
        },
      ],
    };
  },
};
