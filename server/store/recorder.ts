import type { MatchStart, Position, SeatRecord, SnapshotReason } from "../../shared/history.js";
import type { Command, MatchSummary, SimEvent, SimPhase, Simulation } from "../../sim/api.js";
import { positionOf } from "../../sim/review/replay.js";
import type { CommandRecord, MatchRecorder } from "../match/recorder.js";
import type { Db } from "./db.js";
import { isTransient, makeWriter, matchIdOf, type Op } from "./writer.js";

/**
 * The recorder: rooms hand it what happens; it queues the writes and flushes them in one transaction
 * every `flushIntervalMs` (or sooner, but never synchronously, once `maxBatch` items wait). A room's
 * tick therefore never waits for the disk, and since items flush in order the file always holds a
 * prefix of each match's record: what recovery needs.
 */

export interface RecorderLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RecorderOptions {
  flushIntervalMs?: number;
  maxBatch?: number;
  /** Live seconds between periodic snapshots (recovery and seeking restart from the latest). */
  snapshotEverySec?: number;
  logger?: RecorderLogger;
  /** Injected for tests; the recorder reads the wall clock only to date records. */
  nowMs?: () => number;
}

export interface RecorderStats {
  /** Transactions committed so far (one per flush). */
  transactions: number;
  itemsWritten: number;
  pending: number;
  failedFlushes: number;
}

export const DEFAULT_SNAPSHOT_EVERY_SEC = 60;
/** A busy or failing disk gets this many retries before the batch is written item by item. */
const MAX_FLUSH_ATTEMPTS = 20;

const consoleLogger: RecorderLogger = {
  error: (obj, msg) => console.error(`history: ${msg}`, obj),
  warn: (obj, msg) => console.warn(`history: ${msg}`, obj),
};

export class Recorder {
  readonly stats: RecorderStats = { transactions: 0, itemsWritten: 0, pending: 0, failedFlushes: 0 };
  readonly snapshotEverySec: number;
  private queue: Op[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Recordings of running matches: checked for a due snapshot between room ticks. */
  private readonly open = new Set<MatchRecording>();
  private watch: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private closed = false;
  private attempts = 0;
  private readonly flushIntervalMs: number;
  private readonly maxBatch: number;
  private readonly logger: RecorderLogger;
  private readonly write: (ops: Op[], nowMs: number) => void;
  readonly nowMs: () => number;

  constructor(
    private readonly db: Db,
    options: RecorderOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
    this.maxBatch = options.maxBatch ?? 500;
    this.snapshotEverySec = options.snapshotEverySec ?? DEFAULT_SNAPSHOT_EVERY_SEC;
    this.logger = options.logger ?? consoleLogger;
    this.nowMs = options.nowMs ?? Date.now;
    this.write = makeWriter(db);
  }

  /** Start recording a new match of `sim` (which the room drives); takes its origin snapshot. */
  begin(start: MatchStart, sim: Simulation): MatchRecording {
    this.enqueue({ kind: "begin", start, atMs: start.createdAtMs ?? this.nowMs() });
    const recording = new MatchRecording(this, start.id, sim, 0, 0, start.seats);
    recording.snapshot("origin");
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
      this.watch = setInterval(() => {
        for (const r of this.open) r.snapshotIfDue();
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
    this.enqueue({ kind: "bookmark", matchId, round, t, author, note, atMs: this.nowMs() });
  }

  /** @internal Used by MatchRecording. */
  enqueue(op: Op): void {
    if (this.closed) return;
    this.queue.push(op);
    this.stats.pending = this.queue.length;
    if (this.queue.length >= this.maxBatch && !this.immediate) {
      this.immediate = setImmediate(() => this.flush());
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushIntervalMs);
      this.timer.unref();
    }
  }

  /** Write everything queued now, in one transaction. Called by the timers; callable directly. */
  flush(): void {
    this.clearTimers();
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    try {
      this.write(batch, this.nowMs());
      this.attempts = 0;
      this.stats.transactions++;
      this.stats.itemsWritten += batch.length;
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
        this.salvage(batch);
      }
    }
    this.stats.pending = this.queue.length;
  }

  /** Flush and stop: later calls are ignored, so rooms disposed by a shutdown stay "running". */
  close(): void {
    this.flush();
    this.closed = true;
    this.clearTimers();
    for (const recording of this.open) this.release(recording);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Write a batch that failed as a whole item by item, so one bad item costs only itself. */
  private salvage(batch: Op[]): void {
    for (const op of batch) {
      try {
        this.write([op], this.nowMs());
        this.stats.itemsWritten++;
      } catch (error) {
        this.logger.error({ err: error, kind: op.kind, matchId: matchIdOf(op) }, "history item dropped");
      }
    }
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }
}

/**
 * One match's record, fed by the room's observation hooks. Every call only queues. Snapshots are
 * taken at each phase change and every `snapshotEverySec` live seconds, whenever a hook runs.
 */
export class MatchRecording implements MatchRecorder {
  private finished = false;
  private lastSnapshot: Position;
  private nextSnapshotAtSec: number;
  private readonly seatLog = new Map<string, SeatRecord>();

  constructor(
    private readonly recorder: Recorder,
    readonly matchId: string,
    private readonly sim: Simulation,
    private seq: number,
    private snapshotIdx: number,
    seats: SeatRecord[],
  ) {
    this.lastSnapshot = positionOf(sim);
    this.nextSnapshotAtSec = this.nextSnapshotAfter(this.lastSnapshot.t);
    for (const seat of seats) this.seatLog.set(seatKey(seat), seat);
  }

  /** Commands recorded so far (the `seq` of the last one). */
  get commandCount(): number {
    return this.seq;
  }

  command(record: CommandRecord): void {
    this.seq++;
    const at = {
      round: record.round,
      phase: record.phase ?? phaseBefore(record.command, this.sim.phase),
      t: record.clock,
    };
    const json = JSON.stringify(record.command);
    this.recorder.enqueue({
      kind: "command",
      matchId: this.matchId,
      seq: this.seq,
      at,
      issuer: record.by,
      json,
    });
    this.snapshotIfDue();
  }

  events(_events: readonly SimEvent[]): void {
    this.snapshotIfDue();
  }

  phase(): void {
    this.snapshotIfDue();
  }

  summary(summary: MatchSummary, final: boolean): void {
    const at = positionOf(this.sim);
    const copy = JSON.parse(JSON.stringify(summary)) as MatchSummary;
    if (!final) {
      this.recorder.enqueue({
        kind: "round",
        matchId: this.matchId,
        round: at.round,
        t: at.t,
        json: JSON.stringify(copy),
      });
      return;
    }
    const last = copy.per_round.at(-1);
    if (last) {
      const json = JSON.stringify(copy);
      this.recorder.enqueue({ kind: "round", matchId: this.matchId, round: last.round, t: at.t, json });
    }
    this.finished = true;
    this.snapshotIfDue();
    this.recorder.release(this);
    this.recorder.enqueue({
      kind: "final",
      matchId: this.matchId,
      at,
      summary: copy,
      atMs: this.recorder.nowMs(),
    });
  }

  /** `by` is how the room names the author ("white:<seat id>"); the record keeps the person's name too. */
  bookmark(note: string, round: number, clock: number, by: string): void {
    const seatId = by.slice(by.indexOf(":") + 1);
    const name = [...this.seatLog.values()].reverse().find((s) => s.seatId === seatId && s.name)?.name;
    this.recorder.bookmark(this.matchId, round, clock, note, name ? `${name} (${seatId})` : by);
  }

  /** Everyone who held a seat is kept, not only who holds it now. */
  seats(seats: SeatRecord[]): void {
    const before = this.seatLog.size;
    for (const seat of seats) if (seat.filledBy !== "") this.seatLog.set(seatKey(seat), { ...seat });
    if (this.seatLog.size === before) return;
    const json = JSON.stringify([...this.seatLog.values()]);
    this.recorder.enqueue({ kind: "seats", matchId: this.matchId, json, atMs: this.recorder.nowMs() });
  }

  /** The room closed: unless the match ended, it was abandoned (ignored once the recorder closed). */
  close(): void {
    if (!this.finished)
      this.recorder.enqueue({ kind: "abandon", matchId: this.matchId, atMs: this.recorder.nowMs() });
    this.recorder.release(this);
  }

  /** @internal Snapshot the world now. */
  snapshot(reason: SnapshotReason): void {
    const at = positionOf(this.sim);
    const json = JSON.stringify(this.sim.snapshot());
    const idx = this.snapshotIdx++;
    this.recorder.enqueue({
      kind: "snapshot",
      matchId: this.matchId,
      idx,
      afterSeq: this.seq,
      at,
      reason,
      json,
    });
    this.lastSnapshot = at;
    this.nextSnapshotAtSec = this.nextSnapshotAfter(at.t);
  }

  /** @internal A snapshot when the phase changed or the periodic one is due. */
  snapshotIfDue(): void {
    const now = positionOf(this.sim);
    if (now.round !== this.lastSnapshot.round || now.phase !== this.lastSnapshot.phase)
      this.snapshot("phase");
    else if (now.phase === "live" && now.t >= this.nextSnapshotAtSec) this.snapshot("periodic");
  }

  private nextSnapshotAfter(t: number): number {
    const every = this.recorder.snapshotEverySec;
    return (Math.floor(t / every) + 1) * every;
  }
}

function seatKey(seat: SeatRecord): string {
  return `${seat.seatId}\u0000${seat.name}\u0000${seat.filledBy}`;
}

/** For a room that does not say: phase commands leave a known phase, the others leave the world's. */
function phaseBefore(command: Command, phaseNow: SimPhase): SimPhase {
  switch (command.type) {
    case "start-live":
      return "planning";
    case "end-live":
      return "live";
    case "next-round":
      return "assessment";
    default:
      return phaseNow;
  }
}
