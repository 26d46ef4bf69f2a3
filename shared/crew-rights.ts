import type { Side } from "./commands.js";
import type { CrewOrder, CrewRole, SideRoles } from "./crews.js";

/**
 * Who acts for which crew roles (docs/classroom.md, "Crews"). Each person on a side holds one role. The
 * side's first role leads it (the commander): whoever holds it also acts for every role nobody holds,
 * and while nobody holds it every person of the side does. A person acting for all of the side's roles
 * (one person alone on a side, as before crews) acts for the whole side, without any role's limits.
 * The instructor may give a role other than the lead to a bot: it holds the role like a person and
 * does only that role's work.
 */
export interface CrewSeat {
  role: string;
  filledBy: string;
  crewRole: string;
}

/** The whole side: no role's limits apply. */
export const WHOLE_SIDE = "whole-side";
export type Acting = readonly CrewRole[] | typeof WHOLE_SIDE;

function sideOf(role: string): Side | undefined {
  return role === "attacker" || role === "defender" || role === "ally" ? role : undefined;
}

/** A side's people, and the scripted players (bots, plans) put in one of its crew roles. */
function holdersOf(side: Side, seats: readonly CrewSeat[]): CrewSeat[] {
  return seats.filter(
    (seat) =>
      seat.role === side && (seat.filledBy === "human" || (seat.filledBy !== "" && seat.crewRole !== "")),
  );
}

/** The roles a seat acts for; empty for seats that play no side. */
export function actingRoles(seat: CrewSeat, seats: readonly CrewSeat[], roles: SideRoles): Acting {
  const side = sideOf(seat.role);
  if (!side) return [];
  const sideRoles = roles[side];
  const own = sideRoles.find((role) => role.id === seat.crewRole);
  if (!own) return WHOLE_SIDE;
  // A bot given a crew role does that role's work only, whoever else is on the side.
  if (seat.filledBy !== "human") return [own];
  const held = new Set(holdersOf(side, seats).map((s) => s.crewRole));
  const lead = sideRoles[0];
  if (own !== lead && held.has(lead.id)) return [own];
  const acting = sideRoles.filter((role) => role === own || !held.has(role.id));
  return acting.length === sideRoles.length ? WHOLE_SIDE : acting;
}

/** Whether a seat's roles include an order. */
export function actsWith(acting: Acting, order: CrewOrder): boolean {
  return acting === WHOLE_SIDE || acting.some((role) => role.orders.includes(order));
}

/** Whether a seat says ready for its side (and confirms wego pauses). */
export function mayReady(seat: CrewSeat, seats: readonly CrewSeat[], roles: SideRoles): boolean {
  return actsWith(actingRoles(seat, seats, roles), "ready");
}

/**
 * The role a person joining a side gets: the one asked for while it has room, else the first role
 * nobody holds, else the first with room; "" for a side without roles; a reason when there is none.
 */
export function crewRoleFor(
  side: Side,
  asked: string | undefined,
  sideRoles: readonly CrewRole[],
  seats: readonly CrewSeat[],
): string | { refused: string } {
  if (sideRoles.length === 0) {
    return asked === undefined ? "" : { refused: `the ${side} has no crew roles in this scenario` };
  }
  const holders = holdersOf(side, seats);
  const count = (role: CrewRole) => holders.filter((seat) => seat.crewRole === role.id).length;
  if (asked !== undefined) {
    const role = sideRoles.find((r) => r.id === asked);
    if (!role) {
      const known = sideRoles.map((r) => r.id).join(", ");
      return { refused: `the ${side} has no role '${asked}' (roles: ${known})` };
    }
    const taken = count(role);
    return taken < role.limit ? role.id : { refused: `role ${role.id} is full (${taken} of ${role.limit})` };
  }
  const open =
    sideRoles.find((role) => count(role) === 0) ?? sideRoles.find((role) => count(role) < role.limit);
  return open ? open.id : { refused: `every ${side} role is full` };
}
