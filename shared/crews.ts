import { z } from "zod";
import { Id, Point } from "./primitives.js";
import { SIDE_ORDER_TYPES } from "./side-orders.js";

/**
 * Crews (docs/classroom.md, "Crews"): the roles of each side, declared by the scenario or derived from
 * its sectors, launch zones and allies, each with the orders it may give and the scope it gives them in.
 */

/** A named area of the theatre: every point belongs to the sector whose centre is nearest. */
export const Sector = z
  .object({
    id: Id,
    name: z.string().min(1),
    at: Point,
  })
  .strict();
export type Sector = z.infer<typeof Sector>;

/** What a role may do: the client orders, `allocate` (share out the attacker's spend) and `ready`. */
export const CrewOrder = z.enum([...SIDE_ORDER_TYPES, "allocate", "ready"]);
export type CrewOrder = z.infer<typeof CrewOrder>;

/** The orders each side may put in a role. */
export const SIDE_CREW_ORDERS: Record<keyof SideRoles, readonly CrewOrder[]> = {
  defender: ["deploy", "remove-unit", "set-doctrine", "relocate", "buy-resupply", "ready"],
  attacker: ["plan-salvo", "cancel-salvo", "allocate", "ready"],
  ally: ["set-doctrine", "relocate", "ready"],
};

export const CrewRole = z
  .object({
    id: Id,
    title: z.string().min(1),
    orders: z.array(CrewOrder),
    /** How many people may hold the role at once. */
    limit: z.number().int().min(1).max(30).default(2),
    /** Units and positions only inside this sector (a sector id). */
    sector: Id.optional(),
    /** Salvos only from these launch zones (a planner's group), within the commander's allocation. */
    zones: z.array(Id).min(1).optional(),
    /** Units of the catalogue's sensors only. */
    sensors: z.boolean().optional(),
    /** Units of this ally only (an ally id). */
    ally: Id.optional(),
  })
  .strict();
export type CrewRoleInput = z.input<typeof CrewRole>;
export type CrewRole = z.infer<typeof CrewRole>;

/** A scenario's roles per side; a side left out gets the derived roles. */
export const ScenarioRoles = z
  .object({ attacker: z.array(CrewRole).min(1), defender: z.array(CrewRole).min(1), ally: z.array(CrewRole) })
  .partial()
  .strict();
export type ScenarioRoles = z.infer<typeof ScenarioRoles>;

/** The roles of every playing side. */
export type SideRoles = Required<ScenarioRoles>;

/** A side's crew as the room listing shows it: roles nobody holds, and how many people hold each other one. */
export interface CrewCounts {
  open: number;
  held: Record<string, number>;
}
export type CrewSummary = Record<keyof SideRoles, CrewCounts>;

/** What the derived roles are made from (a scenario file or its compiled form). */
export interface CrewSource {
  sectors: readonly { id: string; name: string }[];
  launchZones: readonly { id: string; name: string }[];
  allies: readonly { id: string; name: string }[];
  roles?: ScenarioRoles;
}

/** The first role of each side leads it: it acts for the roles nobody holds (docs/classroom.md). */
export function derivedRoles(source: CrewSource): SideRoles {
  const defender: CrewRole[] = [
    role("commander", "Commander", ["deploy", "remove-unit", "set-doctrine", "buy-resupply", "ready"], 1),
    ...source.sectors.map((sector) =>
      role(
        `sector-${sector.id}`,
        `Sector ${sector.name}`,
        ["deploy", "remove-unit", "relocate", "set-doctrine"],
        2,
        {
          sector: sector.id,
        },
      ),
    ),
    role("sensor", "Sensor officer", ["deploy", "remove-unit", "relocate"], 2, { sensors: true }),
    role("logistics", "Logistics", ["buy-resupply", "relocate"], 2),
  ];
  const attacker: CrewRole[] = [
    role("commander", "Commander", ["allocate", "cancel-salvo", "ready"], 1),
    ...source.launchZones.map((zone) =>
      role(`planner-${zone.id}`, `Strike planner ${zone.name}`, ["plan-salvo", "cancel-salvo"], 2, {
        zones: [zone.id],
      }),
    ),
    role("intelligence", "Intelligence", [], 4),
  ];
  const ally = source.allies.map((a) =>
    role(a.id, a.name, ["set-doctrine", "relocate", "ready"], 2, { ally: a.id }),
  );
  return { defender, attacker, ally };
}

/** The scenario's roles: each side as declared, else derived. */
export function rolesOf(source: CrewSource): SideRoles {
  const derived = derivedRoles(source);
  const declared = source.roles ?? {};
  return {
    attacker: declared.attacker ?? derived.attacker,
    defender: declared.defender ?? derived.defender,
    ally: declared.ally ?? derived.ally,
  };
}

function role(
  id: string,
  title: string,
  orders: CrewOrder[],
  limit: number,
  scope: Pick<CrewRole, "sector" | "zones" | "sensors" | "ally"> = {},
): CrewRole {
  return { id, title, orders, limit, ...scope };
}

/** The sector a point lies in: the one with the nearest centre (undefined without sectors). */
export function sectorAt<S extends { id: string; at: { x: number; y: number } }>(
  sectors: readonly S[],
  p: { x: number; y: number },
): S | undefined {
  let best: S | undefined;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const sector of sectors) {
    const km = Math.hypot(sector.at.x - p.x, sector.at.y - p.y);
    if (km < bestKm) {
      best = sector;
      bestKm = km;
    }
  }
  return best;
}
