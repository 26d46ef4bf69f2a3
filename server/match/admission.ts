import { timingSafeEqual } from "node:crypto";
import type { Perspective } from "../../sim/api.js";
import type { JoinOptions } from "./options.js";
import type { SeatBook } from "./seats.js";

/**
 * Who may join, and where: the instructor seat needs the creator's key (the creator needs none), seats
 * and spectator places are limited by the scenario, and only spectators and the instructor choose a view.
 */
export interface Admission {
  /** This join comes from the match's creator. */
  creator: boolean;
  instructorKey: string;
  seats: SeatBook;
  spectators: number;
  perspectives: readonly Perspective[];
}

/** Why a join is refused, or undefined when it may go ahead. */
export function admissionProblem(join: JoinOptions, admission: Admission): string | undefined {
  const { seats } = admission;
  if (
    join.seat === "instructor" &&
    !admission.creator &&
    !sameSecret(join.instructorKey, admission.instructorKey)
  ) {
    return "the instructor seat needs the instructor key the match creator received";
  }
  if (join.seat === "spectator" && admission.spectators >= seats.spectatorLimit) {
    return `no spectator places left (${seats.spectatorLimit} of ${seats.spectatorLimit} taken)`;
  }
  if (join.seat !== "spectator" && !seats.hasOpen(join.seat)) return seats.unavailable(join.seat);
  if (join.view && !admission.perspectives.includes(join.view))
    return `this scenario has no ${join.view} view`;
  if (join.view && join.seat !== "spectator" && join.seat !== "instructor") {
    return `a ${join.seat} always sees the ${join.seat}'s view; 'view' is for spectators and the instructor`;
  }
  return undefined;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
