import type { CompiledScenario } from "../../../shared/compiled.js";
import type { SeatRole } from "../../../shared/protocol.js";
import type { Economy, MatchState, Seat, Unit } from "../../../shared/wire/state.js";
import type { MapController } from "../../map/controller.js";
import type { ServedScenario } from "../../net/api.js";
import type { MatchSession } from "../../net/session.js";

/** What every match panel works with. */
export interface MatchContext {
  session: MatchSession;
  ctl: MapController;
  scenario: ServedScenario;
  role: SeatRole;
}

/** A piece of the match screen that follows the state. */
export interface Part {
  readonly el: HTMLElement;
  update(state: MatchState): void;
  destroy?(): void;
}

/** This screen's own seat in the state. */
export function mySeat(ctx: MatchContext, state: MatchState): Seat | undefined {
  const id = ctx.session.welcome?.seatId;
  if (!id) return undefined;
  return state.seats.get(id) ?? [...state.seats.values()].find((s) => s.id === id);
}

/** This side's money and stocks (the economy map holds only what the viewer may see). */
export function economyOf(state: MatchState, side: string): Economy | undefined {
  for (const e of state.economy.values()) if (e.side === side) return e;
  return undefined;
}

/**
 * The units this seat may give orders to: weapons first in catalogue order (the ones that take orders),
 * sensors after them, each kind by id.
 */
export function ownUnits(state: MatchState, role: SeatRole, scenario: CompiledScenario): Unit[] {
  const side = role === "ally" ? "ally" : "defender";
  const order = [...Object.keys(scenario.catalogue.layers), ...Object.keys(scenario.catalogue.sensors)];
  const rank = (u: Unit) => {
    const i = order.indexOf(u.kind);
    return i < 0 ? order.length : i;
  };
  return [...state.units.values()]
    .filter((u) => u.side === side)
    .sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

/**
 * Attacker and defender roles with no seat taken: the night waits for them (the server's rule; the screen
 * names them to the players who wait and to the instructor who may start without them).
 */
export function emptyNightRoles(state: MatchState): string[] {
  return ["attacker", "defender"].filter((role) => {
    const seats = [...state.seats.values()].filter((seat) => seat.role === role);
    return seats.length > 0 && seats.every((seat) => seat.filledBy === "");
  });
}

/** "the attacker", "the attacker and the defender". */
export function roleList(roles: readonly string[]): string {
  return roles.map((role) => `the ${role}`).join(" and ");
}

/** Name of the current round ("Night 2"), or the round number. */
export function roundName(scenario: CompiledScenario, round: number): string {
  return scenario.rounds[round - 1]?.name ?? `Round ${round}`;
}

export const PHASE_LABEL: Record<string, string> = {
  lobby: "Lobby",
  planning: "Planning",
  live: "Live",
  assessment: "Assessment",
  debrief: "Debrief",
};

/** The variant ids the match plays (the state carries them comma-separated). */
export function playedVariants(state: MatchState | null | undefined): string[] {
  return state?.variants ? state.variants.split(",") : [];
}
