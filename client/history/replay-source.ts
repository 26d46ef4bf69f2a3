import type { CompiledScenario } from "../../shared/compiled.js";
import type { ViewName } from "../../shared/protocol.js";
import type { SideView } from "../../sim/api.js";
import type {
  AssetLike,
  InterceptorLike,
  MapSource,
  SalvoLike,
  SightingLike,
  TrackLike,
  UnitLike,
} from "../map/source.js";
import type { Player } from "./player.js";

/**
 * The map's view of a replay: the simulation's own SideView of the chosen perspective (truth, or what
 * one side saw), at the player's point. Tracks are legs, so the map extrapolates between steps.
 */
export class ReplayMapSource implements MapSource {
  perspectiveName: ViewName = "truth";
  private rev = 0;
  private signature = "";
  private current: SideView | null = null;
  private unitList: UnitLike[] = [];
  private salvoList: SalvoLike[] = [];

  constructor(
    readonly scenario: CompiledScenario,
    private readonly player: Player,
  ) {}

  perspective(): ViewName {
    return this.perspectiveName;
  }

  setPerspective(view: ViewName): void {
    this.perspectiveName = view;
    this.refresh();
  }

  now(): number {
    return this.player.roundClock();
  }

  tracks(): Iterable<TrackLike> {
    return this.current?.tracks ?? [];
  }

  units(): Iterable<UnitLike> {
    return this.unitList;
  }

  sightings(): Iterable<SightingLike> {
    return this.current?.sightings ?? [];
  }

  interceptors(): Iterable<InterceptorLike> {
    return this.current?.interceptors ?? [];
  }

  assets(): Iterable<AssetLike> {
    return this.current?.assets ?? [];
  }

  salvos(): Iterable<SalvoLike> {
    return this.salvoList;
  }

  seaAccessible(regionId: string): boolean {
    return (
      this.current?.seaAccess[regionId] ??
      this.scenario.theatre.regions.find((r) => r.id === regionId)?.accessible ??
      true
    );
  }

  revision(): number {
    return this.rev;
  }

  /** Take the view at the player's point; bump the revision when what the backdrop draws changed. */
  refresh(): SideView {
    const view = this.player.view(this.perspectiveName);
    this.current = view;
    this.unitList = view.units.map((u) => ({ ...u, weapons: u.doctrine.weapons }));
    this.salvoList = view.salvos.map((s) => ({ ...s, waypoints: s.waypoints.flatMap((p) => [p.x, p.y]) }));
    const signature = [
      this.perspectiveName,
      ...view.units.map(
        (u) => `${u.id}@${u.x},${u.y}${u.status === "offline" || u.status === "empty" ? "d" : ""}`,
      ),
      ...view.sightings.map((u) => `${u.id}@${u.x},${u.y}`),
      ...view.assets.map((a) => `${a.id}:${Math.ceil(a.hp)}${a.powered ? "" : "!"}`),
      ...view.salvos.map((s) => `${s.id}>${s.target}`),
      ...Object.entries(view.seaAccess).map(([id, open]) => `${id}=${open}`),
    ].join("|");
    if (signature !== this.signature) {
      this.signature = signature;
      this.rev++;
    }
    return view;
  }
}
