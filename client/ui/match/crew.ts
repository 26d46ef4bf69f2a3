import "./crews.css";
import type { CrewRole } from "../../../shared/crews.js";
import type { MatchState, Seat } from "../../../shared/wire/state.js";
import type { ServedScenario } from "../../net/api.js";

/**
 * Crews on the match screen (docs/classroom.md, "Crews"): the roles of a side, who holds them (the
 * state's seats), and the words for a seat's role.
 */
export type CrewSide = "attacker" | "defender" | "ally";

export function isCrewSide(role: string): role is CrewSide {
  return role === "attacker" || role === "defender" || role === "ally";
}

/** The roles of a side (none for seats that play no side). */
export function rolesOf(scenario: ServedScenario, side: string): readonly CrewRole[] {
  return isCrewSide(side) ? (scenario.roles?.[side] ?? []) : [];
}

/** A role's title, or its id when the scenario does not know it. */
export function roleTitle(scenario: ServedScenario, side: string, roleId: string): string {
  return rolesOf(scenario, side).find((role) => role.id === roleId)?.title ?? roleId;
}

/** Who holds a role of a side: its people, and a bot the instructor put in it. */
export function holders(state: MatchState, side: string, roleId: string): Seat[] {
  return [...state.seats.values()].filter(
    (seat) => seat.role === side && seat.filledBy !== "" && seat.crewRole === roleId,
  );
}

/** Whether a seat is played by software (a bot or the scenario's plan). */
export function isScripted(seat: Seat): boolean {
  return seat.filledBy !== "" && seat.filledBy !== "human";
}

/** The title of the crew role a seat holds ("Sector North"), "" for the whole side. */
export function crewTitle(scenario: ServedScenario, seat: Seat | undefined): string {
  return seat?.crewRole ? roleTitle(scenario, seat.role, seat.crewRole) : "";
}
