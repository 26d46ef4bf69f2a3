import type { CompiledScenario } from "../../shared/compiled.js";

const DIRECTIONS = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"];
/** Within this share of the defended land's half-size of its centre, a point is "in the centre". */
const CENTRE_SHARE = 0.2;

/**
 * Where something happened in words, as the feed says it: a compass sector seen from the centre of the
 * defended land ("in the north-east"), which every side can read off the same map.
 */
export class Sectors {
  private readonly cx: number;
  private readonly cy: number;
  private readonly centreKm: number;

  constructor(scenario: CompiledScenario) {
    const land = scenario.theatre.regions.filter((r) => r.owner === "defender");
    const boxes = land.length > 0 ? land.map((r) => r.bbox) : [extentBox(scenario)];
    const minX = Math.min(...boxes.map((b) => b.minX));
    const maxX = Math.max(...boxes.map((b) => b.maxX));
    const minY = Math.min(...boxes.map((b) => b.minY));
    const maxY = Math.max(...boxes.map((b) => b.maxY));
    this.cx = (minX + maxX) / 2;
    this.cy = (minY + maxY) / 2;
    this.centreKm = (CENTRE_SHARE * Math.min(maxX - minX, maxY - minY)) / 2;
  }

  /** "in the north-east", or "in the centre" near the middle of the defended land. */
  phrase(x: number, y: number): string {
    const dx = x - this.cx;
    const dy = y - this.cy;
    if (Math.hypot(dx, dy) <= this.centreKm) return "in the centre";
    const octant = Math.round(Math.atan2(dy, dx) / (Math.PI / 4));
    return `in the ${DIRECTIONS[(octant + 8) % 8]}`;
  }
}

function extentBox(scenario: CompiledScenario) {
  const { x, y } = scenario.theatre.extentKm;
  return { minX: -x, maxX: x, minY: -y, maxY: y };
}
