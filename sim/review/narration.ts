import type { CompiledScenario } from "../../shared/compiled.js";
import { assertNever } from "../../shared/never.js";
import type { FeedEntry } from "../../shared/protocol.js";
import type { LeakReason, Perspective, SimEvent } from "../api.js";
import { type Line, mergeLines } from "./feed-lines.js";
import { Sectors } from "./sectors.js";

/**
 * The event feed: sim events in plain words, per perspective. A perspective gets only events whose
 * `visibleTo` names it (truth gets all), never reads a threat's type before it identified it, and reads
 * of an event only what it could observe: the attacker sees its threats launched, lost, veering off
 * course or striking, and defence units it sighted, never who shot, who missed or why a strike got
 * through. Routine events of one feed message are counted in one line per place or type (feed-lines.ts).
 */
const KEEP_RECENT = 50;

/** Why a strike got through, as the defence (and the white cell) reads it. */
export const LEAK_WORDS: Record<LeakReason, string> = {
  undetected: "never detected",
  "out-of-range": "out of reach of every layer",
  "out-of-stock": "the launchers in reach had no interceptors left",
  reloading: "the launchers in reach were reloading",
  "held-by-roe": "held by rules of engagement",
  "held-by-doctrine": "held by doctrine (weapons hold or tight, or the footprint rule)",
  saturated: "the units in reach were busy with other threats",
  missed: "interceptors missed",
};

/** Which audience a remembered feed belongs to (the room's view key: a perspective, maybe delayed). */
type AudienceKey = string;

/** "Medium SAM (NASAMS/IRIS-T-class)" → "Medium SAM": the feed names types briefly. */
export function shortName(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, "");
}

export class Feed {
  /** Threat types as launched: what the attacker and the white cell know of every threat. */
  private readonly launchedTypes = new Map<string, string>();
  private readonly identified = new Map<Perspective, Set<string>>();
  private readonly unitTypes = new Map<string, string>();
  private readonly recentByKey = new Map<AudienceKey, FeedEntry[]>();
  private readonly sectors: Sectors;

  /** `unitType` names units deployed before this feed began (a restored match, a replay after a seek). */
  constructor(
    private readonly scenario: CompiledScenario,
    private readonly unitType: (unitId: string) => string | undefined = () => undefined,
  ) {
    this.sectors = new Sectors(scenario);
    for (const unit of [...scenario.fixedUnits, ...scenario.allies.flatMap((a) => a.units)])
      this.unitTypes.set(unit.id, unit.type);
  }

  /** The entries each listed perspective gets for a batch of events (one feed message's worth). */
  describe(events: readonly SimEvent[], perspectives: readonly Perspective[]): Map<Perspective, FeedEntry[]> {
    const lines = new Map<Perspective, Line[]>(perspectives.map((p) => [p, []]));
    for (const event of events) {
      if (event.type === "launch") this.launchedTypes.set(event.threatId, event.threatType);
      if (event.type === "identify") this.knownBy(event.side).add(event.threatId);
      if (event.type === "unit-deployed") this.unitTypes.set(event.unitId, event.unitType);
      for (const perspective of perspectives) {
        if (perspective !== "truth" && !event.visibleTo.includes(perspective)) continue;
        const line = this.line(event, perspective);
        if (line) lines.get(perspective)?.push({ round: event.round, t: event.t, kind: event.type, ...line });
      }
    }
    return new Map([...lines].map(([perspective, list]) => [perspective, mergeLines(list)]));
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

  /** A threat's type as this perspective may name it, or "" while it is a bare track to it. */
  private threatType(id: string, perspective: Perspective): string {
    const knowsType =
      perspective === "truth" || perspective === "attacker" || this.knownBy(perspective).has(id);
    const type = this.launchedTypes.get(id);
    return type && knowsType ? type : "";
  }

  /** "Loitering drone", or "Unknown track" while the type is not known to the perspective. */
  private threatName(id: string, perspective: Perspective): string {
    const type = this.threatType(id, perspective);
    return type ? this.typeName(type) : "Unknown track";
  }

  private typeName(type: string): string {
    const { layers, sensors, threats } = this.scenario.catalogue;
    return shortName(layers[type]?.name ?? sensors[type]?.name ?? threats[type]?.name ?? type);
  }

  private unitName(unitId: string): string {
    const type = this.unitTypes.get(unitId) ?? this.unitType(unitId);
    return type ? this.typeName(type) : "A unit";
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

  /** Counted lines: "12 × Loitering drone launched from Kursk" merges with its kind, type and place. */
  private counted(key: string, one: string, many: (n: number) => string): Pick<Line, "one" | "group"> {
    return { one, group: { key, many } };
  }

  /** The line a perspective reads for an event, or null when it could not observe it. */
  private line(e: SimEvent, p: Perspective): Omit<Line, "round" | "t" | "kind"> | null {
    const attacker = p === "attacker";
    // Coalition events name whose sensors when the white cell reads both sides' pictures.
    const whose = (side: string) => (p === "truth" ? `${capitalise(side)}: ` : "");
    switch (e.type) {
      case "launch": {
        const zone = this.scenario.launchZones.find((z) => z.id === e.zone)?.name ?? e.zone;
        const name = this.typeName(e.threatType);
        return this.counted(
          `launch|${e.zone}|${e.threatType}`,
          `${name} launched from ${zone}`,
          (n) => `${n} × ${name} launched from ${zone}`,
        );
      }
      case "detect": {
        const where = this.sectors.phrase(e.x, e.y);
        return this.counted(
          `detect|${e.side}|${where}`,
          `${whose(e.side)}New track ${where}`,
          (n) => `${whose(e.side)}${n} new tracks ${where}`,
        );
      }
      case "identify": {
        const name = e.decoy ? "decoy" : this.typeName(e.threatType);
        return this.counted(
          `identify|${e.side}|${e.threatType}`,
          `${whose(e.side)}Track identified: ${name}`,
          (n) => `${whose(e.side)}${n} tracks identified: ${name}`,
        );
      }
      case "track-lost": {
        const where = this.sectors.phrase(e.x, e.y);
        return this.counted(
          `lost|${e.side}|${where}`,
          `${whose(e.side)}Track lost ${where}`,
          (n) => `${whose(e.side)}${n} tracks lost ${where}`,
        );
      }
      case "fire": {
        const shooter = this.unitName(e.unitId);
        const outside = e.outsideRoe ? " outside its rules of engagement" : "";
        return this.counted(
          `fire|${shooter}|${outside}`,
          `${shooter} fired at ${this.threatName(e.threatId, p).toLowerCase()}${outside}`,
          (n) => `${shooter}: ${n} interceptors fired${outside}`,
        );
      }
      case "intercept": {
        const name = this.threatName(e.threatId, p);
        const place = { x: e.x, y: e.y };
        if (attacker) {
          // The attacker sees its threat go silent, not who brought it down.
          const where = this.sectors.phrase(e.x, e.y);
          const lost = this.counted(
            `lost|${name}|${where}`,
            `${name} lost ${where}`,
            (n) => `${n} × ${name} lost ${where}`,
          );
          return { ...lost, ...place };
        }
        const shooter = this.unitName(e.unitId);
        const line = this.counted(
          `intercept|${shooter}|${name}`,
          `${shooter} destroyed ${name.toLowerCase()}`,
          (n) => `${shooter} destroyed ${n} × ${name.toLowerCase()}`,
        );
        return { ...line, ...place };
      }
      case "miss": {
        if (attacker) return null;
        const shooter = this.unitName(e.unitId);
        const line = this.counted(
          `miss|${shooter}`,
          `${shooter} missed ${this.threatName(e.threatId, p).toLowerCase()}`,
          (n) => `${shooter}: ${n} interceptors missed`,
        );
        return { ...line, x: e.x, y: e.y };
      }
      case "impact":
        return this.impact(e, p);
      case "crash": {
        const name = this.threatName(e.threatId, p);
        const where = e.region ? ` in ${this.regionName(e.region)}` : "";
        const line = this.counted(
          `crash|${name}|${where}`,
          `${name} crashed${where}`,
          (n) => `${n} × ${name} crashed${where}`,
        );
        return { ...line, x: e.x, y: e.y };
      }
      case "spoofed": {
        const name = this.threatName(e.threatId, p);
        if (attacker)
          return this.counted(
            `spoofed|${name}`,
            `${name} veered off course`,
            (n) => `${n} × ${name} veered off course`,
          );
        const jammer = this.unitName(e.unitId);
        return this.counted(
          `spoofed|${jammer}`,
          `${jammer} spoofed ${name.toLowerCase()} off course`,
          (n) => `${jammer} spoofed ${n} threats off course`,
        );
      }
      case "incident": {
        const where = `in ${this.nationName(e.nation)}: ${e.cause}`;
        const line = this.counted(`incident|${where}`, `Incident ${where}`, (n) => `${n} incidents ${where}`);
        return { ...line, x: e.x, y: e.y };
      }
      case "escalation":
        // A level: one line a message, with its latest value.
        return {
          one: `Escalation now ${e.value.toFixed(1)} (${e.delta >= 0 ? "+" : ""}${e.delta.toFixed(1)})`,
          group: { key: "escalation", many: () => "", latest: true },
        };
      case "trigger":
        return { one: e.title };
      case "blackout":
        return {
          one: `Blackout in ${this.assetName(e.cityId)}: ${e.population.toLocaleString("en")} people without power`,
        };
      case "power-restored":
        return { one: `Power restored in ${this.assetName(e.cityId)}` };
      case "asset-destroyed":
        return { one: `${this.assetName(e.assetId)} destroyed` };
      case "resupply":
        return { one: `Resupply: ${e.count} × ${this.typeName(e.layer)}` };
      case "inject":
        return { one: `Inject: ${e.title}` };
      case "unit-deployed": {
        const name = this.typeName(e.unitType);
        const line = this.counted(
          `deployed|${e.unitType}`,
          `${name} deployed`,
          (n) => `${n} × ${name} deployed`,
        );
        return { ...line, x: e.x, y: e.y };
      }
      case "unit-revealed": {
        const name = this.unitName(e.unitId);
        return attacker
          ? { one: `${name} sighted` }
          : { one: `${name} ${e.unitId} revealed itself by firing` };
      }
      case "unit-moved": {
        const name = this.unitName(e.unitId);
        const one = attacker ? `Sighted ${name.toLowerCase()} moved` : `${name} ${e.unitId} moved`;
        return { one, x: e.x, y: e.y };
      }
      case "phase":
        return { one: `Phase: ${e.phase}` };
      case "match-end":
        return { one: `Match over: ${e.winner === "draw" ? "a draw" : `${e.winner} wins`} (${e.reason})` };
      default:
        return assertNever(e, "event");
    }
  }

  /** A strike: what it hit and its toll for everyone; why it got through only for the defence. */
  private impact(
    e: Extract<SimEvent, { type: "impact" }>,
    p: Perspective,
  ): Omit<Line, "round" | "t" | "kind"> {
    const name = this.threatName(e.threatId, p);
    const targets = e.hits.map((hit) => this.assetName(hit.assetId)).join(", ");
    const where = targets ? `hit ${targets}` : "fell in open ground";
    const line = this.counted(
      `impact|${name}|${where}`,
      `${name} ${where}`,
      (n) => `${n} × ${name} ${where}`,
    );
    const detail = p === "attacker" ? undefined : LEAK_WORDS[e.leakReason];
    return { ...line, casualties: e.casualties, ...(detail ? { detail } : {}), x: e.x, y: e.y };
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
