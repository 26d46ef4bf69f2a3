import type { Band } from "../../shared/scenario.js";
import { Emitter } from "../util/emitter.js";
import type { MapSource } from "./source.js";
import type { ViewState } from "./view.js";

/**
 * The seam between the HTML panels and the Phaser map: what the map shows (source, overlays), what a
 * click on it means (the current tool), and what the map reports back (clicks, hovers, selection).
 */
export type MapTool =
  | { kind: "pan" }
  | { kind: "place"; unitType: string }
  | { kind: "waypoints"; points: { x: number; y: number }[] }
  | { kind: "relocate"; unitId: string }
  /** The attacker picks a salvo's target on the map (the nearest asset to the click). */
  | { kind: "target" }
  /** A point for the side, with a label (docs/classroom.md, "Crews"). */
  | { kind: "marker"; label: string };

/** A side's marker as the server delivered it, in km. */
export interface MapMarker {
  x: number;
  y: number;
  label: string;
  from: string;
}

export type CoverageMode = Band | "all" | "off";

/** While placing: where the unit would land (the asset it snapped to) and the assets it would cover. */
export interface AimReport {
  unitType: string;
  snappedTo: string | null;
  /** Assets within weapon reach; null for a sensor (it covers by radar, shown as rings). */
  covers: string[] | null;
}

export interface HoverInfo {
  kind: "track" | "unit" | "sighting" | "asset";
  id: string;
  screenX: number;
  screenY: number;
}

type ControllerEvents = {
  source: [MapSource | null];
  tool: [MapTool];
  /** A click in km; `assetId` when it snapped to an asset (placing, moving, picking a target). */
  click: [{ x: number; y: number; screenX: number; screenY: number; tool: MapTool; assetId?: string }];
  /** While placing: what the unit would cover where it would land (names of assets in reach). */
  aim: [AimReport | null];
  hover: [HoverInfo | null];
  select: [string | null];
  overlay: [];
  follow: [boolean];
  focus: [{ x: number; y: number }];
  /** Keyboard pan (screen px) and zoom (factor about the centre). */
  nudge: [{ dx: number; dy: number; zoom: number }];
  fit: [];
  /** Zoom to show `km` around a point (zoom to an area). */
  zoomTo: [{ x: number; y: number; km: number }];
  effect: [{ kind: string; x: number; y: number }];
  view: [ViewState];
};

export class MapController extends Emitter<ControllerEvents> {
  source: MapSource | null = null;
  tool: MapTool = { kind: "pan" };
  selectedUnit: string | null = null;
  coverage: CoverageMode = "all";
  follow = false;
  /** Planned salvo being drawn in the builder: launch zone, waypoints and target, in km. */
  draftRoute: { x: number; y: number }[] = [];
  /** The launch zone chosen in the salvo builder (drawn bold on the map). */
  chosenZone: string | null = null;
  /** The side's markers the server delivered (drawn as labelled pins). */
  markers: readonly MapMarker[] = [];

  setSource(source: MapSource | null): void {
    this.source = source;
    this.emit("source", source);
  }

  setTool(tool: MapTool): void {
    this.tool = tool;
    this.emit("tool", tool);
  }

  select(unitId: string | null): void {
    this.selectedUnit = unitId;
    this.emit("select", unitId);
    this.emit("overlay");
  }

  setCoverage(mode: CoverageMode): void {
    this.coverage = mode;
    this.emit("overlay");
  }

  setDraftRoute(points: { x: number; y: number }[]): void {
    this.draftRoute = points;
    this.emit("overlay");
  }

  setMarkers(markers: readonly MapMarker[]): void {
    this.markers = markers;
  }

  chooseZone(zoneId: string | null): void {
    this.chosenZone = zoneId;
    this.emit("overlay");
  }

  setFollow(on: boolean): void {
    this.follow = on;
    this.emit("follow", on);
  }

  nudge(dx: number, dy: number, zoom = 1): void {
    if (this.follow) this.setFollow(false);
    this.emit("nudge", { dx, dy, zoom });
  }

  /** Show a brief effect (intercept, miss, impact) at a world point. */
  effect(kind: string, x: number, y: number): void {
    this.emit("effect", { kind, x, y });
  }

  /** Centre the map on a point (an event in the feed, a unit in a list). */
  focusOn(x: number, y: number): void {
    this.emit("focus", { x, y });
  }
}
