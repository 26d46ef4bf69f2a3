import type { Position, SnapshotMeta } from "../../shared/history.js";
import {
  type Perspective,
  type SideView,
  type SimEvent,
  STEP_SEC,
  type WorldSnapshot,
} from "../../sim/api.js";
import { realEngine } from "../../sim/review/engine.js";
import {
  comparePositions,
  lastKnownPosition,
  Replay,
  type ReplaySource,
  replaySourceOf,
} from "../../sim/review/replay.js";
import { Emitter } from "../util/emitter.js";
import { getRecord, getSnapshot, type RecordExport } from "./api.js";

/**
 * Plays a recorded match in the browser: the real simulation re-run from the record (seed and
 * commands), jumping through the server's snapshots when scrubbing. The timeline is the match axis:
 * the live phases of the rounds laid end to end, in simulation seconds.
 */

export interface Span {
  round: number;
  name: string;
  offsetSec: number;
  liveSec: number;
}

type PlayerEvents = {
  /** Events of the stretch just played forward (not of jumps). */
  events: [SimEvent[]];
  moved: [];
};

export class Player extends Emitter<PlayerEvents> {
  readonly spans: Span[];
  readonly totalSec: number;
  /** Where the player is on the match axis. */
  x = 0;
  private readonly replay: Replay;
  private readonly snapshots = new Map<number, WorldSnapshot>();
  private readonly views = new Map<Perspective, SideView>();
  private emitting = false;
  private seekTicket = 0;

  static async load(matchId: string): Promise<Player> {
    return new Player(await getRecord(matchId));
  }

  constructor(readonly record: RecordExport) {
    super();
    if (record.origin && record.snapshots[0]) this.snapshots.set(record.snapshots[0].idx, record.origin);
    const source = replaySourceOf(record, (idx) => {
      const snapshot = this.snapshots.get(idx);
      if (!snapshot) throw new Error(`snapshot ${idx} was not fetched`);
      return snapshot;
    });
    this.spans = spansOf(record, source);
    const last = this.spans.at(-1);
    this.totalSec = last ? last.offsetSec + last.liveSec : 0;
    this.replay = new Replay(source, realEngine, {
      events: (events) => {
        if (this.emitting) this.emit("events", events);
      },
    });
  }

  get position(): Position {
    return this.replay.position;
  }

  /** The span (round) a point of the match axis falls in. */
  spanAt(x: number): Span | undefined {
    return this.spans.find((s) => x < s.offsetSec + s.liveSec) ?? this.spans.at(-1);
  }

  positionAt(x: number): Position {
    const span = this.spanAt(x);
    if (!span) return { round: 1, phase: "planning", t: 0 };
    const t = Math.min(Math.max(x - span.offsetSec, 0), span.liveSec);
    return { round: span.round, phase: "live", t: Math.floor(t / STEP_SEC) * STEP_SEC };
  }

  xOf(round: number, t: number): number {
    const span = this.spans.find((s) => s.round === round);
    return span ? span.offsetSec + Math.min(t, span.liveSec) : 0;
  }

  /** Simulation seconds of the round at the player's point (between steps, for smooth tracks). */
  roundClock(): number {
    const span = this.spanAt(this.x);
    return span ? this.x - span.offsetSec : 0;
  }

  /** Play forward to `x` (small steps, as the clock runs): the stretch's events are reported. */
  advance(x: number): void {
    const target = this.clamp(x);
    if (target < this.x) return void this.seek(target);
    this.x = target;
    this.emitting = true;
    try {
      this.replay.advance(this.positionAt(target));
    } finally {
      this.emitting = false;
    }
    this.moved();
  }

  /** Jump anywhere: from the nearest snapshot at or before `x` (fetched once), or onwards from here. */
  async seek(x: number): Promise<void> {
    const ticket = ++this.seekTicket;
    const target = this.positionAt(this.clamp(x));
    const snapshot = this.bestSnapshot(target);
    if (snapshot && !this.snapshots.has(snapshot.idx)) {
      const body = await getSnapshot(this.record.id, snapshot.idx);
      this.snapshots.set(snapshot.idx, body);
      if (ticket !== this.seekTicket) return;
    }
    this.x = this.clamp(x);
    this.replay.seek(target);
    this.moved();
  }

  view(perspective: Perspective): SideView {
    let view = this.views.get(perspective);
    if (!view) {
      view = this.replay.sim.view(perspective);
      this.views.set(perspective, view);
    }
    return view;
  }

  private bestSnapshot(target: Position): SnapshotMeta | undefined {
    return this.record.snapshots.filter((s) => comparePositions(s, target) <= 0).at(-1);
  }

  private clamp(x: number): number {
    return Math.min(Math.max(x, 0), this.totalSec);
  }

  private moved(): void {
    this.views.clear();
    this.emit("moved");
  }
}

/** The live phases of a record: each round's length from its summary, the current one up to the last moment known. */
function spansOf(record: RecordExport, source: ReplaySource): Span[] {
  const last = lastKnownPosition(source);
  if (!last) return [];
  const spans: Span[] = [];
  let offsetSec = 0;
  for (let round = 1; round <= last.round; round++) {
    const spec = record.scenarioFile.rounds[round - 1];
    const summary = record.roundSummaries.find((r) => r.round === round);
    const liveSec =
      summary?.t ?? (round === last.round ? (last.phase === "planning" ? 0 : last.t) : spec.durationSec);
    if (liveSec <= 0) continue;
    spans.push({ round, name: spec?.name ?? `Round ${round}`, offsetSec, liveSec });
    offsetSec += liveSec;
  }
  return spans;
}
