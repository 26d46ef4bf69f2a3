import type { FeedEntry } from "../../shared/protocol.js";
import type { SimEventType } from "../api.js";

/**
 * Feed lines before they are sent: one per event as the perspective may read it, then merged. Lines that
 * share a group key within one feed message (at most one a second) become one counting line, so a swarm
 * reads "12 new tracks in the north-east" rather than twelve lines of random ids; strikes, losses and
 * decisions keep lines of their own and stand out by their category.
 */
export interface Line {
  round: number;
  t: number;
  kind: SimEventType;
  /** The line for this one event. */
  one: string;
  /**
   * Lines with the same key merge; `many(n)` is the merged line's text, or with `latest` the last line's
   * own (a level such as escalation: only its latest value matters). Absent: never merged.
   */
  group?: { key: string; many: (count: number) => string; latest?: boolean };
  /** A fact each event adds to a merged line, tallied ("3 saturated, 1 never detected"). */
  detail?: string;
  /** Casualties, summed over a merged line. */
  casualties?: number;
  x?: number;
  y?: number;
}

/** What the feed's filters offer, and how much a line stands out (strikes most, then decisions). */
export type FeedCategory = "strikes" | "decisions" | "engagements" | "tracks";

export const FEED_CATEGORY: Record<SimEventType, FeedCategory> = {
  impact: "strikes",
  "asset-destroyed": "strikes",
  blackout: "strikes",
  "power-restored": "strikes",
  phase: "decisions",
  "match-end": "decisions",
  inject: "decisions",
  trigger: "decisions",
  escalation: "decisions",
  incident: "decisions",
  resupply: "decisions",
  "unit-deployed": "decisions",
  "unit-moved": "decisions",
  "unit-revealed": "decisions",
  fire: "engagements",
  intercept: "engagements",
  miss: "engagements",
  spoofed: "engagements",
  crash: "engagements",
  launch: "tracks",
  detect: "tracks",
  identify: "tracks",
  "track-lost": "tracks",
};

export const FEED_CATEGORY_LABEL: Record<FeedCategory, string> = {
  strikes: "Strikes",
  decisions: "Decisions",
  engagements: "Intercepts",
  tracks: "Tracks",
};

/** The category of a feed entry's kind (an unknown kind from a newer server reads as routine). */
export function feedCategory(kind: string): FeedCategory {
  return FEED_CATEGORY[kind as SimEventType] ?? "tracks";
}

/** Merge the lines of one feed message: grouped lines into one counting line each, at the first's place. */
export function mergeLines(lines: readonly Line[]): FeedEntry[] {
  const groups = new Map<string, Line[]>();
  for (const line of lines) {
    if (!line.group) continue;
    const members = groups.get(line.group.key);
    if (members) members.push(line);
    else groups.set(line.group.key, [line]);
  }
  const out: FeedEntry[] = [];
  for (const line of lines) {
    const members = line.group ? groups.get(line.group.key) : undefined;
    if (members && members[0] !== line) continue;
    out.push(members && members.length > 1 ? merged(members) : single(line));
  }
  return out;
}

function single(line: Line): FeedEntry {
  const text = sentence(line.one, line.casualties ?? 0, line.detail ?? "");
  return withPlace({ round: line.round, t: line.t, kind: line.kind, text }, line);
}

function merged(members: Line[]): FeedEntry {
  const [first] = members;
  const details = tally(members.flatMap((m) => (m.detail ? [m.detail] : [])));
  const casualties = members.reduce((sum, m) => sum + (m.casualties ?? 0), 0);
  const last = members[members.length - 1];
  const head = first.group?.latest ? last.one : (first.group?.many(members.length) ?? first.one);
  const text = sentence(head, casualties, details);
  const entry = withPlace({ round: first.round, t: first.t, kind: first.kind, text }, first);
  const points = members.flatMap((m) => (m.x === undefined || m.y === undefined ? [] : [m.x, m.y]));
  return points.length > 2 ? { ...entry, points } : entry;
}

/** "Drone hit Capital" + ", 50 casualties" + ": never detected". */
function sentence(head: string, casualties: number, detail: string): string {
  const toll = casualties > 0 ? `, ${Math.round(casualties).toLocaleString("en")} casualties` : "";
  return `${head}${toll}${detail ? `: ${detail}` : ""}`;
}

function withPlace(entry: FeedEntry, line: Line): FeedEntry {
  return line.x === undefined || line.y === undefined ? entry : { ...entry, x: line.x, y: line.y };
}

/** "saturated" ×3 and "never detected" ×1 → "3 saturated, 1 never detected" (most frequent first). */
function tally(details: string[]): string {
  if (details.length === 0) return "";
  const counts = new Map<string, number>();
  for (const d of details) counts.set(d, (counts.get(d) ?? 0) + 1);
  if (counts.size === 1) return details[0];
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([d, n]) => `${n} ${d}`)
    .join(", ");
}
