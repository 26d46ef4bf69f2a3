import type { CompiledScenario } from "../../shared/compiled.js";
import type { FeedEntry } from "../../shared/protocol.js";
import type { Perspective, SimEvent } from "../../sim/api.js";
import { Feed } from "../../sim/review/narration.js";
import type { DelayLine } from "./delay.js";
import { type ViewKey, viewKey } from "./view-keys.js";

/** Feed messages go out at most this often; routine events in between are counted, not listed. */
const FEED_INTERVAL_MS = 1000;

/**
 * The event feed of a match, per audience: sim events gathered between two feed messages are put in
 * words for each perspective (sim/review/narration.ts), published to its live audience at once and to
 * its delayed audience when the delay has passed, and the latest entries are kept for whoever joins.
 */
export class FeedOutlet {
  private readonly feed: Feed;
  private batch: SimEvent[] = [];
  private lastFeedMs = Number.NEGATIVE_INFINITY;

  constructor(
    scenario: CompiledScenario,
    private readonly perspectives: readonly Perspective[],
    private readonly delay: DelayLine<unknown> | undefined,
    private readonly publish: (key: ViewKey, entries: FeedEntry[]) => void,
    unitType: (unitId: string) => string | undefined,
  ) {
    this.feed = new Feed(scenario, unitType);
  }

  /** Events of this tick; a feed message goes out when the interval has passed. */
  flush(events: readonly SimEvent[], nowMs: number): void {
    this.batch.push(...events);
    if (this.batch.length > 0 && nowMs - this.lastFeedMs >= FEED_INTERVAL_MS) {
      const batch = this.batch;
      this.batch = [];
      this.lastFeedMs = nowMs;
      for (const [perspective, entries] of this.feed.describe(batch, this.perspectives)) {
        if (entries.length === 0) continue;
        this.send(viewKey(perspective), entries);
        this.delay?.pushFeed(nowMs, perspective, entries);
      }
    }
    for (const { perspective, entries } of this.delay?.dueFeed(nowMs) ?? []) {
      this.send(viewKey(perspective, true), entries);
    }
  }

  /** The latest entries an audience has been sent (for a client that joins or switches to it). */
  recent(key: ViewKey): FeedEntry[] {
    return this.feed.recent(key);
  }

  private send(key: ViewKey, entries: FeedEntry[]): void {
    this.feed.remember(key, entries);
    this.publish(key, entries);
  }
}
