import { type Command, OK, ORDERS, type Outcome, refusal } from "./commands.js";
import { type Acting, WHOLE_SIDE } from "./crew-rights.js";
import { type CrewOrder, type CrewRole, sectorAt } from "./crews.js";
import { formatUsd } from "./money.js";
import type { PointKm } from "./scenario.js";

/**
 * What each crew role may order (docs/classroom.md, "Crews"): the order types of its role, inside the
 * role's scope (a sector, sensors, an ally's units, a planner's launch zones and allocation). Checked
 * before the simulation sees an order; the simulation's own rules (phase, budget, ROE) come after.
 */
export interface CrewWorld {
  /** The sector a point lies in (id and name), if the scenario has sectors. */
  sectorAt(p: PointKm): { id: string; name: string } | undefined;
  sectorName(id: string): string;
  isSensor(unitType: string): boolean;
  /** One of the side's units as the side sees it. */
  unit(id: string): { x: number; y: number; kind: string; allyId: string } | undefined;
  /** A planned salvo's launch zone. */
  salvoZone(id: string): string | undefined;
  /** What a salvo costs. */
  salvoUsd(threatType: string, count: number): number;
  /** What the side has planned from these zones this round. */
  plannedUsd(zones: readonly string[]): number;
  /** The commander's allocation to a role, if any. */
  allocationUsd(roleId: string): number | undefined;
}

/** What a side's crew world is built from: its units and planned salvos as the side sees them. */
export interface CrewPicture {
  units: Iterable<{ id: string; x: number; y: number; kind: string; allyId: string }>;
  salvos: Iterable<{ id: string; zone: string; threatType: string; count: number }>;
}

/** The scenario's part of a crew world: sectors and catalogue. */
export interface CrewScenario {
  sectors: readonly { id: string; name: string; at: PointKm }[];
  catalogue: { sensors: Record<string, unknown>; threats: Record<string, { costUsd: number }> };
}

/**
 * The world the crew rules read, for the server (the side's view) and the client (its room state) alike;
 * `picture` is read only when a rule needs it.
 */
export function crewWorld(
  scenario: CrewScenario,
  picture: () => CrewPicture,
  allocationUsd: (roleId: string) => number | undefined,
): CrewWorld {
  const { sectors, catalogue } = scenario;
  const salvoUsd = (threatType: string, count: number) =>
    (catalogue.threats[threatType]?.costUsd ?? 0) * count;
  const find = <T extends { id: string }>(items: Iterable<T>, id: string) => {
    for (const item of items) if (item.id === id) return item;
    return undefined;
  };
  return {
    sectorAt: (p) => sectorAt(sectors, p),
    sectorName: (id) => sectors.find((sector) => sector.id === id)?.name ?? id,
    isSensor: (unitType) => Object.hasOwn(catalogue.sensors, unitType),
    unit: (id) => find(picture().units, id),
    salvoZone: (id) => find(picture().salvos, id)?.zone,
    salvoUsd,
    plannedUsd: (zones) => {
      let usd = 0;
      for (const salvo of picture().salvos)
        if (zones.includes(salvo.zone)) usd += salvoUsd(salvo.threatType, salvo.count);
      return usd;
    },
    allocationUsd,
  };
}

/** Whether the roles may deploy a unit type somewhere (each in its own sector). */
export function mayDeployType(acting: Acting, unitType: string, world: CrewWorld): boolean {
  if (acting === WHOLE_SIDE) return true;
  return acting.some(
    (role) => role.orders.includes("deploy") && sensorsOnly(role, "deploy", unitType, world).ok,
  );
}

/** The launch zones the roles may plan salvos from; undefined when any zone will do. */
export function plannableZones(acting: Acting): readonly string[] | undefined {
  if (acting === WHOLE_SIDE) return undefined;
  const planners = acting.filter((role) => role.orders.includes("plan-salvo"));
  if (planners.some((role) => !role.zones)) return undefined;
  return planners.flatMap((role) => role.zones ?? []);
}

/** An order the sender's roles allow, or `not_allowed` naming a role and its rule. */
export function permitOrder(acting: Acting, command: Command, world: CrewWorld): Outcome {
  if (acting === WHOLE_SIDE) return OK;
  const giving = acting.filter((role) => role.orders.includes(command.type as CrewOrder));
  const action = ORDERS[command.type].action;
  if (giving.length === 0) {
    const roles = acting.map((role) => role.id).join(", ") || "this seat";
    return refusal("not_allowed", `${roles} may not ${action}: that order is not among the role's orders`);
  }
  const outcomes = giving.map((role) => withinScope(role, command, world));
  return outcomes.find((outcome) => outcome.ok) ?? outcomes[0];
}

function withinScope(role: CrewRole, command: Command, world: CrewWorld): Outcome {
  switch (command.type) {
    case "deploy":
      return firstProblem(
        inSector(role, "deploy units", command.at, world),
        sensorsOnly(role, "deploy", command.unitType, world),
      );
    case "remove-unit":
      return unitInScope(role, "remove", command.unitId, world);
    case "relocate":
      return firstProblem(
        unitInScope(role, "relocate", command.unitId, world),
        inSector(role, "relocate units to places", command.to, world),
      );
    case "set-doctrine":
      if (command.unitId === "all" && scoped(role))
        return refusal("not_allowed", `${role.id} may not set side-wide doctrine: that is the commander's`);
      return command.unitId === "all" ? OK : unitInScope(role, "set doctrine for", command.unitId, world);
    case "plan-salvo":
      return planned(role, command.zone, world.salvoUsd(command.threatType, command.count), world);
    case "cancel-salvo": {
      const zone = world.salvoZone(command.salvoId);
      return zone === undefined || !role.zones || role.zones.includes(zone)
        ? OK
        : refusal(
            "not_allowed",
            `${role.id} may only cancel salvos from its launch zones (${role.zones.join(", ")})`,
          );
    }
    default:
      return OK;
  }
}

function scoped(role: CrewRole): boolean {
  return role.sector !== undefined || role.sensors === true || role.ally !== undefined;
}

function firstProblem(...outcomes: Outcome[]): Outcome {
  return outcomes.find((outcome) => !outcome.ok) ?? OK;
}

function inSector(role: CrewRole, what: string, at: PointKm, world: CrewWorld): Outcome {
  if (role.sector === undefined || world.sectorAt(at)?.id === role.sector) return OK;
  return refusal("not_allowed", `${role.id} may only ${what} inside sector ${world.sectorName(role.sector)}`);
}

function sensorsOnly(role: CrewRole, verb: string, unitType: string, world: CrewWorld): Outcome {
  if (!role.sensors || world.isSensor(unitType)) return OK;
  return refusal("not_allowed", `${role.id} may only ${verb} sensors, not '${unitType}'`);
}

/** A unit the role answers for; an unknown unit is the simulation's to refuse. */
function unitInScope(role: CrewRole, verb: string, unitId: string, world: CrewWorld): Outcome {
  const unit = world.unit(unitId);
  if (!unit) return OK;
  if (role.ally !== undefined && unit.allyId !== role.ally)
    return refusal("not_allowed", `${role.id} may only ${verb} units of ${role.ally}`);
  if (role.sector !== undefined && world.sectorAt(unit)?.id !== role.sector)
    return refusal(
      "not_allowed",
      `${role.id} may only ${verb} units inside sector ${world.sectorName(role.sector)}`,
    );
  return sensorsOnly(role, verb, unit.kind, world);
}

function planned(role: CrewRole, zone: string, usd: number, world: CrewWorld): Outcome {
  const zones = role.zones;
  if (!zones) return OK;
  if (!zones.includes(zone))
    return refusal(
      "not_allowed",
      `${role.id} may only plan salvos from its launch zones (${zones.join(", ")})`,
    );
  const allocated = world.allocationUsd(role.id);
  if (allocated === undefined) return OK;
  const spent = world.plannedUsd(zones);
  if (spent + usd <= allocated) return OK;
  return refusal(
    "not_allowed",
    `${role.id} may not spend beyond its allocation: ${formatUsd(usd)} asked, ${formatUsd(Math.max(0, allocated - spent))} of ${formatUsd(allocated)} left`,
  );
}
