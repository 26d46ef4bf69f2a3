import type { CompiledScenario } from "../../shared/compiled.js";
import type { FeedEntry } from "../../shared/protocol.js";
import type { LeakReason, Perspective, SimEvent } from "../api.js";

/**
 * The event feed: sim events in plain words, per perspective. A perspective gets only events whose
 * `visibleTo` names it (truth gets all), and a side never reads a threat's type before it identified it.
 * Bursts of routine events (launches, detections, shots) within one feed message (at most one a second)
 * are condensed into one counting line.
 */
const KEEP_RECENT = 50;
const CONDENSE_OVER = 3;

const CONDENSED: Partial<Record<SimEvent["type"], (count: number) => string>> = {
  launch: (n) => `${n} threats launched`,
  detect: (n) => `${n} new tracks`,
  identify: (n) => `${n} tracks identified`,
  "track-lost": (n) => `${n} tracks lost`,
  fire: (n) => `${n} interceptors fired`,
  intercept: (n) => `${n} threats destroyed`,
  miss: (n) => `${n} interceptors missed`,
  spoofed: (n) => `${n} threats spoofed off course`,
  "unit-moved": (n) => `${n} units moved`,
};

type Described = Pick<FeedEntry, "text" | "x" | "y">;

const LEAK_REASONS: Record<LeakReason, string> = {
  undetected: "never detected",
  "out-of-range": "out of reach of every layer",
  "out-of-stock": "no interceptors left",
  "held-by-roe": "held by rules of engagement",
  "held-by-doctrine": "held by doctrine",
  missed: "interceptors missed",
};

/** Which audience a remembered feed belongs to (the room's view key: a perspective, maybe delayed). */
type AudienceKey = string;

export class Feed {
  /** Threat types as launched: what the attacker and the white cell know of every threat. */
  private readonly launchedTypes = new Map<string, string>();
  private readonly identified = new Map<Perspective, Set<string>>();
  private readonly recentByKey = new Map<AudienceKey, FeedEntry[]>();

  constructor(private readonly scenario: CompiledScenario) {}

  /** The entries each listed perspective gets for a batch of events (one feed message's worth). */
  describe(events: readonly SimEvent[], perspectives: readonly Perspective[]): Map<Perspective, FeedEntry[]> {
    const out = new Map<Perspective, FeedEntry[]>(perspectives.map((p) => [p, []]));
    for (const event of events) {
      if (event.type === "launch") this.launchedTypes.set(event.threatId, event.threatType);
      if (event.type === "identify") this.knownBy(event.side).add(event.threatId);
      for (const perspective of perspectives) {
        if (perspective !== "truth" && !event.visibleTo.includes(perspective)) continue;
        const described = this.text(event, perspective);
        out.get(perspective)?.push({ round: event.round, t: event.t, kind: event.type, ...described });
      }
    }
    for (const [perspective, entries] of out) out.set(perspective, condense(entries));
    return out;
  }

  remember(key: AudienceKey, entries: readonly FeedEntry[]): void {
    const recent = [...(this.recentByKey.get(key) ?? []), ...entries];
    this.recentByKey.set(key, recent.slice(-KEEP_RECENT));
  }

  recent(key: AudienceKey): FeedEntry[] {
    return this.recentByKey.get(key) ?? [];
  }

  private knownBy(perspective: Perspective): Set<string> {
    let set = this.identified.get(perspective);
    if (!set) {
      set = new Set();
      this.identified.set(perspective, set);
    }
    return set;
  }

  /** A threat as this perspective may name it: by type once known to it, else as a bare track. */
  private threat(id: string, perspective: Perspective): string {
    const knowsType =
      perspective === "truth" || perspective === "attacker" || this.knownBy(perspective).has(id);
    const type = this.launchedTypes.get(id);
    return type && knowsType ? `${this.threatName(type)} ${id}` : `track ${id}`;
  }

  private threatName(type: string): string {
    return this.scenario.catalogue.threats[type]?.name ?? type;
  }

  private typeName(type: string): string {
    const { layers, sensors } = this.scenario.catalogue;
    return layers[type]?.name ?? sensors[type]?.name ?? type;
  }

  private assetName(id: string): string {
    return this.scenario.assets.find((asset) => asset.id === id)?.name ?? id;
  }

  private regionName(id: string): string {
    return this.scenario.theatre.regions.find((region) => region.id === id)?.name ?? id;
  }

  private nationName(id: string): string {
    return this.scenario.nations.find((nation) => nation.id === id)?.name ?? id;
  }

  private text(e: SimEvent, p: Perspective): Described {
    switch (e.type) {
      case "launch": {
        const zone = this.scenario.launchZones.find((z) => z.id === e.zone)?.name ?? e.zone;
        return { text: `${this.threat(e.threatId, p)} launched from ${zone}` };
      }
      case "detect":
        return { text: `${capitalise(e.side)} sensors picked up ${this.threat(e.threatId, p)}` };
      case "identify":
        return {
          text: `${capitalise(e.side)} identified track ${e.threatId}: ${this.threatName(e.threatType)}${e.decoy ? " (a decoy)" : ""}`,
        };
      case "track-lost":
        return { text: `${capitalise(e.side)} lost ${this.threat(e.threatId, p)}` };
      case "fire":
        return {
          text: `${e.unitId} fired at ${this.threat(e.threatId, p)}${e.outsideRoe ? " outside its rules of engagement" : ""}`,
        };
      case "intercept":
        return { text: `${e.unitId} destroyed ${this.threat(e.threatId, p)}`, x: e.x, y: e.y };
      case "miss":
        return { text: `${e.unitId} missed ${this.threat(e.threatId, p)}`, x: e.x, y: e.y };
      case "impact": {
        const targets = e.hits.map((hit) => this.assetName(hit.assetId)).join(", ");
        const where = targets ? `hit ${targets}` : "fell in open ground";
        const toll = e.casualties > 0 ? `, ${Math.round(e.casualties)} casualties` : "";
        return {
          text: `${this.threat(e.threatId, p)} ${where}${toll}: ${LEAK_REASONS[e.leakReason]}`,
          x: e.x,
          y: e.y,
        };
      }
      case "crash":
        return {
          text: `${this.threat(e.threatId, p)} crashed${e.region ? ` in ${this.regionName(e.region)}` : ""}`,
          x: e.x,
          y: e.y,
        };
      case "spoofed":
        return { text: `${e.unitId} spoofed ${this.threat(e.threatId, p)} off course` };
      case "incident":
        return { text: `Incident in ${this.nationName(e.nation)}: ${e.cause}`, x: e.x, y: e.y };
      case "escalation":
        return {
          text: `Escalation now ${e.value.toFixed(1)} (${e.delta >= 0 ? "+" : ""}${e.delta.toFixed(1)})`,
        };
      case "trigger":
        return { text: e.title };
      case "blackout":
        return {
          text: `Blackout in ${this.assetName(e.cityId)}: ${e.population.toLocaleString("en")} people without power`,
        };
      case "power-restored":
        return { text: `Power restored in ${this.assetName(e.cityId)}` };
      case "asset-destroyed":
        return { text: `${this.assetName(e.assetId)} destroyed` };
      case "resupply":
        return { text: `Resupply: ${e.count} × ${this.typeName(e.layer)}` };
      case "inject":
        return { text: `Inject: ${e.title}` };
      case "unit-deployed":
        return { text: `${this.typeName(e.unitType)} ${e.unitId} deployed`, x: e.x, y: e.y };
      case "unit-revealed":
        return { text: `${e.unitId} revealed its position` };
      case "unit-moved":
        return { text: `${e.unitId} moved`, x: e.x, y: e.y };
      case "phase":
        return { text: `Phase: ${e.phase}` };
      case "match-end":
        return { text: `Match over: ${e.winner === "draw" ? "a draw" : `${e.winner} wins`} (${e.reason})` };
    }
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Replace more than CONDENSE_OVER routine entries of one kind by one counting line. */
function condense(entries: FeedEntry[]): FeedEntry[] {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
  const out: FeedEntry[] = [];
  const done = new Set<string>();
  for (const entry of entries) {
    const count = counts.get(entry.kind) ?? 0;
    const summarise = CONDENSED[entry.kind as SimEvent["type"]];
    if (!summarise || count <= CONDENSE_OVER) {
      out.push(entry);
    } else if (!done.has(entry.kind)) {
      done.add(entry.kind);
      out.push({ round: entry.round, t: entry.t, kind: entry.kind, text: summarise(count) });
    }
  }
  return out;
}
