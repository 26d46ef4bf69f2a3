import { assertNever } from "../../shared/never.js";
import type { ViewName } from "../../shared/protocol.js";
import type { Perspective } from "../../sim/api.js";
import { firstSpectatorView, mayInstruct, sameSecret, spectatorRefusal, type ViewPolicy } from "./access.js";
import type { JoinOptions } from "./options.js";
import type { Seat, SeatBook } from "./seats.js";

/**
 * Who may join, and where (the rules themselves are in server/match/access.ts): the instructor seat
 * needs the instructor key (the creator who asked for it needs none); a held seat (its person dropped,
 * or the server restarted) goes back to whoever brings its rejoin code (the instructor's is the
 * instructor key); spectators watch what the spectator policy allows; seats, crew roles
 * (shared/crew-rights.ts) and spectator places are limited by the scenario.
 */
export interface Admission {
  /** This join comes from the match's creator. */
  creator: boolean;
  instructorKey: string;
  spectatorKey: string;
  policy: ViewPolicy;
  seats: SeatBook;
  spectators: number;
  perspectives: readonly Perspective[];
  /** The rejoin code of a seat, if it has one. */
  rejoinCodeOf(seatId: string): string | undefined;
}

/** Where an admitted join goes: a new seat of its role, a held seat taken back, or a spectator's view. */
export type Admitted =
  | { kind: "seat"; view: ViewName }
  | { kind: "rejoin"; seatId: string; view: ViewName }
  | { kind: "spectator"; view: ViewName; holdsKey: boolean };

/** Where a join goes, or why it is refused. */
export function admit(join: JoinOptions, admission: Admission): Admitted | string {
  if (join.view && !admission.perspectives.includes(join.view))
    return `this scenario has no ${join.view} view`;
  if (join.role !== undefined && (join.seat === "spectator" || join.seat === "instructor"))
    return `'role' is for players: the ${join.seat} holds no crew role`;
  switch (join.seat) {
    case "spectator":
      return admitSpectator(join, admission);
    case "instructor":
      if (!mayInstruct(admission.creator, join.instructorKey, admission.instructorKey))
        return "the instructor seat needs the instructor key the match creator received";
      return takeSeat(admission, "instructor", join.view ?? "truth", (seat) =>
        sameSecret(join.instructorKey, admission.instructorKey) ? seat : undefined,
      );
    case "attacker":
    case "defender":
    case "ally": {
      if (join.view) {
        return `a ${join.seat} always sees the ${join.seat}'s view; 'view' is for spectators and the instructor`;
      }
      const code = join.rejoinCode;
      if (code === undefined) {
        const crewRole = admission.seats.crewRoleFor(join.seat, join.role);
        if (typeof crewRole !== "string") return crewRole.refused;
        return takeSeat(admission, join.seat, join.seat, () => undefined);
      }
      const seat = admission.seats
        .all()
        .find((s) => s.role === join.seat && sameSecret(code, admission.rejoinCodeOf(s.id)));
      if (!seat) return `this rejoin code opens no ${join.seat} seat of this match`;
      if (seat.connected) return "this seat is connected from another device: leave the match there first";
      return { kind: "rejoin", seatId: seat.id, view: join.seat };
    }
    default:
      return assertNever(join.seat, "seat role");
  }
}

/** An open seat of the role, else a held one the credential opens (`heldFor`), else the reason. */
function takeSeat(
  admission: Admission,
  role: Seat["role"],
  view: ViewName,
  heldFor: (seat: Seat) => Seat | undefined,
): Admitted | string {
  const { seats } = admission;
  if (seats.hasOpen(role)) return { kind: "seat", view };
  const held = seats.all().find((s) => s.role === role && s.filledBy === "human" && !s.connected);
  const rejoined = held && heldFor(held);
  if (rejoined) return { kind: "rejoin", seatId: rejoined.id, view };
  return seats.unavailable(role);
}

function admitSpectator(join: JoinOptions, admission: Admission): Admitted | string {
  const { seats, policy, perspectives } = admission;
  if (admission.spectators >= seats.spectatorLimit) {
    return `no spectator places left (${seats.spectatorLimit} of ${seats.spectatorLimit} taken)`;
  }
  const holdsKey = sameSecret(join.spectatorKey, admission.spectatorKey);
  if (join.spectatorKey !== undefined && !holdsKey) return "this spectator key is not the match's";
  const view = join.view ?? firstSpectatorView(policy, perspectives, holdsKey);
  if (!view) return "spectators of this match need the spectator key the instructor shares";
  const refusal = spectatorRefusal(policy, view, holdsKey);
  return refusal ?? { kind: "spectator", view, holdsKey };
}
