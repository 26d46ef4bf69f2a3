import { RestoreRequest } from "../../shared/protocol.js";
import type { Simulation } from "../../sim/api.js";
import { realEngine } from "../../sim/review/engine.js";
import type { Engine } from "../../sim/review/replay.js";
import { newKey, sameSecret } from "../match/access.js";
import type { MatchInfo, MatchRecorder, RecorderFactory } from "../match/recorder.js";
import { AnalysisService } from "./analysis.js";
import { type Db, openDb } from "./db.js";
import { Recorder, type RecorderLogger, type RecorderOptions } from "./recorder.js";
import { getListing, unfinishedMatchIds, updatedAtMs } from "./records.js";
import { type RestoredMatch, RestoreError, restoreMatch } from "./recovery.js";

/**
 * Match history for one server process: the database, the recorder the rooms write through, the
 * analysis jobs, and restoring recorded matches into rooms (recovery after a restart, branches).
 */

export interface HistoryLogger extends RecorderLogger {
  info(obj: object, msg: string): void;
}

export interface HistoryOptions extends RecorderOptions {
  /** SQLite file (directories are created); ":memory:" for a throwaway store. */
  path: string;
  /** The simulation engine; tests may pass another, which also makes analysis run in-thread. */
  engine?: Engine;
  logger?: HistoryLogger;
  /** Unfinished matches untouched for longer than this are marked abandoned instead of recovered. */
  recoverWithinHours?: number;
  /** SQLite's synchronous mode: NORMAL (a killed process loses nothing) or FULL (neither does a power cut). */
  synchronous?: "NORMAL" | "FULL";
}

export interface RecoveryOutcome {
  matchId: string;
  code: string;
  ok: boolean;
  error?: string;
}

const DEFAULT_RECOVER_WITHIN_HOURS = 24;

export type CreateRoom = (options: { restore: RestoreRequest }) => Promise<unknown>;
export type Claim = (matchId: string) => Promise<"recover" | "drop" | "skip">;

export class History {
  readonly db: Db;
  readonly recorder: Recorder;
  readonly analysis: AnalysisService;
  private readonly engine: Engine;
  private readonly logger: HistoryLogger | undefined;
  /** Restored worlds waiting for their room's recorder, by the Simulation object the room got. */
  private readonly pending = new WeakMap<Simulation, RestoredMatch>();
  /** Matches this process is recovering, with the ticket each request must carry. */
  private readonly recovering = new Map<string, string>();

  constructor(private readonly options: HistoryOptions) {
    this.db = openDb(options.path, { synchronous: options.synchronous });
    this.engine = options.engine ?? realEngine;
    this.logger = options.logger;
    this.recorder = new Recorder(this.db, options);
    this.analysis = new AnalysisService(this.db, { dbPath: options.path, engine: options.engine });
  }

  /** The database file (other threads open it read-only, e.g. to replay a match's orders). */
  get path(): string {
    return this.options.path;
  }

  /** The rooms' RecorderFactory: a new record per match, or the old one continued for a restored world. */
  readonly recorders: RecorderFactory = (info: MatchInfo): MatchRecorder => {
    const restored = this.pending.get(info.sim);
    this.pending.delete(info.sim);
    if (restored?.matchId) {
      const seats = getListing(this.db, restored.matchId)?.seats ?? [];
      return this.recorder.resume(restored.matchId, info.sim, seats);
    }
    const branchOf = restored && {
      matchId: restored.request.matchId,
      round: restored.at.round,
      t: restored.at.t,
    };
    const start = {
      id: info.matchId,
      code: info.code,
      scenario: info.scenario,
      seed: info.seed,
      options: { ...info.settings },
      seats: [],
      instructorKey: info.instructorKey,
      spectatorKey: info.spectatorKey,
      branchOf,
    };
    return this.recorder.begin(start, info.sim);
  };

  /**
   * For a room's onCreate: the restored match when its options carry `restore` (see RestoreRequest),
   * undefined otherwise. Throws RestoreError with a reason a person can read.
   */
  readonly restore = (options: unknown): RestoredMatch | undefined => {
    if (!options || typeof options !== "object" || !("restore" in options)) return undefined;
    const { restore, ...rest } = options as { restore: unknown } & Record<string, unknown>;
    const parsed = RestoreRequest.safeParse(restore);
    if (!parsed.success) {
      throw new RestoreError(
        `restore: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    }
    const request = parsed.data;
    if (request.kind === "recover") {
      const ticket = this.recovering.get(request.matchId);
      if (!sameSecret(request.ticket, ticket)) {
        throw new RestoreError(`match '${request.matchId}' is not waiting for recovery`);
      }
      this.recovering.delete(request.matchId);
    }
    this.recorder.flush();
    const restored = restoreMatch(this.db, request, this.engine, rest);
    this.pending.set(restored.sim, restored);
    return restored;
  };

  /**
   * After a restart: bring back every unfinished match through `createRoom` (matchMaker.createRoom
   * with the given options). Matches that fail, or are too old, are marked abandoned. `claim` (scale-out)
   * says whether this process may take each one: "recover" it, "drop" the local copy (another process
   * took the match over and holds it), or "skip" it (a live process runs it).
   */
  async recoverAll(createRoom: CreateRoom, claim: Claim = async () => "recover"): Promise<RecoveryOutcome[]> {
    const maxAgeMs = (this.options.recoverWithinHours ?? DEFAULT_RECOVER_WITHIN_HOURS) * 3_600_000;
    const outcomes: RecoveryOutcome[] = [];
    for (const matchId of unfinishedMatchIds(this.db)) {
      const code = getListing(this.db, matchId)?.code ?? "";
      if (this.recorder.nowMs() - updatedAtMs(this.db, matchId) > maxAgeMs) {
        this.markAbandoned(matchId);
        outcomes.push({ matchId, code, ok: false, error: "too old to recover" });
        continue;
      }
      const decision = await claim(matchId);
      if (decision === "drop") this.forgetMatch(matchId);
      if (decision !== "recover") continue;
      outcomes.push(await this.recoverOne(matchId, createRoom));
    }
    return outcomes;
  }

  /** Bring back one unfinished match of this file (after a restart, or taken over from a dead process). */
  async recoverOne(matchId: string, createRoom: CreateRoom): Promise<RecoveryOutcome> {
    const code = getListing(this.db, matchId)?.code ?? "";
    const ticket = newKey();
    this.recovering.set(matchId, ticket);
    try {
      await createRoom({ restore: { kind: "recover", matchId, ticket } });
      this.logger?.info({ matchId, code }, "match recovered");
      return { matchId, code, ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.recovering.delete(matchId);
      this.markAbandoned(matchId);
      this.logger?.error({ matchId, code, err: error }, "match could not be recovered");
      return { matchId, code, ok: false, error: message };
    }
  }

  /** Remove a match's record from this file (another process holds it now). */
  forgetMatch(matchId: string): void {
    this.recorder.flush();
    this.recorder.forget(matchId);
  }

  /** Before rooms are disposed by a shutdown: flush, and stop recording (matches stay "running"). */
  suspend(): void {
    this.recorder.close();
  }

  close(): void {
    this.recorder.close();
    this.db.close();
  }

  private markAbandoned(matchId: string): void {
    this.db
      .prepare("UPDATE matches SET status = 'abandoned' WHERE id = ? AND status = 'running'")
      .run(matchId);
  }
}

export { RestoreError };
