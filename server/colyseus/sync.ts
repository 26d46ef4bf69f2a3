import type { MapSchema, Schema } from "@colyseus/schema";
import {
  Asset,
  DelayedPicture,
  Economy,
  Interceptor,
  type MatchState,
  PlannedSalvo,
  SCORE_BOARD_FIELDS,
  ScoreBoard,
  SightedUnit,
  Track,
  Unit,
} from "../../shared/wire/state.js";
import type {
  AssetView,
  InterceptorView,
  Perspective,
  SalvoView,
  Scores,
  SideView,
  SightedUnitView,
  TrackView,
  UnitView,
} from "../../sim/api.js";
import type { MatchStatus } from "../match/match.js";
import type { AudienceFrame } from "../match/match-contract.js";
import { isDelayedKey, perspectiveOf, type ViewKey } from "../match/view-keys.js";
import type { ViewHub } from "./view-hub.js";

/**
 * Copies sim views into the schema state. Each perspective has its own instances in the @view maps
 * (keyed `<view key>:<id>`), because what a track is (kind, identity, leg) differs per perspective.
 * Fields are written only when their value changed, so a patch carries leg changes, not positions:
 * tracks and interceptors move as legs (position at t0 plus velocity) that clients extrapolate.
 *
 * `positionsEveryPatch` is the comparison mode of the bandwidth bench: it rewrites x, y and t0 with the
 * extrapolated position on every sync, as a naive server would.
 */
export interface SyncOptions {
  positionsEveryPatch: boolean;
}

interface WriteContext {
  perspective: Perspective;
  clock: number;
  positionsEveryPatch: boolean;
}

type Writer<S, V> = (target: S, value: V, ctx: WriteContext) => void;

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}

/** One @view map, partitioned by view key. */
class KeyedCollection<S extends Schema, V extends { id: string }> {
  private readonly keysByView = new Map<ViewKey, Set<string>>();

  constructor(
    private readonly map: MapSchema<S>,
    private readonly make: () => S,
    private readonly write: Writer<S, V>,
  ) {}

  sync(key: ViewKey, items: readonly V[], ctx: WriteContext, hub: ViewHub): void {
    const previous = this.keysByView.get(key) ?? new Set<string>();
    const current = new Set<string>();
    for (const item of items) {
      const mapKey = `${key}:${item.id}`;
      current.add(mapKey);
      const existing = this.map.get(mapKey);
      if (existing) {
        this.write(existing, item, ctx);
        continue;
      }
      const created = this.make();
      this.write(created, item, ctx);
      this.map.set(mapKey, created);
      hub.add(key, created);
    }
    for (const mapKey of previous) if (!current.has(mapKey)) this.map.delete(mapKey);
    this.keysByView.set(key, current);
  }

  itemsOf(key: ViewKey): S[] {
    return [...(this.keysByView.get(key) ?? [])].flatMap((mapKey) => this.map.get(mapKey) ?? []);
  }
}

/** A leg as sent: the sim's leg, or (bench comparison mode) the position now. */
function leg(value: { x: number; y: number; vx: number; vy: number; t0: number }, ctx: WriteContext) {
  if (!ctx.positionsEveryPatch) return value;
  const dt = ctx.clock - value.t0;
  return { x: value.x + value.vx * dt, y: value.y + value.vy * dt, t0: ctx.clock };
}

const writeTrack: Writer<Track, TrackView> = (track, view, ctx) => {
  // Defence in depth: a side's perception never carries a type it has not identified.
  const hideType =
    (ctx.perspective === "defender" || ctx.perspective === "ally") && view.identity !== "identified";
  const { x, y, t0 } = leg(view, ctx);
  put(track, "id", view.id);
  put(track, "x", x);
  put(track, "y", y);
  put(track, "vx", view.vx);
  put(track, "vy", view.vy);
  put(track, "t0", t0);
  put(track, "band", view.band);
  put(track, "identity", view.identity);
  put(track, "kind", hideType ? "" : view.kind);
  put(track, "threatClass", hideType ? "" : view.threatClass);
};

const writeSighting: Writer<SightedUnit, SightedUnitView> = (sighting, view) => {
  put(sighting, "id", view.id);
  put(sighting, "side", view.side);
  put(sighting, "kind", view.kind);
  put(sighting, "x", view.x);
  put(sighting, "y", view.y);
};

const writeUnit: Writer<Unit, UnitView> = (unit, view) => {
  put(unit, "id", view.id);
  put(unit, "side", view.side);
  put(unit, "kind", view.kind);
  put(unit, "x", view.x);
  put(unit, "y", view.y);
  put(unit, "status", view.status);
  put(unit, "magazine", view.magazine);
  put(unit, "weapons", view.doctrine.weapons);
  put(unit, "fire", view.doctrine.fire);
  put(unit, "salvoSize", view.doctrine.salvoSize);
  put(unit, "footprintOnly", view.doctrine.footprintOnly);
  put(unit, "allyId", view.allyId);
};

const writeInterceptor: Writer<Interceptor, InterceptorView> = (interceptor, view, ctx) => {
  const { x, y, t0 } = leg(view, ctx);
  put(interceptor, "id", view.id);
  put(interceptor, "unitId", view.unitId);
  put(interceptor, "threatId", view.threatId);
  put(interceptor, "x", x);
  put(interceptor, "y", y);
  put(interceptor, "vx", view.vx);
  put(interceptor, "vy", view.vy);
  put(interceptor, "t0", t0);
  put(interceptor, "tEnd", view.tEnd);
};

const writeSalvo: Writer<PlannedSalvo, SalvoView> = (salvo, view) => {
  put(salvo, "id", view.id);
  put(salvo, "zone", view.zone);
  put(salvo, "threatType", view.threatType);
  put(salvo, "count", view.count);
  put(salvo, "launchAtSec", view.launchAtSec);
  put(salvo, "intervalSec", view.intervalSec);
  put(salvo, "target", view.target);
  const flat = view.waypoints.flatMap((point) => [point.x, point.y]);
  const same =
    salvo.waypoints.length === flat.length && flat.every((value, i) => salvo.waypoints[i] === value);
  if (!same) salvo.waypoints = flat;
};

interface EconomyView {
  id: string;
  side: "attacker" | "defender";
  budgetUsd: number;
  stocks: Record<string, number>;
  allocations: Readonly<Record<string, number>>;
}

const writeEconomy: Writer<Economy, EconomyView> = (economy, view) => {
  put(economy, "side", view.side);
  put(economy, "budgetUsd", view.budgetUsd);
  syncRecord(economy.stocks, view.stocks);
  syncRecord(economy.allocations, view.allocations);
};

/**
 * The budgets a perspective knows; depot stocks belong to the defender, the commander's allocations to
 * the attacker (truth sees both sides); the match gives them to live audiences only.
 */
function economiesOf(view: SideView, allocations: Readonly<Record<string, number>>): EconomyView[] {
  return (["attacker", "defender"] as const).flatMap((side) => {
    const budgetUsd = view.budgetUsd[side];
    if (budgetUsd === undefined) return [];
    const ownsStocks = view.perspective === side || (view.perspective === "truth" && side === "defender");
    const ownsPlan = side === "attacker" && (view.perspective === side || view.perspective === "truth");
    const stocks = ownsStocks ? view.stocks : {};
    return [{ id: side, side, budgetUsd, stocks, allocations: ownsPlan ? allocations : {} }];
  });
}

const writeScores: Writer<ScoreBoard, Scores & { id: string }> = (score, s) => {
  for (const field of SCORE_BOARD_FIELDS) put(score, field, s[field]);
};

function writeAssets(
  map: MapSchema<Asset>,
  assets: readonly AssetView[],
  created?: (asset: Asset) => void,
): void {
  for (const asset of assets) {
    let target = map.get(asset.id);
    if (!target) {
      target = new Asset();
      map.set(asset.id, target);
      created?.(target);
    }
    for (const field of ["id", "kind", "name", "x", "y", "hp", "hpMax", "powered"] as const) {
      put(target, field, asset[field]);
    }
  }
}

/** A delayed picture: a frame's view and the match's status line of the same moment. */
type PictureView = SideView & { id: string; status?: Readonly<MatchStatus> };

const STATUS_FIELDS = [
  "phase",
  "round",
  "paused",
  "timeScale",
  "waitingForConfirm",
  "phaseSecondsLeft",
  "winner",
] as const satisfies readonly (keyof MatchStatus & keyof DelayedPicture)[];

/** A delayed spectator's status, clock and public figures, all from the delayed frame. */
const writePicture: Writer<DelayedPicture, PictureView> = (picture, view) => {
  put(picture, "clock", view.clock);
  put(picture, "escalation", view.escalation);
  writeAssets(picture.assets, view.assets);
  syncRecord(picture.roe, view.roe);
  syncRecord(picture.seaAccess, view.seaAccess);
  const { status } = view;
  if (status) for (const field of STATUS_FIELDS) put(picture, field, status[field] as never);
};

function syncRecord<T>(map: MapSchema<T>, values: Record<string, T>): void {
  for (const [key, value] of Object.entries(values)) if (map.get(key) !== value) map.set(key, value);
  for (const key of [...map.keys()]) if (!(key in values)) map.delete(key);
}

export class StateSync {
  private readonly tracks: KeyedCollection<Track, TrackView>;
  private readonly units: KeyedCollection<Unit, UnitView>;
  private readonly sightings: KeyedCollection<SightedUnit, SightedUnitView>;
  private readonly interceptors: KeyedCollection<Interceptor, InterceptorView>;
  private readonly salvos: KeyedCollection<PlannedSalvo, SalvoView>;
  private readonly economy: KeyedCollection<Economy, EconomyView>;
  private readonly pictures: KeyedCollection<DelayedPicture, PictureView>;
  private readonly scores: KeyedCollection<ScoreBoard, Scores & { id: string }>;

  constructor(
    private readonly state: MatchState,
    private readonly hub: ViewHub,
    private readonly options: SyncOptions,
  ) {
    this.tracks = new KeyedCollection(state.tracks, () => new Track(), writeTrack);
    this.units = new KeyedCollection(state.units, () => new Unit(), writeUnit);
    this.sightings = new KeyedCollection(state.sightings, () => new SightedUnit(), writeSighting);
    this.interceptors = new KeyedCollection(state.interceptors, () => new Interceptor(), writeInterceptor);
    this.salvos = new KeyedCollection(state.salvos, () => new PlannedSalvo(), writeSalvo);
    this.economy = new KeyedCollection(state.economy, () => new Economy(), writeEconomy);
    this.pictures = new KeyedCollection(state.delayed, () => new DelayedPicture(), writePicture);
    this.scores = new KeyedCollection(state.scores, () => new ScoreBoard(), writeScores);
  }

  /**
   * Mirror one perspective's view under its view key; its scoreboard too when `withScores` (the room
   * sends scores about once a second: they change with every shot and nobody reads them faster).
   */
  perspective({ key, view, withScores, status, allocations }: AudienceFrame): void {
    const ctx: WriteContext = {
      perspective: perspectiveOf(key),
      clock: view.clock,
      positionsEveryPatch: this.options.positionsEveryPatch,
    };
    this.tracks.sync(key, view.tracks, ctx, this.hub);
    this.units.sync(key, view.units, ctx, this.hub);
    this.sightings.sync(key, view.sightings, ctx, this.hub);
    this.interceptors.sync(key, view.interceptors, ctx, this.hub);
    // Planned salvos are the attacker's secret: the sim lists them for attacker and truth only.
    this.salvos.sync(key, view.salvos, ctx, this.hub);
    this.economy.sync(key, economiesOf(view, allocations ?? {}), ctx, this.hub);
    // A delayed screen also gets the status, clock and public figures of its frame, not the live ones.
    if (isDelayedKey(key)) this.pictures.sync(key, [{ ...view, id: "picture", status }], ctx, this.hub);
    if (withScores) this.scores.sync(key, [{ ...view.scores, id: "score" }], ctx, this.hub);
  }

  /** What every client sees, from the truth view: assets, ROE, sea access and escalation. */
  publicFields(truth: SideView): void {
    const { state } = this;
    put(state, "escalation", truth.escalation);
    writeAssets(state.assets, truth.assets, (asset) => this.hub.addLive(asset));
    syncRecord(state.roe, truth.roe);
    syncRecord(state.seaAccess, truth.seaAccess);
  }

  /** Every schema item currently under a view key (to fill a view that switches to it). */
  itemsOf(key: ViewKey): Schema[] {
    return [
      ...this.tracks.itemsOf(key),
      ...this.units.itemsOf(key),
      ...this.sightings.itemsOf(key),
      ...this.interceptors.itemsOf(key),
      ...this.salvos.itemsOf(key),
      ...this.economy.itemsOf(key),
      ...this.pictures.itemsOf(key),
      ...this.scores.itemsOf(key),
    ];
  }
}
