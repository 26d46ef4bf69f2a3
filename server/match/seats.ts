import { OK, type Outcome, refusal, type Side } from "../../shared/commands.js";
import { crewRoleFor, mayReady } from "../../shared/crew-rights.js";
import type { CrewCounts, CrewSummary, SideRoles } from "../../shared/crews.js";
import type { SeatRecord } from "../../shared/history.js";
import type { SeatFill, SeatRole } from "../../shared/protocol.js";
import type { Seats } from "../../shared/scenario.js";

/**
 * The seats of a match (every client sees who sits where). The scenario says how many seats of each
 * role exist; a seat is open (`filledBy` ""), held by a human, or played by a scripted controller
 * ("plan", "bot:<level>"). A scripted fill from the create options takes the first seat of its role; the
 * others stay open for people. A person on a playing seat holds one of the side's crew roles
 * (shared/crew-rights.ts); scripted seats and sides without roles hold the whole side ("").
 */
export type PlayingRole = Side;
export type SeatedRole = PlayingRole | "instructor";
export const PLAYING_ROLES: readonly PlayingRole[] = ["attacker", "defender", "ally"];

export function isPlayingRole(role: SeatRole | string): role is PlayingRole {
  return (PLAYING_ROLES as readonly string[]).includes(role);
}

export interface SeatCounts {
  total: number;
  filled: number;
}
export type SeatSummary = Record<SeatedRole, SeatCounts>;

export interface Seat {
  id: string;
  role: SeatedRole;
  name: string;
  /** "human" | "plan" | "bot:<level>" | "" (open) */
  filledBy: SeatFill | "";
  /** The crew role a person holds (docs/classroom.md, "Crews"); "" for the whole side. */
  crewRole: string;
  connected: boolean;
  ready: boolean;
}

export class SeatBook {
  readonly spectatorLimit: number;
  private readonly seats = new Map<string, Seat>();

  constructor(
    counts: Seats,
    fills: Partial<Record<PlayingRole, SeatFill>>,
    readonly roles: SideRoles,
  ) {
    this.spectatorLimit = counts.spectator;
    for (const role of [...PLAYING_ROLES, "instructor"] as const) {
      for (let n = 1; n <= counts[role]; n++) {
        const id = `${role}-${n}`;
        this.seats.set(id, {
          id,
          role,
          name: "",
          filledBy: "",
          crewRole: "",
          connected: false,
          ready: false,
        });
      }
      const fill = isPlayingRole(role) ? fills[role] : undefined;
      const first = this.seats.get(`${role}-1`);
      if (fill && fill !== "human" && first) this.assign(first.id, fill);
    }
  }

  get(seatId: string): Seat | undefined {
    return this.seats.get(seatId);
  }

  all(): Seat[] {
    return [...this.seats.values()];
  }

  hasOpen(role: SeatedRole): boolean {
    return this.all().some((seat) => seat.role === role && seat.filledBy === "");
  }

  /** Why a person cannot take a seat of this role. */
  unavailable(role: SeatedRole): string {
    const total = this.all().filter((seat) => seat.role === role).length;
    return total === 0
      ? `this scenario has no ${role} seat`
      : `no open ${role} seat (${total} of ${total} taken)`;
  }

  /** The crew role a person joining this side gets (the one asked for, else the first open one), or why none. */
  crewRoleFor(role: SeatedRole, asked: string | undefined): string | { refused: string } {
    return isPlayingRole(role) ? crewRoleFor(role, asked, this.roles[role], this.all()) : "";
  }

  /**
   * Move a person to another crew role of their side (the instructor's `assign-role`): they keep their
   * seat, and the side keeps its units and salvos; a full or unknown role is refused with the reason.
   */
  reassign(seatId: string, roleId: string): Outcome {
    const seat = this.seats.get(seatId);
    if (!seat) return refusal("not_allowed", `no seat '${seatId}'`, "seatId");
    if (!isPlayingRole(seat.role) || seat.filledBy !== "human")
      return refusal("not_allowed", `seat '${seatId}' holds no person of a side`, "seatId");
    if (seat.crewRole === roleId) return OK;
    const others = this.all().filter((other) => other.id !== seatId);
    const role = crewRoleFor(seat.role, roleId, this.roles[seat.role], others);
    if (typeof role !== "string") return refusal("not_allowed", role.refused, "role");
    seat.crewRole = role;
    seat.ready = false;
    return OK;
  }

  /** Take the first open seat of a role for a person, in a crew role; an error text when none is open. */
  claim(role: SeatedRole, name: string, crewRole: string): Seat | string {
    const open = this.all().find((seat) => seat.role === role && seat.filledBy === "");
    if (!open) return this.unavailable(role);
    open.filledBy = "human";
    open.crewRole = crewRole;
    open.name = name;
    open.connected = true;
    open.ready = false;
    return open;
  }

  /** A person's seat and role, kept for them while they are away (a recovered match waits for its people). */
  hold(seatId: string, name: string, crewRole: string): void {
    const seat = this.seats.get(seatId);
    if (!seat) return;
    seat.filledBy = "human";
    seat.name = name;
    seat.crewRole = crewRole;
    seat.connected = false;
    seat.ready = false;
  }

  /** Take the given seat for a person (a held seat taken back). */
  takeBack(seatId: string, name: string): void {
    this.hold(seatId, name, this.seats.get(seatId)?.crewRole ?? "");
    this.setConnected(seatId, true);
  }

  release(seatId: string): void {
    const seat = this.seats.get(seatId);
    if (!seat) return;
    seat.filledBy = "";
    seat.name = "";
    seat.crewRole = "";
    seat.connected = false;
    seat.ready = false;
  }

  setConnected(seatId: string, connected: boolean): void {
    const seat = this.seats.get(seatId);
    if (seat) seat.connected = connected;
  }

  /**
   * Hand a playing seat to a scripted controller (or open it for people with "human"); with a crew role
   * the controller does that role's work only (scriptedRoleProblem says whether it may).
   */
  assign(seatId: string, fill: SeatFill, crewRole = ""): void {
    const seat = this.seats.get(seatId);
    if (!seat) return;
    if (fill === "human") {
      this.release(seatId);
      return;
    }
    seat.filledBy = fill;
    seat.crewRole = crewRole;
    seat.name = fill === "plan" ? "Scripted plan" : `Bot (${fill.slice("bot:".length)})`;
    seat.connected = true;
    seat.ready = true;
  }

  /**
   * Why a seat cannot go to a scripted player in a crew role: the seat must be free (or scripted) on a
   * side played by people, the role one of the side's but not its lead (the commander is a person's),
   * and nobody else may hold it.
   */
  scriptedRoleProblem(seatId: string, roleId: string): string | undefined {
    const seat = this.seats.get(seatId);
    if (!seat || !isPlayingRole(seat.role)) return `seat '${seatId}' is not a seat of a side`;
    if (seat.filledBy === "human") return `seat '${seatId}' holds a person`;
    const roles = this.roles[seat.role];
    const role = roles.find((r) => r.id === roleId);
    if (!role)
      return `the ${seat.role} has no role '${roleId}' (roles: ${roles.map((r) => r.id).join(", ")})`;
    if (role === roles[0]) return `role ${roleId} leads the ${seat.role}: it is for a person`;
    const others = this.all().filter((other) => other.id !== seatId && other.role === seat.role);
    if (others.some((other) => other.filledBy !== "" && other.filledBy !== "human" && other.crewRole === ""))
      return `a scripted player plays the whole ${seat.role}`;
    const holder = others.find((other) => other.filledBy !== "" && other.crewRole === roleId);
    if (holder) return `role ${roleId} is held by ${holder.name || holder.id}`;
    return undefined;
  }

  /** Playing seats held by people (connected or within their reconnection hold). */
  humanPlayingSeats(): Seat[] {
    return this.all().filter((seat) => seat.filledBy === "human" && isPlayingRole(seat.role));
  }

  scriptedSeats(): Seat[] {
    return this.all().filter((seat) => seat.filledBy !== "" && seat.filledBy !== "human");
  }

  /**
   * Roles the night cannot start without that nobody holds: an attacker or defender role none of whose
   * seats is taken by a person or a scripted player (a seat the match creator left to people).
   */
  emptyNightRoles(): PlayingRole[] {
    const needed: PlayingRole[] = ["attacker", "defender"];
    return needed.filter((role) => {
      const seats = this.all().filter((seat) => seat.role === role);
      return seats.length > 0 && seats.every((seat) => seat.filledBy === "");
    });
  }

  /** People whose crew role says ready for their side (and confirms wego pauses). */
  readySeats(): Seat[] {
    const all = this.all();
    return this.humanPlayingSeats().filter((seat) => mayReady(seat, all, this.roles));
  }

  /** At least one person plays, and every person who speaks for a side has said ready. */
  allHumansReady(): boolean {
    const humans = this.readySeats();
    return humans.length > 0 && humans.every((seat) => seat.ready);
  }

  resetReady(): void {
    for (const seat of this.humanPlayingSeats()) seat.ready = false;
  }

  /** Who sits where, as the match history keeps it. */
  records(): SeatRecord[] {
    return this.all().map((s) => ({
      seatId: s.id,
      role: s.role,
      name: s.name,
      filledBy: s.filledBy,
      ...(s.crewRole ? { crewRole: s.crewRole } : {}),
    }));
  }

  /** Who holds which crew roles, per side (docs/classroom.md, "Crews"). */
  crewSummary(): CrewSummary {
    const people = this.all().filter((seat) => seat.filledBy !== "" && seat.crewRole !== "");
    const side = (role: PlayingRole): CrewCounts => {
      const held: Record<string, number> = {};
      for (const seat of people)
        if (seat.role === role && seat.crewRole) held[seat.crewRole] = (held[seat.crewRole] ?? 0) + 1;
      return { open: this.roles[role].filter((r) => !held[r.id]).length, held };
    };
    return { attacker: side("attacker"), defender: side("defender"), ally: side("ally") };
  }

  summary(): SeatSummary {
    const summary: SeatSummary = {
      attacker: { total: 0, filled: 0 },
      defender: { total: 0, filled: 0 },
      ally: { total: 0, filled: 0 },
      instructor: { total: 0, filled: 0 },
    };
    for (const seat of this.all()) {
      const counts = summary[seat.role];
      counts.total++;
      if (seat.filledBy !== "") counts.filled++;
    }
    return summary;
  }
}
