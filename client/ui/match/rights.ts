import type { Command } from "../../../shared/commands.js";
import { type Acting, actingRoles, actsWith, mayReady, WHOLE_SIDE } from "../../../shared/crew-rights.js";
import {
  type CrewWorld,
  crewWorld,
  mayDeployType,
  permitOrder,
  plannableZones,
} from "../../../shared/crew-rules.js";
import type { CrewOrder, CrewRole } from "../../../shared/crews.js";
import type { MatchState, Unit } from "../../../shared/wire/state.js";
import { economyOf, type MatchContext, mySeat } from "./context.js";
import { isCrewSide } from "./crew.js";

/**
 * What this seat's crew roles let it order (docs/classroom.md, "Crews"), read with the server's own rules
 * (shared/crew-rules.ts) so the screen offers exactly the controls the server accepts: a sector officer
 * sees the controls of the units in their sector, a strike planner their launch zones and allocation.
 */
export class SeatRights {
  constructor(
    readonly acting: Acting,
    private readonly world: CrewWorld,
    private readonly side: "attacker" | "defender" | "ally",
    private readonly allyName: (allyId: string) => string,
  ) {}

  /** Whether one of the seat's roles gives this kind of order. */
  gives(order: CrewOrder): boolean {
    return actsWith(this.acting, order);
  }

  /** Whether the server would let the seat give this command (its phase and budget apart). */
  permits(command: Command): boolean {
    return permitOrder(this.acting, command, this.world).ok;
  }

  mayDeploy(unitType: string): boolean {
    return this.gives("deploy") && mayDeployType(this.acting, unitType, this.world);
  }

  /** The controls of one of the side's units this seat may use. */
  unitControls(unit: Unit): { doctrine: boolean; move: boolean; remove: boolean } {
    const side = this.side === "ally" ? "ally" : "defender";
    const unitId = unit.id;
    return {
      doctrine: this.permits({ type: "set-doctrine", side, unitId, doctrine: {} }),
      move: this.permits({ type: "relocate", side, unitId, to: { x: unit.x, y: unit.y } }),
      remove: side === "defender" && this.permits({ type: "remove-unit", side, unitId }),
    };
  }

  /** Where a unit this seat does not command belongs, for its card ("sector South's"). */
  whoseUnit(unit: Unit): string {
    if (unit.allyId) return `${this.allyName(unit.allyId)}'s`;
    const sector = this.world.sectorAt(unit);
    return sector ? `sector ${sector.name}'s` : "another role's";
  }

  /** Side-wide doctrine ("all units"): the commander's. */
  get sideWideDoctrine(): boolean {
    const side = this.side === "ally" ? "ally" : "defender";
    return this.permits({ type: "set-doctrine", side, unitId: "all", doctrine: {} });
  }

  /** The launch zones this seat plans from (undefined: all of them). */
  get zones(): readonly string[] | undefined {
    return plannableZones(this.acting);
  }

  /** The roles the seat acts for ("" names the whole side). */
  get roles(): readonly CrewRole[] {
    return this.acting === WHOLE_SIDE ? [] : this.acting;
  }

  /** A planner's allocation and what its zones have planned, when the commander has set one. */
  allocation(): { allocatedUsd: number; plannedUsd: number } | undefined {
    const planner = this.roles.find((role) => role.zones && role.orders.includes("plan-salvo"));
    if (!planner?.zones) return undefined;
    const allocatedUsd = this.world.allocationUsd(planner.id);
    if (allocatedUsd === undefined) return undefined;
    return { allocatedUsd, plannedUsd: this.world.plannedUsd(planner.zones) };
  }

  /** What a role's launch zones have planned this round. */
  plannedBy(role: CrewRole): number {
    return role.zones ? this.world.plannedUsd(role.zones) : 0;
  }

  allocationOf(role: CrewRole): number | undefined {
    return this.world.allocationUsd(role.id);
  }

  /** The sectors this seat deploys into, by name (empty: anywhere). */
  sectors(): string[] {
    if (this.acting === WHOLE_SIDE) return [];
    const deployers = this.acting.filter((role) => role.orders.includes("deploy"));
    if (deployers.some((role) => role.sector === undefined)) return [];
    return deployers.map((role) => this.world.sectorName(role.sector ?? ""));
  }

  /**
   * A short key of what the left column offers (its panels, catalogue entries, zones and sectors): the
   * column is rebuilt when it changes, as when the commander joins and the others' rights narrow.
   */
  panelKey(unitTypes: readonly string[]): string {
    const orders: CrewOrder[] = ["deploy", "plan-salvo", "cancel-salvo", "buy-resupply", "allocate", "ready"];
    const flags = orders.map((order) => (this.gives(order) ? "1" : "0")).join("");
    const deployable = unitTypes.filter((type) => this.mayDeploy(type)).join(",");
    const held = this.roles.map((role) => role.id).join(",");
    return `${flags}|${deployable}|${this.zones?.join(",") ?? "*"}|${held}`;
  }
}

/** This seat's rights in the state as it stands; undefined for seats that play no side. */
export function seatRights(ctx: MatchContext, state: MatchState): SeatRights | undefined {
  const side = ctx.role;
  if (!isCrewSide(side)) return undefined;
  const seats = [...state.seats.values()];
  const seat = mySeat(ctx, state);
  const acting = seat ? actingRoles(seat, seats, ctx.scenario.roles) : WHOLE_SIDE;
  const allocations = economyOf(state, "attacker")?.allocations;
  const world = crewWorld(
    ctx.scenario,
    () => ({ units: state.units.values(), salvos: state.salvos.values() }),
    (roleId) => allocations?.get(roleId),
  );
  const allyName = (allyId: string) => ctx.scenario.allies.find((ally) => ally.id === allyId)?.name ?? allyId;
  return new SeatRights(acting, world, side, allyName);
}

/** The people who say ready for their sides (the server's rule): the others wait for their commander. */
export function readySpeakers(ctx: MatchContext, state: MatchState): string[] {
  const seats = [...state.seats.values()];
  return seats
    .filter(
      (seat) =>
        seat.filledBy === "human" && isCrewSide(seat.role) && mayReady(seat, seats, ctx.scenario.roles),
    )
    .map((seat) => seat.id);
}
