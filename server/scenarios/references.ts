import type { Inject, LayerType, Scenario } from "../../shared/scenario.js";
import { checkCrews } from "./crew-references.js";
import type { ScenarioIssue } from "./errors.js";
import { checkUnique, type Push, unknown } from "./reference-checks.js";

/**
 * Cross-reference checks zod cannot express: every id a scenario mentions must exist, ids must be unique,
 * and fields that only make sense together must come together. Paths name the offending field.
 */

function checkCatalogue(s: Scenario, push: Push): void {
  const { layers, sensors } = s.catalogue;
  for (const [id, layer] of Object.entries(layers)) {
    const path = `catalogue.layers.${id}`;
    if (id in sensors) push(path, `'${id}' is both a layer and a sensor id; unit types must be unambiguous`);
    if (layer.sensor && !(layer.sensor in sensors))
      push(`${path}.sensor`, `unknown sensor type '${layer.sensor}'`);
    checkLayerRole(layer, path, push);
    const ballistic = layer.engagesClasses.includes("ballistic");
    if (ballistic && layer.reachVsBallisticKm === undefined) {
      push(`${path}.reachVsBallisticKm`, "required when engagesClasses includes 'ballistic'");
    }
    if (!ballistic && layer.reachVsBallisticKm !== undefined) {
      push(`${path}.reachVsBallisticKm`, "given, but engagesClasses does not include 'ballistic'");
    }
  }
}

function checkLayerRole(layer: LayerType, path: string, push: Push): void {
  if (layer.role === "jammer" && layer.jamPerSec === undefined)
    push(`${path}.jamPerSec`, "required for jammers");
  if (layer.role !== "jammer" && layer.jamPerSec !== undefined) push(`${path}.jamPerSec`, "only jammers jam");
  if (layer.role === "fighter") {
    if (layer.timeOnStationSec === undefined) push(`${path}.timeOnStationSec`, "required for fighters");
    if (layer.sortiesPerRound === undefined) push(`${path}.sortiesPerRound`, "required for fighters");
  }
}

function checkRegions(s: Scenario, nations: Set<string>, push: Push): void {
  s.theatre.regions.forEach((region, i) => {
    const path = `theatre.regions[${i}]`;
    if (region.owner === "neighbour" && !region.nation)
      push(`${path}.nation`, "required for neighbour regions");
    if (region.nation && !nations.has(region.nation))
      push(`${path}.nation`, unknown("nation", region.nation, nations));
    if (region.owner === "sea" && region.accessible === undefined)
      push(`${path}.accessible`, "required for sea regions");
    if (region.owner !== "sea" && region.accessible !== undefined)
      push(`${path}.accessible`, "only sea regions have it");
  });
  if (!s.theatre.regions.some((region) => region.owner === "defender")) {
    push("theatre.regions", "needs at least one region with owner 'defender'");
  }
}

function checkAssets(s: Scenario, push: Push): void {
  s.assets.forEach((asset, i) => {
    if (asset.kind === "city" && asset.population === undefined)
      push(`assets[${i}].population`, "required for cities");
    if (asset.kind !== "city" && asset.population !== undefined)
      push(`assets[${i}].population`, "cities only");
  });
  const assets = new Set(s.assets.map((a) => a.id));
  const links = new Set<string>();
  s.gridLinks.forEach(([a, b], i) => {
    if (!assets.has(a)) push(`gridLinks[${i}][0]`, unknown("asset", a, assets));
    if (!assets.has(b)) push(`gridLinks[${i}][1]`, unknown("asset", b, assets));
    if (a === b) push(`gridLinks[${i}]`, `links '${a}' to itself`);
    const key = [a, b].sort().join(" ");
    if (links.has(key)) push(`gridLinks[${i}]`, `duplicate link between '${a}' and '${b}'`);
    links.add(key);
  });
}

function checkUnitsAndAllies(s: Scenario, nations: Set<string>, push: Push): void {
  const unitTypes = new Set([...Object.keys(s.catalogue.layers), ...Object.keys(s.catalogue.sensors)]);
  const regions = new Set(s.theatre.regions.map((r) => r.id));
  const units = [
    ...s.fixedUnits.map((unit, i) => ({ unit, path: `fixedUnits[${i}]` })),
    ...s.allies.flatMap((ally, a) =>
      ally.units.map((unit, i) => ({ unit, path: `allies[${a}].units[${i}]` })),
    ),
  ];
  const seen = new Map<string, string>();
  for (const { unit, path } of units) {
    if (!unitTypes.has(unit.type))
      push(`${path}.type`, unknown("layer or sensor type", unit.type, unitTypes));
    const first = seen.get(unit.id);
    if (first) push(`${path}.id`, `duplicate unit id '${unit.id}' (also at ${first})`);
    else seen.set(unit.id, path);
  }
  s.allies.forEach((ally, a) => {
    if (!nations.has(ally.nation)) push(`allies[${a}].nation`, unknown("nation", ally.nation, nations));
    ally.airspace.forEach((id, i) => {
      if (!regions.has(id)) push(`allies[${a}].airspace[${i}]`, unknown("region", id, regions));
    });
  });
}

function checkEconomy(s: Scenario, push: Push): void {
  const layers = new Set(Object.keys(s.catalogue.layers));
  for (const id of Object.keys(s.stocks)) {
    if (!layers.has(id)) push(`stocks.${id}`, unknown("layer", id, layers));
  }
  s.rounds.forEach((round, r) => {
    round.resupply.forEach((item, i) => {
      if (!layers.has(item.layer))
        push(`rounds[${r}].resupply[${i}].layer`, unknown("layer", item.layer, layers));
    });
  });
  const threats = new Set(Object.keys(s.catalogue.threats));
  s.launchZones.forEach((zone, z) => {
    zone.threatTypes.forEach((type, i) => {
      if (!threats.has(type))
        push(`launchZones[${z}].threatTypes[${i}]`, unknown("threat type", type, threats));
    });
  });
}

interface Known {
  nations: Set<string>;
  seaRegions: Set<string>;
  layers: Set<string>;
  units: Set<string>;
}

function checkInject(inject: Inject, path: string, known: Known, push: Push): void {
  if (inject.type === "radar-outage" && inject.unit && !known.units.has(inject.unit)) {
    push(`${path}.unit`, unknown("fixed or allied unit", inject.unit, known.units));
  }
  if (inject.type === "resupply" && !known.layers.has(inject.layer)) {
    push(`${path}.layer`, unknown("layer", inject.layer, known.layers));
  }
  if (inject.type === "sea-access" && !known.seaRegions.has(inject.region)) {
    push(`${path}.region`, unknown("sea region", inject.region, known.seaRegions));
  }
  if (inject.type === "ally-roe" && !known.nations.has(inject.nation)) {
    push(`${path}.nation`, unknown("nation", inject.nation, known.nations));
  }
}

function checkMselAndEscalation(s: Scenario, known: Known, push: Push): void {
  s.msel.forEach((item, i) => {
    const round = s.rounds[item.round - 1];
    if (!round)
      push(`msel[${i}].round`, `round ${item.round} does not exist (the scenario has ${s.rounds.length})`);
    else if (item.atSec > round.durationSec) {
      push(
        `msel[${i}].atSec`,
        `${item.atSec} s is after the end of round ${item.round} (${round.durationSec} s)`,
      );
    }
    checkInject(item.inject, `msel[${i}].inject`, known, push);
  });
  s.escalation.triggers.forEach((trigger, i) => {
    const path = `escalation.triggers[${i}]`;
    if (trigger.when.kind === "incidents-in-nation" && !known.nations.has(trigger.when.nation)) {
      push(`${path}.when.nation`, unknown("nation", trigger.when.nation, known.nations));
    }
    const effect = trigger.then;
    if (effect.kind === "set-roe" && !known.nations.has(effect.nation)) {
      push(`${path}.then.nation`, unknown("nation", effect.nation, known.nations));
    }
    if (effect.kind === "sea-access" && !known.seaRegions.has(effect.region)) {
      push(`${path}.then.region`, unknown("sea region", effect.region, known.seaRegions));
    }
  });
}

/** Every cross-reference problem of a schema-valid scenario; empty when it is consistent. */
export function checkReferences(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const push: Push = (path, message) => issues.push({ path, message });
  checkUnique(s.theatre.regions, "theatre.regions", push, "region");
  checkUnique(s.nations, "nations", push, "nation");
  checkUnique(s.assets, "assets", push, "asset");
  checkUnique(s.launchZones, "launchZones", push, "launch zone");
  checkUnique(s.allies, "allies", push, "ally");
  checkUnique(s.msel, "msel", push, "inject");
  checkUnique(s.escalation.triggers, "escalation.triggers", push, "trigger");
  const nations = new Set(s.nations.map((n) => n.id));
  checkCatalogue(s, push);
  checkRegions(s, nations, push);
  checkAssets(s, push);
  checkUnitsAndAllies(s, nations, push);
  checkEconomy(s, push);
  const known: Known = {
    nations,
    seaRegions: new Set(s.theatre.regions.filter((r) => r.owner === "sea").map((r) => r.id)),
    layers: new Set(Object.keys(s.catalogue.layers)),
    units: new Set([...s.fixedUnits, ...s.allies.flatMap((a) => a.units)].map((u) => u.id)),
  };
  checkMselAndEscalation(s, known, push);
  checkCrews(s, push);
  return issues;
}
