import type { CompiledScenario } from "../../shared/compiled.js";
import type { ViewName } from "../../shared/protocol.js";
import { type MatchState, pictureOf } from "../../shared/wire/state.js";
import type {
  AssetLike,
  InterceptorLike,
  MapSource,
  SalvoLike,
  SightingLike,
  TrackLike,
  UnitLike,
} from "../map/source.js";
import { SimClock } from "./clock.js";
import type { MatchSession } from "./session.js";

const EMPTY: never[] = [];

/**
 * The map's view of a live match: reads the decoded room state directly (no copies per frame) and
 * keeps the extrapolated clock. Maps are keyed per perspective; whatever arrives is what this
 * client's view may see, so everything received is drawn.
 */
export class LiveSource implements MapSource {
  readonly clock = new SimClock();
  private rev = 0;
  private signature = "";

  constructor(
    readonly scenario: CompiledScenario,
    private readonly session: MatchSession,
  ) {}

  private get state(): MatchState | null {
    return this.session.state;
  }

  perspective(): ViewName {
    return this.session.view;
  }

  now(): number {
    return this.clock.now(performance.now());
  }

  tracks(): Iterable<TrackLike> {
    return this.state?.tracks.values() ?? EMPTY;
  }

  units(): Iterable<UnitLike> {
    return this.state?.units.values() ?? EMPTY;
  }

  sightings(): Iterable<SightingLike> {
    return this.state?.sightings.values() ?? EMPTY;
  }

  interceptors(): Iterable<InterceptorLike> {
    return this.state?.interceptors.values() ?? EMPTY;
  }

  assets(): Iterable<AssetLike> {
    return this.state ? pictureOf(this.state).assets.values() : EMPTY;
  }

  salvos(): Iterable<SalvoLike> {
    return this.state?.salvos.values() ?? EMPTY;
  }

  seaAccessible(regionId: string): boolean {
    const live = this.state?.seaAccess.get(regionId);
    if (live !== undefined) return live;
    return this.scenario.theatre.regions.find((r) => r.id === regionId)?.accessible ?? true;
  }

  revision(): number {
    return this.rev;
  }

  /** Called on every patch: resync the clock, bump the revision when the backdrop's content changed. */
  onState(state: MatchState): void {
    const running = state.phase === "live" && !state.paused && !state.waitingForConfirm;
    this.clock.sync(pictureOf(state).clock, state.timeScale, running, performance.now());
    const signature = backdropSignature(state, this.session.view);
    if (signature !== this.signature) {
      this.signature = signature;
      this.rev++;
    }
  }
}

/** What the cached backdrop depends on, as a string: unit placement, asset damage, routes, sea access. */
function backdropSignature(state: MatchState, view: ViewName): string {
  const parts: string[] = [view];
  state.units.forEach((u) => {
    const dim = u.status === "offline" || u.status === "empty" ? "d" : "";
    parts.push(`${u.id}@${u.x.toFixed(2)},${u.y.toFixed(2)}${u.kind}${u.side}${dim}`);
  });
  state.sightings.forEach((u) => {
    parts.push(`${u.id}@${u.x.toFixed(2)},${u.y.toFixed(2)}${u.kind}`);
  });
  pictureOf(state).assets.forEach((a) => {
    parts.push(`${a.id}:${Math.ceil(a.hp)}${a.powered ? "" : "!"}`);
  });
  state.salvos.forEach((s) => {
    parts.push(`${s.id}>${s.zone}>${s.target}>${s.waypoints.length}`);
  });
  state.seaAccess.forEach((open, id) => {
    parts.push(`${id}=${open}`);
  });
  return parts.join("|");
}
