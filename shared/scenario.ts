import { z } from "zod";
import { ScenarioRoles, Sector } from "./crews.js";
import { Id, LonLat, Point, PointKm } from "./primitives.js";

/**
 * The scenario file format. Every number the simulation uses lives here as data (docs/design.md §2).
 * Positions are given either in kilometres on the theatre plane ({x, y}, x east, y north, origin at the
 * theatre centre) or as geographic coordinates ({lon, lat}) that the loader projects to kilometres.
 */

export { Id, LonLat, Point, PointKm } from "./primitives.js";

export const Band = z.enum(["very-low", "low", "high"]);
export type Band = z.infer<typeof Band>;

export const ThreatClass = z.enum(["drone", "decoy", "cruise", "ballistic"]);
export type ThreatClass = z.infer<typeof ThreatClass>;

/** Rules of engagement: `none`, `own-airspace`, or `buffer:<km>` beyond the border. */
export const Roe = z
  .string()
  .regex(/^(none|own-airspace|buffer:\d+(\.\d+)?)$/, "ROE is 'none', 'own-airspace' or 'buffer:<km>'");
export type Roe = z.infer<typeof Roe>;

export const RegionOwner = z.enum(["defender", "attacker", "neighbour", "sea", "neutral"]);
export type RegionOwner = z.infer<typeof RegionOwner>;

/** Where a region's outline comes from: a Natural Earth country (by name), lon/lat or km polygons. */
export const Geometry = z.union([
  z.object({ naturalEarth: z.string().min(1) }).strict(),
  z.object({ lonLat: z.array(z.array(LonLat).min(3)).min(1) }).strict(),
  z.object({ km: z.array(z.array(PointKm).min(3)).min(1) }).strict(),
]);
export type Geometry = z.infer<typeof Geometry>;

export const Region = z
  .object({
    id: Id,
    name: z.string().min(1),
    owner: RegionOwner,
    /** For owner "neighbour": the nation id (see `nations`). */
    nation: Id.optional(),
    /** For owner "sea": whether allied warships can reach it (a closed strait makes it false). */
    accessible: z.boolean().optional(),
    geometry: Geometry,
  })
  .strict();
export type Region = z.infer<typeof Region>;

export const Nation = z
  .object({
    id: Id,
    name: z.string().min(1),
    /** The ROE of this nation's own forces (and allied forces it hosts). */
    roe: Roe,
    /**
     * A coalition partner that consents: threats crossing its airspace, and coalition interceptions over
     * it within its ROE, are no incidents (a crash or impact on its soil, or fire its ROE forbids, still are).
     */
    consent: z.boolean().optional(),
  })
  .strict();
export type Nation = z.infer<typeof Nation>;

export const AssetKind = z.enum(["city", "plant", "substation", "military", "industrial"]);
export type AssetKind = z.infer<typeof AssetKind>;

export const Asset = z
  .object({
    id: Id,
    name: z.string().min(1),
    kind: AssetKind,
    at: Point,
    hp: z.number().positive(),
    /** Value at risk in USD-equivalent; drives target choice and scoring. */
    valueUsd: z.number().nonnegative(),
    /** Cities only. */
    population: z.number().int().nonnegative().optional(),
    /** Radius of the defended footprint around the asset. */
    footprintKm: z.number().positive().default(5),
  })
  .strict();
export type Asset = z.infer<typeof Asset>;

export const LaunchZone = z
  .object({
    id: Id,
    name: z.string().min(1),
    at: Point,
    radiusKm: z.number().positive(),
    /** Threat type ids that may launch from here. */
    threatTypes: z.array(Id).min(1),
  })
  .strict();
export type LaunchZone = z.infer<typeof LaunchZone>;

export const ThreatType = z
  .object({
    name: z.string().min(1),
    class: ThreatClass,
    speedMps: z.number().positive(),
    band: Band,
    altitudeM: z.number().nonnegative(),
    /** Relative radar signature (1 = a small drone); scales detection range by its fourth root. */
    signature: z.number().positive(),
    damage: z.number().nonnegative(),
    blastRadiusKm: z.number().nonnegative(),
    rangeKm: z.number().positive(),
    costUsd: z.number().nonnegative(),
    gnssGuided: z.boolean(),
    /** Circular error: the aim point scatters by up to this many km. */
    accuracyKm: z.number().nonnegative().default(0.1),
    /** Decoys: the threat type it looks like until a sensor unmasks it (default: the first drone type). */
    mimics: Id.optional(),
    /** Each salvo's launch time moves by up to this many seconds either way (drawn from the match seed). */
    launchJitterSec: z.number().nonnegative().optional(),
    /** Each waypoint of each threat moves by up to this many km (a route within the planned corridor). */
    routeJitterKm: z.number().nonnegative().optional(),
    /** Detection ranges against each threat vary by up to this share either way (aspect, terrain masking). */
    detectionSpread: z.number().min(0).max(0.9).optional(),
  })
  .strict();
export type ThreatType = z.infer<typeof ThreatType>;

export const SensorKind = z.enum(["radar", "acoustic", "aew"]);
export type SensorKind = z.infer<typeof SensorKind>;

export const SensorType = z
  .object({
    name: z.string().min(1),
    kind: SensorKind,
    /** Antenna height above ground (for AEW: the aircraft's altitude). */
    heightM: z.number().nonnegative(),
    /** Instrumented range: the cap on the radar-horizon distance. */
    rangeKm: z.number().positive(),
    bands: z.array(Band).min(1),
    /** Acoustic sensors hear only slow targets. */
    maxTargetSpeedMps: z.number().positive().optional(),
    /** Seconds of continuous coverage before a track is identified (a decoy: as the drone it mimics). */
    identifySec: z.number().nonnegative(),
    /** Seconds of continuous coverage to tell a decoy from the drone it mimics; absent: it cannot. */
    decoyIdentifySec: z.number().nonnegative().optional(),
    deployCostUsd: z.number().nonnegative(),
  })
  .strict();
export type SensorType = z.infer<typeof SensorType>;

export const WeaponsControl = z.enum(["hold", "tight", "free"]);
export type WeaponsControl = z.infer<typeof WeaponsControl>;
export const FireMode = z.enum(["salvo", "shoot-look-shoot"]);
export type FireMode = z.infer<typeof FireMode>;

export const Doctrine = z
  .object({
    weapons: WeaponsControl,
    fire: FireMode,
    salvoSize: z.number().int().min(1).max(4),
    footprintOnly: z.boolean(),
    /**
     * Classes the unit keeps its interceptors for. Any other class it engages only as a last resort: a
     * threat about to enter a defended footprint that no cheaper unit can engage. Empty: no reserve.
     */
    reserve: z.array(ThreatClass).optional(),
  })
  .strict();
export type Doctrine = z.infer<typeof Doctrine>;

export const LayerRole = z.enum(["shooter", "jammer", "fighter"]);
export type LayerRole = z.infer<typeof LayerRole>;

export const LayerType = z
  .object({
    name: z.string().min(1),
    role: LayerRole,
    reachKm: z.number().positive(),
    /** Reach against ballistic threats; absent means the layer cannot engage them (no BMD). */
    reachVsBallisticKm: z.number().positive().optional(),
    engagesBands: z.array(Band).min(1),
    /** Threat classes it may engage at all (e.g. drones only). */
    engagesClasses: z.array(ThreatClass).min(1),
    /** Rounds in the launcher; null = unlimited (guns that never run dry, jammers). */
    magazine: z.number().int().positive().nullable(),
    reloadSec: z.number().nonnegative(),
    costPerShotUsd: z.number().nonnegative(),
    deployCostUsd: z.number().nonnegative(),
    interceptorSpeedMps: z.number().positive(),
    /** Kill probability by threat class; every class must be given (a decoy dies like the drone it mimics). */
    pk: z.record(ThreatClass, z.number().min(0).max(1)),
    /** Minimum seconds between two shots of this unit. */
    shotIntervalSec: z.number().nonnegative().default(2),
    /** Fire-control radar of the unit itself, if any (sensor type id). */
    sensor: Id.optional(),
    mobile: z.boolean().default(false),
    relocateDelaySec: z.number().nonnegative().default(600),
    /** Default for the defended-footprint rule. */
    footprintOnly: z.boolean().default(false),
    /** Only deployable in accessible sea regions (ships). */
    seaOnly: z.boolean().default(false),
    /** Jammers: per-second spoof probability of a GNSS-guided threat inside reach. */
    jamPerSec: z.number().min(0).max(1).optional(),
    /** Fighters: time on station per sortie and sorties per round. */
    timeOnStationSec: z.number().positive().optional(),
    sortiesPerRound: z.number().int().positive().optional(),
    /** The doctrine new units of this layer start with (the rest: weapons tight, one-shot salvos). */
    doctrine: Doctrine.partial().optional(),
  })
  .strict();
export type LayerType = z.infer<typeof LayerType>;

export const Catalogue = z
  .object({
    threats: z.record(Id, ThreatType),
    layers: z.record(Id, LayerType),
    sensors: z.record(Id, SensorType),
  })
  .strict();
export type Catalogue = z.infer<typeof Catalogue>;

/** A unit placed by the scenario itself (fixed sensors, allied forces). */
export const PlacedUnit = z
  .object({
    id: Id,
    type: Id,
    at: Point,
    doctrine: Doctrine.partial().optional(),
    /** Known to the attacker from the start (scenario intelligence). */
    known: z.boolean().default(false),
    /** False leaves the unit out of the match (a variant may bring it in). */
    enabled: z.boolean().optional(),
  })
  .strict();
export type PlacedUnit = z.infer<typeof PlacedUnit>;

export const Ally = z
  .object({
    id: Id,
    name: z.string().min(1),
    /** The nation whose ROE this ally obeys. */
    nation: Id,
    /** Regions this ally counts as its own airspace for `own-airspace` and `buffer:<km>`. */
    airspace: z.array(Id).min(1),
    units: z.array(PlacedUnit),
  })
  .strict();
export type Ally = z.infer<typeof Ally>;

export const ResupplyItem = z
  .object({
    layer: Id,
    count: z.number().int().positive(),
    /** Seconds after the round's live phase starts; 0 means at the start of the round. */
    arrivesAfterSec: z.number().nonnegative().default(0),
  })
  .strict();
export type ResupplyItem = z.infer<typeof ResupplyItem>;

export const RoundSpec = z
  .object({
    name: z.string().min(1),
    durationSec: z.number().positive(),
    defenderBudgetUsd: z.number().nonnegative(),
    attackerBudgetUsd: z.number().nonnegative(),
    resupply: z.array(ResupplyItem).default([]),
    /** Hit points restored on every damaged asset before this round. */
    repairHp: z.number().nonnegative().default(0),
    /** Whether the defender may buy interceptors in this round's planning phase (default: yes). */
    interceptorPurchases: z.boolean().optional(),
  })
  .strict();
export type RoundSpec = z.infer<typeof RoundSpec>;

export const Inject = z.discriminatedUnion("type", [
  z
    .object({ type: z.literal("radar-outage"), unit: Id.optional(), durationSec: z.number().positive() })
    .strict()
    .describe("Sensors go dark (one unit, or every defender sensor when unit is absent)."),
  z.object({ type: z.literal("resupply"), layer: Id, count: z.number().int().positive() }).strict(),
  z.object({ type: z.literal("sea-access"), region: Id, accessible: z.boolean() }).strict(),
  z.object({ type: z.literal("ally-roe"), nation: Id, roe: Roe }).strict(),
  z
    .object({
      type: z.literal("weather"),
      sensorRangeFactor: z.number().min(0.1).max(1.5),
      durationSec: z.number().positive().optional(),
    })
    .strict(),
]);
export type Inject = z.infer<typeof Inject>;

export const ScheduledInject = z
  .object({
    id: Id,
    round: z.number().int().positive(),
    atSec: z.number().nonnegative(),
    title: z.string().min(1),
    inject: Inject,
    /** Fired automatically at its time; otherwise listed for the instructor to fire. */
    auto: z.boolean().default(true),
  })
  .strict();
export type ScheduledInject = z.infer<typeof ScheduledInject>;

export const TriggerCondition = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("escalation-at-least"), value: z.number().nonnegative() }).strict(),
  z
    .object({ kind: z.literal("incidents-in-nation"), nation: Id, count: z.number().int().positive() })
    .strict(),
]);
export const TriggerEffect = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("set-roe"), nation: Id, roe: Roe }).strict(),
  z.object({ kind: z.literal("sea-access"), region: Id, accessible: z.boolean() }).strict(),
  z
    .object({ kind: z.literal("end-match"), loser: z.enum(["defender", "attacker"]), reason: z.string() })
    .strict(),
  z.object({ kind: z.literal("defender-penalty"), usd: z.number().nonnegative() }).strict(),
]);
export const Trigger = z
  // biome-ignore lint/suspicious/noThenProperty: scenario files read "when <condition> then <effect>"; never awaited
  .object({ id: Id, title: z.string().min(1), when: TriggerCondition, then: TriggerEffect })
  .strict();
export type Trigger = z.infer<typeof Trigger>;

export const EscalationRules = z
  .object({
    incidentWeight: z.number().nonnegative(),
    crashWeight: z.number().nonnegative(),
    debrisWeight: z.number().nonnegative(),
    outsideRoeWeight: z.number().nonnegative(),
    /** Bands whose flight over a neighbour is an airspace incident (default: all; a ballistic missile crosses in space). */
    airspaceBands: z.array(Band).optional(),
    /** Escalation lost per simulated hour (tension eases with time). */
    decayPerHour: z.number().nonnegative().default(0),
    triggers: z.array(Trigger).default([]),
  })
  .strict();
export type EscalationRules = z.infer<typeof EscalationRules>;

export const Scoring = z
  .object({
    usdPerCasualty: z.number().nonnegative(),
    usdPerBlackoutPopulationHour: z.number().nonnegative(),
    usdPerEscalationPoint: z.number().nonnegative(),
  })
  .strict();
export type Scoring = z.infer<typeof Scoring>;

export const Seats = z
  .object({
    attacker: z.number().int().min(0).max(30),
    defender: z.number().int().min(0).max(30),
    ally: z.number().int().min(0).max(30),
    instructor: z.number().int().min(0).max(2),
    spectator: z.number().int().min(0).max(500),
  })
  .strict();
export type Seats = z.infer<typeof Seats>;

/**
 * A named configuration of the scenario for a lesson: `set` changes fields by path (the `--set` syntax,
 * e.g. "theatre.regions.9.accessible": true) before validation.
 */
export const Variant = z
  .object({
    id: Id,
    title: z.string().min(1),
    description: z.string().min(1),
    set: z.record(z.string().min(1), z.unknown()),
  })
  .strict();
export type Variant = z.infer<typeof Variant>;

/** Casualties per unit of damage on a city, per 100k inhabitants. */
export const CasualtyModel = z.object({ perDamagePer100k: z.number().nonnegative() }).strict();

export const Scenario = z
  .object({
    id: Id,
    name: z.string().min(1),
    description: z.string().min(1),
    theatre: z
      .object({
        /** Projection centre for lon/lat inputs; absent for purely stylised (km) maps. */
        center: LonLat.optional(),
        /** Half-width and half-height of the playable area in km. */
        extentKm: z.object({ x: z.number().positive(), y: z.number().positive() }).strict(),
        regions: z.array(Region).min(1),
      })
      .strict(),
    nations: z.array(Nation).default([]),
    assets: z.array(Asset).min(1),
    gridLinks: z.array(z.tuple([Id, Id])).default([]),
    launchZones: z.array(LaunchZone).min(1),
    catalogue: Catalogue,
    /** Sensors and units the defender owns from the start (not bought). */
    fixedUnits: z.array(PlacedUnit).default([]),
    allies: z.array(Ally).default([]),
    /** Interceptors in the defender's depot per layer at the start (beyond what magazines hold). */
    stocks: z.record(Id, z.number().int().nonnegative()).default({}),
    seats: Seats,
    /** Named areas of the theatre that defender roles are scoped to (docs/classroom.md). */
    sectors: z.array(Sector).default([]),
    /** The crew roles per side; a side left out gets roles derived from sectors, launch zones, allies. */
    roles: ScenarioRoles.optional(),
    rounds: z.array(RoundSpec).min(1),
    msel: z.array(ScheduledInject).default([]),
    escalation: EscalationRules,
    scoring: Scoring,
    casualties: CasualtyModel.default({ perDamagePer100k: 5 }),
    variants: z.array(Variant).optional(),
  })
  .strict();
export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.infer<typeof Scenario>;
