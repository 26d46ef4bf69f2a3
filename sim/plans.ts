import type { ResolvedPlan } from "../shared/plan.js";
import type { Command } from "./api.js";

/**
 * A plan file as the commands of one round's planning phase: the room's "plan" seats, the CLI and
 * replays all go through this one path. Defender: that round's deployments, then its interceptor
 * purchases. Attacker: that round's salvos. Ally: its doctrine settings, in round 1.
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
      if (round !== 1) return [];
      return Object.entries(plan.doctrine).map(
        ([unitId, doctrine]): Command => ({ type: "set-doctrine", side: "ally", unitId, doctrine }),
      );
  }
}
