import type { CompiledScenario } from "../../shared/compiled.js";
import type { MatchRecord, Position } from "../../shared/history.js";
import { CreateMatchOptions, type RestoreRequest } from "../../shared/protocol.js";
import type { Simulation } from "../../sim/api.js";
import {
  comparePositions,
  type Engine,
  formatPosition,
  lastKnownPosition,
  Replay,
} from "../../sim/review/replay.js";
import { mayBranch } from "../match/access.js";
import type { ClockControls, Identity } from "../match/recorder.js";
import type { Db } from "./db.js";
import { liveStateOf, loadRecord, recordFacts, replaySource } from "./records.js";

/**
 * Bringing a recorded match back to life: after a restart (recover: the last snapshot plus the
 * commands after it, re-simulated to the latest moment the record knows, which is where the match
 * was at its last tick), or as a new match branched from any moment of an old one ("what if the
 * strait had been open here?"), which needs the old match's instructor key unless it ended in public.
 */

/** What a room needs to continue a recorded match. */
export interface RestoredMatch {
  request: RestoreRequest;
  /** Recover: the match id and join code the record goes on under. Branch: a new match gets new ones. */
  matchId?: string;
  code?: string;
  instructorKey?: string;
  spectatorKey?: string;
  scenario: CompiledScenario;
  /** The room's create options, as recorded (a branch may override pacing, seats, autostart, private). */
  settings: Record<string, unknown>;
  seed: number;
  sim: Simulation;
  /** In a planning phase whose scripted orders were not recorded yet: scripted seats plan again. */
  replan: boolean;
  /** Where the world is. */
  at: Position;
  /** Recover: pause and time scale as they were (null when never changed). */
  controls: ClockControls | null;
  /** Recover: who was connected, with the credentials that take their places back. */
  identities: Identity[];
}

export class RestoreError extends Error {
  override name = "RestoreError";
}

/** Keys of the create options a branch may change; the rest (scenario, seed) stay the record's. */
const BRANCH_OVERRIDES = [
  "pacing",
  "seats",
  "autostart",
  "planningSec",
  "private",
  "spectatorDelaySec",
] as const;

export function restoreMatch(
  db: Db,
  request: RestoreRequest,
  engine: Engine,
  options: Record<string, unknown> = {},
): RestoredMatch {
  const record = loadRecord(db, request.matchId);
  const facts = recordFacts(db, request.matchId);
  const live = liveStateOf(db, request.matchId);
  if (!record || !facts || !live) throw new RestoreError(`no recorded match '${request.matchId}'`);
  if (request.kind === "branch" && !mayBranch(facts, request.instructorKey)) {
    throw new RestoreError(
      `match '${record.id}' is ${facts.private ? "private" : "still running"}: branching it needs its instructor key`,
    );
  }
  const source = replaySource(db, record);
  const last = latest(lastKnownPosition(source), live.reached);
  const at = request.kind === "recover" ? last : request.at;
  if (!at || !last) throw new RestoreError(`match '${record.id}' has nothing recorded to restore`);
  if (comparePositions(at, last) > 0) {
    throw new RestoreError(
      `match '${record.id}' was recorded up to ${formatPosition(last)}, not ${formatPosition(at)}`,
    );
  }
  const replay = new Replay(source, engine);
  replay.seek(at);
  if (comparePositions(replay.position, at) !== 0) {
    throw new RestoreError(
      `match '${record.id}' never was at ${formatPosition(at)}: replaying to it reaches ${formatPosition(replay.position)}`,
    );
  }
  const base = {
    request,
    scenario: record.scenarioFile,
    seed: record.seed,
    sim: replay.sim,
    replan: replay.sim.phase === "planning" && !scriptedPlanned(record, at.round),
    at: replay.position,
  };
  if (request.kind === "recover") {
    return {
      ...base,
      matchId: record.id,
      code: record.code,
      instructorKey: live.instructorKey ?? undefined,
      spectatorKey: live.spectatorKey ?? undefined,
      settings: record.options,
      controls: live.controls,
      identities: live.identities,
    };
  }
  const overrides = Object.fromEntries(
    BRANCH_OVERRIDES.filter((k) => k in options).map((k) => [k, options[k]]),
  );
  const settings = { ...record.options, ...overrides, seed: record.seed };
  const parsed = CreateMatchOptions.safeParse(settings);
  if (!parsed.success) {
    throw new RestoreError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  return { ...base, settings, controls: null, identities: [] };
}

function latest(a: Position | null, b: Position | null): Position | null {
  if (!a || !b) return a ?? b;
  return comparePositions(a, b) >= 0 ? a : b;
}

/** Scripted seats give their planning orders as the phase starts, all in one tick (one batch). */
function scriptedPlanned(record: MatchRecord, round: number): boolean {
  return record.commands.some(
    (c) => c.round === round && c.phase === "planning" && c.issuer.startsWith("plan:"),
  );
}
