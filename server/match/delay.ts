import type { FeedEntry } from "../../shared/protocol.js";
import type { MatchSummary, Perspective, SideView } from "../../sim/api.js";

/**
 * The delayed spectator feed: past views, feed entries and round summaries, released `delaySec` of real
 * time later, so a screen in the players' room never shows the present. Frames are kept at most every
 * max(0.5 s, delay/120), which bounds memory while legs keep the motion smooth in between.
 */
/** The views of every perspective at one moment, and the match's status line then. */
export interface Frame<Status> {
  atMs: number;
  views: ReadonlyMap<Perspective, SideView>;
  status: Status;
}

interface DelayedEntries {
  dueMs: number;
  perspective: Perspective;
  entries: FeedEntry[];
}

const MAX_FRAMES = 120;
const MIN_FRAME_INTERVAL_MS = 500;

function nightInProgress(frame: Frame<unknown>): boolean {
  for (const view of frame.views.values()) return view.phase === "live";
  return false;
}

interface DelayedSummary {
  dueMs: number;
  summary: MatchSummary;
  final: boolean;
}

export class DelayLine<Status> {
  private frames: Frame<Status>[] = [];
  private feed: DelayedEntries[] = [];
  private summaries: DelayedSummary[] = [];
  private readonly frameIntervalMs: number;

  constructor(private readonly delayMs: number) {
    this.frameIntervalMs = Math.max(MIN_FRAME_INTERVAL_MS, delayMs / MAX_FRAMES);
  }

  record(nowMs: number, views: ReadonlyMap<Perspective, SideView>, status: Status): void {
    const last = this.frames.at(-1);
    if (!last || nowMs - last.atMs >= this.frameIntervalMs) this.frames.push({ atMs: nowMs, views, status });
  }

  /**
   * The newest frame at least `delay` old (older ones are dropped). Until one is that old, the first
   * frame stands in when no night was in progress then (a new room's lobby or planning is no secret),
   * so a delayed screen never falls back to the live clock; undefined otherwise.
   */
  frameAt(nowMs: number): Frame<Status> | undefined {
    const cutoffMs = nowMs - this.delayMs;
    let index = -1;
    for (let i = 0; i < this.frames.length && this.frames[i].atMs <= cutoffMs; i++) index = i;
    if (index < 0)
      return this.frames.length > 0 && !nightInProgress(this.frames[0]) ? this.frames[0] : undefined;
    this.frames = this.frames.slice(index);
    return this.frames[0];
  }

  pushFeed(nowMs: number, perspective: Perspective, entries: FeedEntry[]): void {
    this.feed.push({ dueMs: nowMs + this.delayMs, perspective, entries });
  }

  pushSummary(nowMs: number, summary: MatchSummary, final: boolean): void {
    this.summaries.push({ dueMs: nowMs + this.delayMs, summary, final });
  }

  /** Summaries whose delay has passed, oldest first. */
  dueSummaries(nowMs: number): { summary: MatchSummary; final: boolean }[] {
    const due = this.summaries.filter((item) => item.dueMs <= nowMs);
    this.summaries = this.summaries.filter((item) => item.dueMs > nowMs);
    return due.map(({ summary, final }) => ({ summary, final }));
  }

  /** Feed entries whose delay has passed, oldest first. */
  dueFeed(nowMs: number): { perspective: Perspective; entries: FeedEntry[] }[] {
    const due = this.feed.filter((item) => item.dueMs <= nowMs);
    this.feed = this.feed.filter((item) => item.dueMs > nowMs);
    return due;
  }
}
