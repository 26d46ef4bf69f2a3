import { randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { MatchStatus } from "../../shared/history.js";
import { assertNever } from "../../shared/never.js";
import type { SeatFill, SpectatorViews, ViewAccess, ViewName } from "../../shared/protocol.js";
import { CODE_ALPHABET } from "./codes.js";

/**
 * Who may read and do what with a match: every access rule in one place, used by the room (instructor
 * seat, spectator views, rejoining a seat), the HTTP history (records, exports, snapshots, the list) and
 * restoring (branches). The credentials are the match's instructor key, its spectator key (the
 * instructor shares it, e.g. with the projector) and each seat's rejoin code.
 */

/** A new secret: 16 random bytes, URL-safe. */
export function newKey(): string {
  return randomBytes(16).toString("base64url");
}

const REJOIN_CODE_LENGTH = 8;

/** A seat's rejoin code: short enough to type from a phone, from the join-code alphabet (no look-alikes). */
export function newRejoinCode(): string {
  let code = "";
  for (let i = 0; i < REJOIN_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Compares a given secret with the expected one in constant time; no secret expected means no match. */
export function sameSecret(given: string | undefined, expected: string | null | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the history knows of a match that decides who may read it. */
export interface RecordFacts {
  status: MatchStatus;
  private: boolean;
  instructorKey: string | null;
}

/**
 * A record (its details, commands, events, snapshots, exports) is the instructor's while the match runs;
 * once it has ended, everyone's for a public match and the key holders' for a private one.
 */
export function mayReadRecord(facts: RecordFacts, key: string | undefined): boolean {
  if (sameSecret(key, facts.instructorKey)) return true;
  return facts.status !== "running" && !facts.private;
}

/** Private matches are never listed; their instructor reaches them by id with the key. */
export function mayList(facts: Pick<RecordFacts, "private">): boolean {
  return !facts.private;
}

/** A branch starts from a moment of the record: whoever may read the record may branch it. */
export const mayBranch = mayReadRecord;

/** Whether this join may take the instructor seat: the creator who asked for it, or the key. */
export function mayInstruct(creator: boolean, key: string | undefined, instructorKey: string): boolean {
  return creator || sameSecret(key, instructorKey);
}

export type ViewPolicy = Record<ViewName, ViewAccess>;

type Side = "attacker" | "defender" | "ally";

/** The spectator settings of a match (its create options). */
export interface SpectatorSettings {
  spectatorViews?: SpectatorViews;
  spectatorDelaySec: number;
  seats: Partial<Record<Side, SeatFill>>;
}

const VIEWS: readonly ViewName[] = ["truth", "attacker", "defender", "ally"];

/**
 * Which views spectators may take; `sides` are those the scenario has seats for. The creator sets any
 * view; the rest follow the default. When nobody plays (every seat scripted) everything is open. When people play, a second tab must not show a player
 * what their side cannot see: the truth needs the spectator key, and a side's picture is open only
 * behind a spectator delay (without one it needs the key too).
 */
export function spectatorPolicy(settings: SpectatorSettings, sides: readonly Side[]): ViewPolicy {
  const peoplePlay = sides.some((side) => (settings.seats[side] ?? "human") === "human");
  const sideAccess: ViewAccess = !peoplePlay || settings.spectatorDelaySec > 0 ? "open" : "key";
  const defaults: ViewPolicy = {
    truth: peoplePlay ? "key" : "open",
    attacker: sideAccess,
    defender: sideAccess,
    ally: sideAccess,
  };
  return { ...defaults, ...settings.spectatorViews };
}

/** Why a spectator may not watch `view`, or undefined when they may. */
export function spectatorRefusal(policy: ViewPolicy, view: ViewName, holdsKey: boolean): string | undefined {
  switch (policy[view]) {
    case "open":
      return undefined;
    case "key":
      return holdsKey ? undefined : `the ${view} view needs the spectator key the instructor shares`;
    case "closed":
      return `spectators may not watch the ${view} view in this match`;
    default:
      return assertNever(policy[view], "view access");
  }
}

/** The first view a spectator who named none may watch (truth first), if any. */
export function firstSpectatorView(
  policy: ViewPolicy,
  views: readonly ViewName[],
  holdsKey: boolean,
): ViewName | undefined {
  return VIEWS.find((view) => views.includes(view) && !spectatorRefusal(policy, view, holdsKey));
}
