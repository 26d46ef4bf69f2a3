/**
 * The instructor's injects (docs/design.md §3): radar outage, resupply, a sea closing or opening, an ally's
 * ROE change, weather. Each touches exactly the part of the campaign state it names and nothing else:
 *
 * | inject        | changes                                                               |
 * |---------------|-----------------------------------------------------------------------|
 * | radar-outage  | sensors.outageUntilSec[unit or ALL_SENSORS] = now + duration (longest wins) |
 * | resupply      | economy.stocks[layer] += count (arrives at once)                      |
 * | sea-access    | seaAccess[region] = accessible                                        |
 * | ally-roe      | roe[nation] = roe                                                     |
 * | weather       | sensors.weather = { factor, untilSec: now + duration, or null: until changed } |
 *
 * Times are live-clock seconds of the current round; the clock restarts each round, so timed conditions
 * are cleared at the round transition (`clearTimedConditions`; untimed weather stays).
 *
 * The MSEL (scenario `msel`) lists injects per round: `auto` ones fire by themselves once their time has
 * come; the others wait for the instructor's `fire-inject`. Each scheduled inject fires once.
 */
import type { CompiledRegion, CompiledScenario } from "../../shared/compiled.js";
import { assertNever } from "../../shared/never.js";
import type { Inject, LayerType, Nation, Roe, ScheduledInject } from "../../shared/scenario.js";
import type { CommandResult, Perspective } from "../api.js";
import { addStock, type EconomyState } from "./economy.js";

/** The outage key that darkens every defender sensor (unit ids never contain '*'). */
export const ALL_SENSORS = "*";

export type SensorConditions = {
  /** Live-clock second until which a sensor (by unit id, or ALL_SENSORS) is dark. */
  outageUntilSec: Record<string, number>;
  /** Sensor range factor; untilSec null means until the next weather inject. */
  weather: { factor: number; untilSec: number | null };
};

export function createSensorConditions(): SensorConditions {
  return { outageUntilSec: {}, weather: { factor: 1, untilSec: null } };
}

/** The part of the campaign state injects touch (CampaignState satisfies it). */
export interface InjectWorld {
  roe: Record<string, Roe>;
  seaAccess: Record<string, boolean>;
  sensors: SensorConditions;
  economy: EconomyState;
}

/** What an inject may refer to: built from the scenario, with the engine's knowledge of live units. */
export interface InjectCatalogue {
  layers: Readonly<Record<string, LayerType>>;
  seaRegions: readonly Pick<CompiledRegion, "id">[];
  nations: readonly Pick<Nation, "id">[];
}

type Check = { ok: true } | Extract<CommandResult, { ok: false }>;

const OK: Check = Object.freeze({ ok: true });

function reject(
  path: string,
  message: string,
  code: "unknown_unit" | "unknown_type_id" | "not_allowed",
): Check {
  return { ok: false, code, message, path };
}

/** What injects may refer to in a scenario. */
export function injectCatalogue(scenario: CompiledScenario): InjectCatalogue {
  return {
    layers: scenario.catalogue.layers,
    seaRegions: scenario.theatre.regions.filter((r) => r.owner === "sea"),
    nations: scenario.nations,
  };
}

const positive = (x: unknown): boolean => typeof x === "number" && Number.isFinite(x) && x > 0;

/** Whether an inject is well-formed and refers to things that exist; apply only injects that pass. */
export function checkInject(
  catalogue: InjectCatalogue,
  inject: Inject,
  unitExists: (unitId: string) => boolean,
): Check {
  switch (inject.type) {
    case "radar-outage":
      if (!positive(inject.durationSec))
        return reject("inject.durationSec", "expected seconds above 0", "not_allowed");
      return inject.unit === undefined || unitExists(inject.unit)
        ? OK
        : reject("inject.unit", `no unit '${inject.unit}'`, "unknown_unit");
    case "resupply": {
      const layer = Object.hasOwn(catalogue.layers, inject.layer)
        ? catalogue.layers[inject.layer]
        : undefined;
      if (!layer)
        return reject("inject.layer", `no layer '${inject.layer}' in the catalogue`, "unknown_type_id");
      if (layer.magazine === null)
        return reject("inject.layer", `layer '${inject.layer}' never runs dry`, "not_allowed");
      return Number.isInteger(inject.count) && inject.count > 0
        ? OK
        : reject("inject.count", "expected a whole number above 0", "not_allowed");
    }
    case "sea-access":
      return catalogue.seaRegions.some((r) => r.id === inject.region)
        ? OK
        : reject("inject.region", `'${inject.region}' is not a sea region`, "not_allowed");
    case "ally-roe":
      return catalogue.nations.some((n) => n.id === inject.nation)
        ? OK
        : reject("inject.nation", `no nation '${inject.nation}'`, "not_allowed");
    case "weather":
      if (!positive(inject.sensorRangeFactor))
        return reject("inject.sensorRangeFactor", "expected a positive range factor", "not_allowed");
      return inject.durationSec === undefined || positive(inject.durationSec)
        ? OK
        : reject("inject.durationSec", "expected seconds above 0", "not_allowed");
    default:
      return unknownInject(inject);
  }
}

/** Refuses an inject of a type the union does not know (bad data); a new type fails typecheck above. */
function unknownInject(_inject: never): Check {
  return reject("inject.type", "unknown inject type", "not_allowed");
}

/** Who learns of an inject: the defence's own outages and convoys stay hidden from the attacker. */
export function injectVisibility(inject: Inject): Perspective[] {
  return inject.type === "radar-outage" || inject.type === "resupply"
    ? ["defender", "ally", "truth"]
    : ["attacker", "defender", "ally", "truth"];
}

/** Apply a checked inject at live-clock `nowSec`. */
export function applyInject(world: InjectWorld, inject: Inject, nowSec: number): void {
  switch (inject.type) {
    case "radar-outage": {
      const key = inject.unit ?? ALL_SENSORS;
      const untilSec = nowSec + inject.durationSec;
      world.sensors.outageUntilSec[key] = Math.max(world.sensors.outageUntilSec[key] ?? untilSec, untilSec);
      break;
    }
    case "resupply":
      addStock(world.economy, inject.layer, inject.count);
      break;
    case "sea-access":
      world.seaAccess[inject.region] = inject.accessible;
      break;
    case "ally-roe":
      world.roe[inject.nation] = inject.roe;
      break;
    case "weather":
      world.sensors.weather = {
        factor: inject.sensorRangeFactor,
        untilSec: inject.durationSec === undefined ? null : nowSec + inject.durationSec,
      };
      break;
    default:
      assertNever(inject, "inject");
  }
}

/**
 * Whether a sensor is dark at `nowSec`. A unit-less outage darkens defender sensors only, so the engine
 * says whose sensor this is.
 */
export function sensorOffline(
  sensors: SensorConditions,
  unitId: string,
  isDefenderSensor: boolean,
  nowSec: number,
): boolean {
  const own = sensors.outageUntilSec[unitId];
  const all = isDefenderSensor ? sensors.outageUntilSec[ALL_SENSORS] : undefined;
  return (own !== undefined && nowSec < own) || (all !== undefined && nowSec < all);
}

/** The factor every sensor's range is multiplied by at `nowSec`. */
export function weatherFactor(sensors: SensorConditions, nowSec: number): number {
  const { factor, untilSec } = sensors.weather;
  return untilSec === null || nowSec < untilSec ? factor : 1;
}

/** Round transition: the clock restarts, so timed outages and timed weather end with the night. */
export function clearTimedConditions(sensors: SensorConditions): void {
  sensors.outageUntilSec = {};
  if (sensors.weather.untilSec !== null) sensors.weather = { factor: 1, untilSec: null };
}

/** The auto injects of `round` whose time has come and that have not fired, in MSEL order. */
export function dueAutoInjects(
  msel: readonly ScheduledInject[],
  firedIds: readonly string[],
  round: number,
  nowSec: number,
): ScheduledInject[] {
  return msel.filter((s) => s.auto && s.round === round && s.atSec <= nowSec && !firedIds.includes(s.id));
}

/** The instructor's list: scheduled injects of `round` not fired yet (auto ones included, early). */
export function pendingInjects(
  msel: readonly ScheduledInject[],
  firedIds: readonly string[],
  round: number,
): ScheduledInject[] {
  return msel.filter((s) => s.round === round && !firedIds.includes(s.id));
}

/** Look up a scheduled inject for `fire-inject`: one of this round that has not fired. */
export function findScheduledInject(
  msel: readonly ScheduledInject[],
  firedIds: readonly string[],
  injectId: string,
  round: number,
): { ok: true; scheduled: ScheduledInject } | Extract<CommandResult, { ok: false }> {
  const scheduled = msel.find((s) => s.id === injectId);
  if (!scheduled || scheduled.round !== round) {
    const message = `no scheduled inject '${injectId}' in round ${round}`;
    return { ok: false, code: "not_allowed", message, path: "injectId" };
  }
  if (firedIds.includes(injectId)) {
    return {
      ok: false,
      code: "not_allowed",
      message: `scheduled inject '${injectId}' has already fired`,
      path: "injectId",
    };
  }
  return { ok: true, scheduled };
}
