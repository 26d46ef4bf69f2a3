import { type CommandOf, type Refusal, refusal } from "../../shared/commands.js";
import { charge, refund } from "../campaign/economy.js";
import type { SimContext } from "../context.js";
import { routeLengthKm } from "../threats.js";

/**
 * The attacker's salvos: bought from its production budget when planned (count × unit cost), launched
 * from the zone at `launchAtSec` (after the live phase starts, or from now for a reserve salvo in a
 * live phase) one every `intervalSec`. Every launch must happen within the night's duration and the
 * route (zone, waypoints, target, with the zone's and aim scatter) within the type's range.
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
  const target = scenario.assets[targetIndex].at;
  const route = [...c.waypoints.flatMap((w) => [w.x, w.y]), target.x, target.y];
  const lengthKm = routeLengthKm(zone.at.x, zone.at.y, route) + zone.radiusKm + info.def.accuracyKm;
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

function firstLaunchSec(ctx: SimContext, c: CommandOf<"plan-salvo">): number {
  return ctx.world.phase === "live" ? ctx.world.clock + c.launchAtSec : c.launchAtSec;
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
