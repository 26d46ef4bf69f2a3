import type { Position, SeatRecord, SnapshotReason } from "../../shared/history.js";
import type { SidePost } from "../../shared/side-channel.js";
import type { Command, CommandResult, MatchSummary, SimEvent, SimPhase, Simulation } from "../../sim/api.js";
import { positionOf } from "../../sim/review/replay.js";
import type { ClockControls, CommandRecord, Identity, MatchRecorder } from "../match/recorder.js";
import type { Op } from "./writer.js";

/** What a recording needs of the recorder that writes it (server/store/recorder.ts). */
export interface RecordingSink {
  readonly snapshotEverySec: number;
  /** Real milliseconds a match's periodic snapshots keep apart (see RecorderOptions). */
  readonly snapshotMinGapMs: number;
  nowMs(): number;
  /** Write one item now. */
  durable(op: Op): void;
  /** Write a command and apply it, in one transaction. */
  durableCommand(op: Op, apply: () => CommandResult): CommandResult;
  /** Queue a snapshot for the next flush. */
  enqueue(op: Op): void;
  /** Where the world got to: replicated now, written with the next flush. */
  reached(op: Op): void;
  flush(): void;
  bookmark(matchId: string, round: number, t: number, note: string, author: string): void;
  /** The match is over (or handed over): no more due snapshots. */
  release(recording: MatchRecording): void;
  /** Remove the match from this file. */
  forget(matchId: string): void;
  /** Resolves when the replica holds everything of the match written so far. */
  settled(matchId: string): Promise<void> | undefined;
}

/**
 * One match's record, fed by the room's hooks. Snapshots are taken at each phase change and every
 * `snapshotEverySec` live seconds (at most one per `snapshotMinGapMs` of real time), whenever a hook
 * runs.
 */
export class MatchRecording implements MatchRecorder {
  private finished = false;
  /** Another process took the match over: nothing more is written, and closing forgets the local copy. */
  private handedOver = false;
  private lostListener: () => void = () => {};
  private lastSnapshot: Position;
  private lastReached: Position;
  private nextSnapshotAtSec: number;
  private lastSnapshotAtMs: number;
  private readonly seatLog = new Map<string, SeatRecord>();

  constructor(
    private readonly recorder: RecordingSink,
    readonly matchId: string,
    private readonly sim: Simulation,
    private seq: number,
    private snapshotIdx: number,
    seats: SeatRecord[],
  ) {
    this.lastSnapshot = positionOf(sim);
    this.lastReached = this.lastSnapshot;
    this.nextSnapshotAtSec = this.nextSnapshotAfter(this.lastSnapshot.t);
    this.lastSnapshotAtMs = recorder.nowMs();
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

  sidePost(post: SidePost): void {
    this.recorder.durable({ kind: "side-post", matchId: this.matchId, post, atMs: this.recorder.nowMs() });
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

  /**
   * Where the world is, whenever it moved: recovery continues from the later of this and the last
   * order, not from the last snapshot. Replicated at once, but written to the file with the next flush
   * (a transaction per tick of every match cost more than the tick): a restart on the same file loses at
   * most a flush interval of clock, never an order.
   */
  reached(): void {
    const at = positionOf(this.sim);
    if (samePosition(at, this.lastReached)) return;
    this.lastReached = at;
    this.recorder.reached({ kind: "reached", matchId: this.matchId, at });
  }

  identity(identity: Identity): void {
    this.recorder.durable({ kind: "identity", matchId: this.matchId, identity: { ...identity } });
  }

  forget(sessionId: string): void {
    this.recorder.durable({ kind: "forget", matchId: this.matchId, sessionId });
  }

  settled(): Promise<void> | undefined {
    return this.recorder.settled(this.matchId);
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
    this.lastSnapshotAtMs = this.recorder.nowMs();
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
    else if (
      now.phase === "live" &&
      now.t >= this.nextSnapshotAtSec &&
      this.recorder.nowMs() - this.lastSnapshotAtMs >= this.recorder.snapshotMinGapMs
    )
      this.snapshot("periodic");
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
  return `${seat.seatId}\u0000${seat.name}\u0000${seat.filledBy}\u0000${seat.crewRole ?? ""}`;
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
