import { refusal } from "../../shared/commands.js";
import type { MatchStart, SeatRecord } from "../../shared/history.js";
import type { CommandResult, Simulation } from "../../sim/api.js";
import type { Db } from "./db.js";
import { MatchRecording, type RecordingSink } from "./match-recording.js";
import { opsOfRecord } from "./record-ops.js";
import { isTransient, makeWriter, matchIdOf, type Op, type Writer } from "./writer.js";

/**
 * The recorder: rooms hand it what happens and it writes it to the history file at once, each item in
 * its own transaction, before the call returns (WAL mode: a commit costs tens of microseconds, see
 * `npm run bench -- durable`). A command is applied inside the transaction that records it, so a
 * command anyone sees accepted is on disk. Only world snapshots, which are large and which recovery can
 * do without (it re-simulates from an earlier one), are queued and written every `flushIntervalMs`.
 * Every item written is also handed to the replica, if any (Redis: server/store/replica.ts).
 */

export interface RecorderLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Where written items are copied so that another process can take a match over. */
export interface Replica {
  append(op: Op): void;
  /** Resolves when every item of the match appended so far is stored; undefined when none is pending. */
  settled(matchId: string): Promise<void> | undefined;
  /** Another process took a match over: this one must let it go. */
  onLost?(listener: (matchId: string) => void): void;
  /** Where a match's whole record comes from if the replica loses it (this file). */
  reseedFrom?(provider: (matchId: string) => Op[]): void;
}

export interface RecorderOptions {
  flushIntervalMs?: number;
  /** Live seconds between periodic snapshots (recovery and seeking restart from the latest). */
  snapshotEverySec?: number;
  /**
   * Real milliseconds a match's periodic snapshots keep apart at least (default 0): at a high time scale
   * `snapshotEverySec` passes many times a second, and each snapshot copies, encodes and writes the
   * whole world on the event loop every match's ticks share. The server uses SNAPSHOT_MIN_GAP_MS.
   */
  snapshotMinGapMs?: number;
  logger?: RecorderLogger;
  replica?: Replica;
  /** Injected for tests; the recorder reads the wall clock to date records and space snapshots. */
  nowMs?: () => number;
}

export interface RecorderStats {
  /** Transactions committed so far. */
  transactions: number;
  itemsWritten: number;
  /** Snapshots waiting for the next flush. */
  pending: number;
  failedFlushes: number;
}

export const DEFAULT_SNAPSHOT_EVERY_SEC = 60;
/**
 * The server's spacing of a match's periodic snapshots in real time: at ×120 a match would otherwise
 * take two a second, the largest pause of a loaded process's ticks (docs/scale-out.md, "Tick lag").
 */
export const SNAPSHOT_MIN_GAP_MS = 5000;
/** A busy or failing disk gets this many retries of the snapshot queue before it is written item by item. */
const MAX_FLUSH_ATTEMPTS = 20;
/** Flush intervals between two looks at the WAL's size (4 × 250 ms: once a second while matches run). */
const CHECKPOINT_EVERY_TURNS = 4;
/** A commit writes two or three pages: about SQLite's own threshold of 1,000 pages between checkpoints. */
const CHECKPOINT_TRANSACTIONS = 400;
/** A failing disk is reported at most this often (a running match writes every tick). */
const ERROR_LOG_INTERVAL_MS = 10_000;

const consoleLogger: RecorderLogger = {
  error: (obj, msg) => console.error(`history: ${msg}`, obj),
  warn: (obj, msg) => console.warn(`history: ${msg}`, obj),
};

/** The sim refused the command: the transaction rolls back and the refusal goes to the caller. */
class Refused extends Error {
  constructor(readonly result: CommandResult) {
    super("refused");
  }
}

export class Recorder implements RecordingSink {
  readonly stats: RecorderStats = { transactions: 0, itemsWritten: 0, pending: 0, failedFlushes: 0 };
  readonly snapshotEverySec: number;
  readonly snapshotMinGapMs: number;
  private queue: Op[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Recordings of running matches: checked for a due snapshot between room ticks. */
  private readonly open = new Set<MatchRecording>();
  private watch: NodeJS.Timeout | null = null;
  private closed = false;
  private attempts = 0;
  private checkpointedAt = 0;
  private lastErrorLogMs = Number.NEGATIVE_INFINITY;
  private readonly flushIntervalMs: number;
  private readonly logger: RecorderLogger;
  private readonly writer: Writer;
  readonly replica: Replica | undefined;
  readonly nowMs: () => number;

  constructor(
    private readonly db: Db,
    options: RecorderOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.snapshotEverySec = options.snapshotEverySec ?? DEFAULT_SNAPSHOT_EVERY_SEC;
    this.snapshotMinGapMs = options.snapshotMinGapMs ?? 0;
    this.logger = options.logger ?? consoleLogger;
    this.replica = options.replica;
    this.nowMs = options.nowMs ?? Date.now;
    this.writer = makeWriter(db);
    // Checkpoints (copying the WAL into the database file, with an fsync) would otherwise run inside
    // whichever commit crosses the threshold, an order's; they run on the flush timer instead.
    db.pragma("wal_autocheckpoint = 0");
    this.replica?.onLost?.((matchId) => {
      for (const recording of this.open) if (recording.matchId === matchId) recording.taken();
    });
    this.replica?.reseedFrom?.((matchId) => {
      this.flush();
      return opsOfRecord(db, matchId);
    });
  }

  /**
   * Write a match's record as another process kept it (a takeover, server/takeover.ts), replacing any
   * copy this file has. Not replicated: it comes from the replica.
   */
  importRecord(matchId: string, ops: readonly Op[]): void {
    this.flush();
    this.writer.writeThen([], this.nowMs(), () => {
      this.forget(matchId);
      this.writer.write([...ops], this.nowMs());
    });
  }

  /** Remove a match's record from this file (another process holds it now). */
  forget(matchId: string): void {
    this.db.prepare("DELETE FROM matches WHERE id = ?").run(matchId);
  }

  /** Start recording a new match of `sim` (which the room drives); takes its origin snapshot. */
  begin(start: MatchStart, sim: Simulation): MatchRecording {
    this.durable({ kind: "begin", start, atMs: start.createdAtMs ?? this.nowMs() });
    const recording = new MatchRecording(this, start.id, sim, 0, 0, start.seats);
    this.durable(recording.snapshotOp("origin"));
    return this.opened(recording);
  }

  /** Continue recording a match already in the file (recovered into `sim`): numbering carries on. */
  resume(matchId: string, sim: Simulation, seats: SeatRecord[]): MatchRecording {
    this.flush();
    const row = this.db
      .prepare<[string, string], { seq: number | null; idx: number | null }>(
        `SELECT (SELECT max(seq) FROM commands WHERE match_id = ?) AS seq,
                (SELECT max(idx) FROM snapshots WHERE match_id = ?) AS idx`,
      )
      .get(matchId, matchId);
    return this.opened(new MatchRecording(this, matchId, sim, row?.seq ?? 0, (row?.idx ?? -1) + 1, seats));
  }

  /**
   * Hooks run only when something happens, so a quiet stretch of a night would go unsnapshotted.
   * Every flush interval (between room ticks, when each world agrees with its recorded commands)
   * each open recording takes the snapshot that is due.
   */
  private opened(recording: MatchRecording): MatchRecording {
    this.open.add(recording);
    if (!this.watch) {
      let turns = 0;
      this.watch = setInterval(() => {
        for (const r of this.open) r.snapshotIfDue();
        if (++turns % CHECKPOINT_EVERY_TURNS === 0) this.checkpoint();
      }, this.flushIntervalMs);
      this.watch.unref();
    }
    return recording;
  }

  /** @internal The match ended or its room closed. */
  release(recording: MatchRecording): void {
    this.open.delete(recording);
    if (this.open.size === 0 && this.watch) {
      clearInterval(this.watch);
      this.watch = null;
    }
  }

  /** A note at a moment of any match (live, or set later during a replay). */
  bookmark(matchId: string, round: number, t: number, note: string, author: string): void {
    this.durable({ kind: "bookmark", matchId, round, t, author, note, atMs: this.nowMs() });
  }

  /** @internal Write one item now, in its own transaction; a failure is logged, never thrown. */
  durable(op: Op): void {
    if (this.closed) return;
    try {
      this.writer.write([op], this.nowMs());
      this.written(op);
    } catch (error) {
      this.reportFailure(error, op);
    }
  }

  /**
   * @internal Record a command and apply it in one transaction. The sim's refusal rolls the record back;
   * a write that fails refuses the command before it is applied.
   */
  durableCommand(op: Op, apply: () => CommandResult): CommandResult {
    if (this.closed) return apply();
    let applied = false;
    try {
      const result = this.writer.writeThen([op], this.nowMs(), () => {
        const outcome = apply();
        if (!outcome.ok) throw new Refused(outcome);
        applied = true;
        return outcome;
      });
      this.written(op);
      return result;
    } catch (error) {
      if (error instanceof Refused) return error.result;
      this.reportFailure(error, op);
      if (applied) return { ok: true, events: [] }; // lost at the commit: see docs/scale-out.md
      return refusal("internal", "the server could not save this order, so it was not applied");
    }
  }

  /** @internal Snapshots wait for the next flush. */
  enqueue(op: Op): void {
    if (this.closed) return;
    this.queue.push(op);
    this.stats.pending = this.queue.length;
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /**
   * Copy the WAL into the database file where no reader holds it back (never blocks a reader), once
   * `CHECKPOINT_TRANSACTIONS` commits have grown it, or always with `force`.
   */
  checkpoint(force = false): void {
    if (this.closed || this.db.memory) return;
    if (!force && this.stats.transactions - this.checkpointedAt < CHECKPOINT_TRANSACTIONS) return;
    this.checkpointedAt = this.stats.transactions;
    try {
      this.db.pragma("wal_checkpoint(PASSIVE)");
    } catch (error) {
      this.logger.warn({ err: error }, "checkpoint failed, will retry");
    }
  }

  /** Write the queued snapshots now, in one transaction. Called by the timer; callable directly. */
  flush(): void {
    this.clearTimer();
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.writer.write(batch, this.nowMs());
      this.attempts = 0;
      for (const op of batch) this.written(op);
    } catch (error) {
      this.stats.failedFlushes++;
      this.attempts++;
      if (isTransient(error) && this.attempts < MAX_FLUSH_ATTEMPTS && !this.closed) {
        this.queue = batch.concat(this.queue);
        this.logger.warn(
          { err: error, items: batch.length, attempt: this.attempts },
          "flush failed, will retry",
        );
        this.timer = setTimeout(() => this.flush(), this.flushIntervalMs * this.attempts);
        this.timer.unref();
      } else {
        this.attempts = 0;
        for (const op of batch) this.durable(op);
      }
    }
    this.stats.pending = this.queue.length;
  }

  /** Flush and stop: later calls are ignored, so rooms disposed by a shutdown stay "running". */
  close(): void {
    this.flush();
    this.checkpoint(true);
    this.closed = true;
    this.clearTimer();
    for (const recording of this.open) this.release(recording);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  settled(matchId: string): Promise<void> | undefined {
    return this.replica?.settled(matchId);
  }

  private written(op: Op): void {
    this.stats.transactions++;
    this.stats.itemsWritten++;
    // The replica had where the world got to when it happened (reached); a late copy could only rewind it.
    if (op.kind !== "reached") this.replica?.append(op);
  }

  /**
   * @internal Where a match's world got to: to the replica at once (another process taking the match
   * over resumes the clock its clients last saw), to this file with the next flush.
   */
  reached(op: Op): void {
    if (this.closed) return;
    this.replica?.append(op);
    this.enqueue(op);
  }

  private reportFailure(error: unknown, op: Op): void {
    this.stats.failedFlushes++;
    const nowMs = this.nowMs();
    if (nowMs - this.lastErrorLogMs < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLogMs = nowMs;
    this.logger.error({ err: error, kind: op.kind, matchId: matchIdOf(op) }, "history item not written");
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
