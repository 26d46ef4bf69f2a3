import type { Side } from "../../shared/commands.js";
import { type CrewRole, SIDE_CREW_ORDERS } from "../../shared/crews.js";
import type { Scenario } from "../../shared/scenario.js";
import { checkUnique, type Push, unknown } from "./reference-checks.js";

/**
 * Cross-references of a scenario's crews (docs/scenarios.md, "Sectors and roles"): unique sector and
 * role ids, orders each side may give, and the sectors, launch zones and allies that roles are scoped to.
 */
export function checkCrews(s: Scenario, push: Push): void {
  checkUnique(s.sectors, "sectors", push, "sector");
  const known = {
    sectors: new Set(s.sectors.map((sector) => sector.id)),
    zones: new Set(s.launchZones.map((zone) => zone.id)),
    allies: new Set(s.allies.map((ally) => ally.id)),
  };
  for (const side of ["attacker", "defender", "ally"] as const) {
    const roles = s.roles?.[side];
    if (!roles) continue;
    const path = `roles.${side}`;
    checkUnique(roles, path, push, "role");
    roles.forEach((role, i) => {
      checkRole(side, role, `${path}[${i}]`, known, push);
    });
  }
}

function checkRole(
  side: Side,
  role: CrewRole,
  path: string,
  known: { sectors: Set<string>; zones: Set<string>; allies: Set<string> },
  push: Push,
): void {
  role.orders.forEach((order, i) => {
    if (!SIDE_CREW_ORDERS[side].includes(order))
      push(`${path}.orders[${i}]`, `the ${side} gives no '${order}' orders`);
  });
  if (role.sector !== undefined && !known.sectors.has(role.sector))
    push(`${path}.sector`, unknown("sector", role.sector, known.sectors));
  role.zones?.forEach((zone, i) => {
    if (!known.zones.has(zone)) push(`${path}.zones[${i}]`, unknown("launch zone", zone, known.zones));
  });
  if (role.ally !== undefined && !known.allies.has(role.ally))
    push(`${path}.ally`, unknown("ally", role.ally, known.allies));
}
