import { refusal } from "../../shared/commands.js";
import type { MatchStart, Position, SeatRecord, SnapshotReason } from "../../shared/history.js";
import type { Command, CommandResult, MatchSummary, SimEvent, SimPhase, Simulation } from "../../sim/api.js";
import { positionOf } from "../../sim/review/replay.js";
import type { ClockControls, CommandRecord, Identity, MatchRecorder } from "../match/recorder.js";
import type { Db } from "./db.js";
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
  logger?: RecorderLogger;
  replica?: Replica;
  /** Injected for tests; the recorder reads the wall clock only to date records. */
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

export class Recorder {
  readonly stats: RecorderStats = { transactions: 0, itemsWritten: 0, pending: 0, failedFlushes: 0 };
  readonly snapshotEverySec: number;
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

  private written(op: Op): void {
    this.stats.transactions++;
    this.stats.itemsWritten++;
    this.replica?.append(op);
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

/**
 * One match's record, fed by the room's hooks. Snapshots are taken at each phase change and every
 * `snapshotEverySec` live seconds, whenever a hook runs.
 */
export class MatchRecording implements MatchRecorder {
  private finished = false;
  /** Another process took the match over: nothing more is written, and closing forgets the local copy. */
  private handedOver = false;
  private lostListener: () => void = () => {};
  private lastSnapshot: Position;
  private lastReached: Position;
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
    this.lastReached = this.lastSnapshot;
    this.nextSnapshotAtSec = this.nextSnapshotAfter(this.lastSnapshot.t);
    for (const seat of seats) this.seatLog.set(seatKey(seat), seat);
  }

  /** Commands recorded so far (the `seq` of the last one). */
  get commandCount(): number {
    return this.seq;
  }

  command(record: CommandRecord, apply: () => CommandResult): CommandResult {
    const at = {
      round: record.round,
      phase: record.phase ?? phaseBefore(record.command, this.sim.phase),
      t: record.clock,
    };
    const json = JSON.stringify(record.command);
    const op: Op = { kind: "command", matchId: this.matchId, seq: this.seq + 1, at, issuer: record.by, json };
    const result = this.recorder.durableCommand(op, apply);
    if (result.ok) {
      this.seq++;
      this.snapshotIfDue();
    }
    return result;
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
    const round = (r: number) =>
      this.recorder.durable({
        kind: "round",
        matchId: this.matchId,
        round: r,
        t: at.t,
        json: JSON.stringify(copy),
      });
    if (!final) {
      round(at.round);
      return;
    }
    const last = copy.per_round.at(-1);
    if (last) round(last.round);
    this.finished = true;
    this.snapshotIfDue();
    this.recorder.release(this);
    this.recorder.flush();
    this.recorder.durable({
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
    this.recorder.durable({ kind: "seats", matchId: this.matchId, json, atMs: this.recorder.nowMs() });
  }

  controls(controls: ClockControls): void {
    this.recorder.durable({ kind: "controls", matchId: this.matchId, controls: { ...controls } });
  }

  /** Where the world is, whenever it moved: recovery continues from here, not from the last snapshot. */
  reached(): void {
    const at = positionOf(this.sim);
    if (samePosition(at, this.lastReached)) return;
    this.lastReached = at;
    this.recorder.durable({ kind: "reached", matchId: this.matchId, at });
  }

  identity(identity: Identity): void {
    this.recorder.durable({ kind: "identity", matchId: this.matchId, identity: { ...identity } });
  }

  forget(sessionId: string): void {
    this.recorder.durable({ kind: "forget", matchId: this.matchId, sessionId });
  }

  settled(): Promise<void> | undefined {
    return this.recorder.replica?.settled(this.matchId);
  }

  lost(listener: () => void): void {
    this.lostListener = listener;
  }

  /** @internal The replica found the match run by another process now. */
  taken(): void {
    this.handedOver = true;
    this.lostListener();
  }

  /**
   * The room closed: unless the match ended, it was abandoned (ignored once the recorder closed); a match
   * another process took over lives on there, and this file forgets it.
   */
  close(): void {
    this.recorder.release(this);
    if (this.handedOver) this.recorder.forget(this.matchId);
    else if (!this.finished)
      this.recorder.durable({ kind: "abandon", matchId: this.matchId, atMs: this.recorder.nowMs() });
  }

  /** @internal The snapshot op of the world now (the recorder writes the origin at once, queues others). */
  snapshotOp(reason: SnapshotReason): Op {
    const at = positionOf(this.sim);
    const json = JSON.stringify(this.sim.snapshot());
    const idx = this.snapshotIdx++;
    this.lastSnapshot = at;
    this.nextSnapshotAtSec = this.nextSnapshotAfter(at.t);
    return { kind: "snapshot", matchId: this.matchId, idx, afterSeq: this.seq, at, reason, json };
  }

  /** @internal Queue a snapshot of the world now. */
  snapshot(reason: SnapshotReason): void {
    this.recorder.enqueue(this.snapshotOp(reason));
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

function samePosition(a: Position, b: Position): boolean {
  return a.round === b.round && a.phase === b.phase && a.t === b.t;
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
