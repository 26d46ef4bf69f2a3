import { sensorOffline, weatherFactor } from "./campaign/injects.js";
import type { SensorInfo } from "./catalogue.js";
import { fromUnits, type SimContext } from "./context.js";
import { TRACKING_SIDES, trackingIndex, type UnitState } from "./world.js";

/**
 * Sensor coverage for the step: which threats each tracking side's sensors see now, and the shortest
 * identification and decoy-unmasking dwells among the sensors that see each. Ranges come precomputed per
 * sensor and threat type (radar horizon, instrumented range scaled by signature, bands, acoustic speed
 * limit: catalogue.ts); weather and each threat's own detection factor multiply them. A sensor is dark
 * during an outage or while its unit relocates, or when the rules say its unit cannot act.
 */

export function sensorPhase(ctx: SimContext): void {
  const { world, scratch, grid, cat } = ctx;
  const n = world.threats.length;
  scratch.coveredCount.fill(0);
  if (n === 0) return;
  for (let s = 0; s < TRACKING_SIDES.length; s++) {
    scratch.covered[s].fill(0, 0, n);
    scratch.identifySec[s].fill(Number.MAX_VALUE, 0, n);
    scratch.unmaskSec[s].fill(Number.MAX_VALUE, 0, n);
  }
  const weather = weatherFactor(world.sensors, ctx.t1);
  const threats = world.threats;
  const out = scratch.candidates;
  const inFlight = scratch.typesInFlight;
  for (const { unit, sensor } of sensorUnits(ctx)) {
    if (unit.relocating) continue;
    // Query only as far as the sensor sees the types actually flying (a radar's reach against a
    // ballistic missile is much longer than against a drone under its horizon).
    const ranges = sensor.rangeByThreatKm;
    let queryKm = 0;
    for (let ti = 0; ti < inFlight.length; ti++) {
      const farthestKm = ranges[ti] * cat.threats[ti].maxSight;
      if (inFlight[ti] && farthestKm > queryKm) queryKm = farthestKm;
    }
    // Cheap tests first: most sensors have no threat anywhere near them most of the night.
    if (queryKm <= 0 || !grid.near(unit.x, unit.y, queryKm * weather)) continue;
    if (sensorOffline(world.sensors, unit.id, unit.side === "defender", ctx.t1)) continue;
    if (!ctx.rules.unitActive(ctx, unit)) continue;
    const side = trackingIndex(unit.side);
    const covered = scratch.covered[side];
    const identifySec = scratch.identifySec[side];
    const unmaskSec = scratch.unmaskSec[side];
    const unmaskDwell = sensor.def.decoyIdentifySec ?? Number.MAX_VALUE;
    const count = grid.query(unit.x, unit.y, queryKm * weather, out);
    for (let k = 0; k < count; k++) {
      const i = out[k];
      const threat = threats[i];
      const rangeKm = ranges[threat.ti] * weather * threat.sight;
      const dx = threat.x - unit.x;
      const dy = threat.y - unit.y;
      if (!threat.alive || dx * dx + dy * dy > rangeKm * rangeKm || rangeKm <= 0) continue;
      if (covered[i] === 0) scratch.coveredCount[side]++;
      covered[i] = 1;
      if (sensor.def.identifySec < identifySec[i]) identifySec[i] = sensor.def.identifySec;
      if (unmaskDwell < unmaskSec[i]) unmaskSec[i] = unmaskDwell;
    }
  }
}

/** The units that carry a sensor, with it. */
function sensorUnits(ctx: SimContext): { unit: UnitState; sensor: SensorInfo }[] {
  return fromUnits(ctx, "sensorUnits", (units) =>
    units.flatMap((unit) => {
      const sensor = ctx.cat.unitSensor(unit.type);
      return sensor ? [{ unit, sensor }] : [];
    }),
  );
}
