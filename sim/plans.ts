import { assertNever } from "../shared/never.js";
import type { ResolvedPlan } from "../shared/plan.js";
import type { Doctrine } from "../shared/scenario.js";
import type { Command } from "./api.js";

/**
 * A plan file as the commands of one round's planning phase: the room's "plan" seats, the CLI and
 * replays all go through this one path. Defender: that round's deployments, then its interceptor
 * purchases (and, in round 1, doctrine for the scenario's units). Attacker: that round's salvos. Ally:
 * its doctrine settings, in round 1.
 */
export function planCommands(plan: ResolvedPlan, round: number): Command[] {
  switch (plan.side) {
    case "defender":
      return [
        ...plan.deployments
          .filter((d) => d.round === round)
          .map(
            (d): Command => ({
              type: "deploy",
              side: "defender",
              unitType: d.type,
              at: { x: d.at.x, y: d.at.y },
              ...(d.id === undefined ? {} : { id: d.id }),
              ...(d.doctrine === undefined ? {} : { doctrine: d.doctrine }),
            }),
          ),
        ...plan.resupply
          .filter((r) => r.round === round)
          .map((r): Command => ({ type: "buy-resupply", side: "defender", layer: r.layer, count: r.count })),
        ...doctrineCommands("defender", plan.doctrine ?? {}, round),
      ];
    case "attacker":
      return plan.salvos
        .filter((s) => s.round === round)
        .map(
          (s): Command => ({
            type: "plan-salvo",
            side: "attacker",
            zone: s.zone,
            threatType: s.threatType,
            count: s.count,
            launchAtSec: s.launchAtSec,
            intervalSec: s.intervalSec,
            target: s.target,
            waypoints: s.waypoints.map((w) => ({ x: w.x, y: w.y })),
          }),
        );
    case "ally":
      return doctrineCommands("ally", plan.doctrine, round);
    default:
      return assertNever(plan, "plan");
  }
}

/** A plan's doctrine for the scenario's own units: set before the first night. */
function doctrineCommands(
  side: "defender" | "ally",
  doctrine: Record<string, Partial<Doctrine>>,
  round: number,
): Command[] {
  if (round !== 1) return [];
  return Object.entries(doctrine).map(
    ([unitId, change]): Command => ({ type: "set-doctrine", side, unitId, doctrine: change }),
  );
}
