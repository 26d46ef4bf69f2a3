import { type CommandOf, type Refusal, refusal } from "../../shared/commands.js";
import type { PointKm, ThreatType } from "../../shared/scenario.js";
import { charge, refund } from "../campaign/economy.js";
import type { SimContext } from "../context.js";
import { routeLengthKm } from "../threats.js";

/**
 * The attacker's salvos: bought from its production budget when planned (count × unit cost), launched
 * from the zone at `launchAtSec` (after the live phase starts, or from now for a reserve salvo in a
 * live phase) one every `intervalSec`. Every launch must happen within the night's duration and the
 * route (zone, waypoints, target, with the zone's scatter, each waypoint's corridor and the aim scatter)
 * within the type's range. When bought, the salvo draws its launch-time jitter (the type's
 * `launchJitterSec`), kept within the night: the plan says roughly when, the night says exactly.
 */

function salvoProblem(ctx: SimContext, c: CommandOf<"plan-salvo">): Refusal | null {
  const { cat, world, scenario } = ctx;
  const zone = cat.zones.get(c.zone);
  if (!zone) return refusal("unknown_zone", `no launch zone '${c.zone}'`, "zone");
  const info = cat.threatById.get(c.threatType);
  if (!info)
    return refusal("unknown_type_id", `no threat type '${c.threatType}' in the catalogue`, "threatType");
  if (!zone.threatTypes.includes(c.threatType)) {
    return refusal("not_allowed", `zone '${c.zone}' cannot launch '${c.threatType}'`, "threatType");
  }
  const targetIndex = cat.assetIndex.get(c.target);
  if (targetIndex === undefined) return refusal("unknown_target", `no asset '${c.target}'`, "target");
  const lengthKm = worstRouteKm(zone, c.waypoints, scenario.assets[targetIndex].at, info.def);
  if (lengthKm > info.def.rangeKm) {
    return refusal(
      "not_allowed",
      `route of up to ${Math.round(lengthKm)} km exceeds the ${info.def.rangeKm} km range of '${c.threatType}'`,
      c.waypoints.length > 0 ? "waypoints" : "target",
    );
  }
  const durationSec = scenario.rounds[world.round - 1].durationSec;
  const lastLaunchSec = firstLaunchSec(ctx, c) + (c.count - 1) * c.intervalSec;
  if (lastLaunchSec > durationSec) {
    return refusal(
      "not_allowed",
      `the last launch at ${lastLaunchSec} s falls after the night ends (${durationSec} s)`,
      "launchAtSec",
    );
  }
  return null;
}

/**
 * The longest a salvo's route can be: from the far edge of the zone, every waypoint displaced against it
 * by its corridor (there and back), to the scattered aim point. Plans and commands are checked with it.
 */
export function worstRouteKm(
  zone: { at: PointKm; radiusKm: number },
  waypoints: readonly PointKm[],
  target: PointKm,
  type: ThreatType,
): number {
  const route = [...waypoints.flatMap((w) => [w.x, w.y]), target.x, target.y];
  const corridorKm = 2 * waypoints.length * (type.routeJitterKm ?? 0);
  return routeLengthKm(zone.at.x, zone.at.y, route) + zone.radiusKm + type.accuracyKm + corridorKm;
}

function firstLaunchSec(ctx: SimContext, c: CommandOf<"plan-salvo">): number {
  return ctx.world.phase === "live" ? ctx.world.clock + c.launchAtSec : c.launchAtSec;
}

/** The salvo's launch-time jitter: uniform within ± the type's jitter, every launch kept in the night. */
function drawOffsetSec(ctx: SimContext, c: CommandOf<"plan-salvo">, jitterSec: number): number {
  if (jitterSec <= 0) return 0;
  const first = firstLaunchSec(ctx, c);
  const earliest = ctx.world.phase === "live" ? ctx.world.clock : 0;
  const last = first + (c.count - 1) * c.intervalSec;
  const durationSec = ctx.scenario.rounds[ctx.world.round - 1].durationSec;
  const offsetSec = jitterSec * (2 * ctx.rng.next01() - 1);
  return Math.max(earliest - first, Math.min(durationSec - last, offsetSec));
}

/** Bought when planned: checked in full, then paid (a refused payment changes nothing), then listed. */
export function planSalvo(ctx: SimContext, c: CommandOf<"plan-salvo">): Refusal | null {
  const problem = salvoProblem(ctx, c);
  if (problem) return problem;
  const { world } = ctx;
  const threat = ctx.cat.threatById.get(c.threatType)!.def;
  const unitCostUsd = threat.costUsd;
  const paid = charge(world.economy, "attacker", c.count * unitCostUsd, `${c.count} × ${threat.name}`);
  if (!paid.ok) return { ...paid, path: "count" };
  world.salvos.push({
    id: `s-${world.nextSeq.salvo++}`,
    round: world.round,
    zone: c.zone,
    threatType: c.threatType,
    count: c.count,
    launched: 0,
    launchAtSec: firstLaunchSec(ctx, c),
    offsetSec: drawOffsetSec(ctx, c, threat.launchJitterSec ?? 0),
    intervalSec: c.intervalSec,
    target: c.target,
    waypoints: c.waypoints.map((w) => ({ x: w.x, y: w.y })),
    unitCostUsd,
  });
  return null;
}

/** Cancel a salvo planned for this round; its cost comes back. */
export function cancelSalvo(ctx: SimContext, c: CommandOf<"cancel-salvo">): Refusal | null {
  const { world } = ctx;
  const index = world.salvos.findIndex((s) => s.id === c.salvoId && s.round === world.round);
  if (index < 0) return refusal("not_allowed", `no salvo '${c.salvoId}' planned for this round`, "salvoId");
  const [salvo] = world.salvos.splice(index, 1);
  refund(world.economy, "attacker", (salvo.count - salvo.launched) * salvo.unitCostUsd);
  return null;
}
