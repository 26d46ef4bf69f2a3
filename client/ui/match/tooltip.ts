import type { HoverInfo } from "../../map/controller.js";
import { typeName } from "../../map/coverage.js";
import type { MapSource } from "../../map/source.js";
import { formatCount, formatPopulation, formatUsd } from "../../util/format.js";
import { h } from "../dom.js";

type Facts = [string, string][];

/** The card shown when hovering a unit, a track or an asset on the map. */
export function tooltipCard(
  source: MapSource,
  hover: HoverInfo,
  roe: (nation: string) => string | undefined,
): HTMLElement | null {
  const { scenario } = source;
  let title = "";
  let facts: Facts = [];
  if (hover.kind === "unit") {
    const u = [...source.units()].find((x) => x.id === hover.id);
    if (!u) return null;
    const layer = scenario.catalogue.layers[u.kind];
    const ally = scenario.allies.find((a) => a.id === u.allyId);
    title = `${u.id} · ${typeName(scenario, u.kind)}`;
    facts = [
      ["status", u.status],
      ["weapons", u.weapons],
      ["ready rounds", u.magazine < 0 ? "unlimited" : String(u.magazine)],
      ...(layer
        ? ([
            ["reach", `${layer.reachKm} km`],
            ["cost/shot", formatUsd(layer.costPerShotUsd)],
          ] as Facts)
        : []),
      ...(ally
        ? ([
            ["ally", ally.name],
            ["ROE", roe(ally.nation) ?? "?"],
          ] as Facts)
        : []),
    ];
  } else if (hover.kind === "sighting") {
    const u = [...source.sightings()].find((x) => x.id === hover.id);
    if (!u) return null;
    const reach = scenario.catalogue.layers[u.kind]?.reachKm;
    title = typeName(scenario, u.kind);
    facts = [
      ["seen", u.side === "ally" ? "an allied defence unit" : "a defence unit"],
      ...(reach ? ([["reach", `${reach} km (catalogue)`]] as Facts) : []),
      ["state", "unknown: you see where it is, not its stock or orders"],
    ];
  } else if (hover.kind === "track") {
    const t = [...source.tracks()].find((x) => x.id === hover.id);
    if (!t) return null;
    const speedKmh = Math.hypot(t.vx, t.vy) * 3600;
    const heading = ((Math.atan2(t.vx, t.vy) * 180) / Math.PI + 360) % 360;
    title = t.identity === "identified" && t.kind ? typeName(scenario, t.kind) : "Unknown track";
    facts = [
      ["track", t.id],
      ["identity", t.identity],
      ["class", t.threatClass || "?"],
      ["altitude", t.band || "?"],
      ["speed", `${formatCount(speedKmh)} km/h`],
      ["heading", `${Math.round(heading)}°`],
    ];
  } else {
    const a = [...source.assets()].find((x) => x.id === hover.id);
    if (!a) return null;
    const info = scenario.assets.find((x) => x.id === a.id);
    title = a.name;
    facts = [
      ["kind", a.kind],
      ...(info?.population ? ([["population", formatPopulation(info.population)]] as Facts) : []),
      ["condition", a.hpMax > 0 ? `${Math.round((100 * Math.max(0, a.hp)) / a.hpMax)}%` : "?"],
      ["power", a.powered ? "on" : "blacked out"],
      ...(info ? ([["value", formatUsd(info.valueUsd)]] as Facts) : []),
    ];
  }
  return h(
    "div",
    { testid: `tooltip-${hover.kind}` },
    h("div", { class: "title" }, title),
    h("dl", null, ...facts.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)])),
  );
}
