import { matchMaker } from "@colyseus/core";
import type { CrewSummary } from "../../shared/crews.js";
import type { MatchStatus } from "../match/match.js";
import type { RoomPhase } from "../match/phase-clock.js";
import type { SeatBook, SeatSummary } from "../match/seats.js";

/**
 * What a match publishes in its room listing. Listings live in the matchmaking driver (in memory, or in
 * Redis when scaled out), so the HTTP API answers from them for matches on every process.
 */
export const MATCH_ROOM_NAME = "match";

export interface MatchMetadata {
  code: string;
  scenario: string;
  scenarioName: string;
  /** The scenario's variants in play (ids). */
  variants: string[];
  phase: RoomPhase;
  round: number;
  rounds: number;
  seats: SeatSummary;
  /** Per side: crew roles nobody holds, and how many people hold each of the others. */
  crews: CrewSummary;
  spectators: number;
  /** ISO time the match was created. */
  createdAt: string;
  private: boolean;
}

export function listingOf(
  code: string,
  match: { status: Readonly<MatchStatus>; seats: SeatBook },
  spectators: number,
  createdAt: string,
  isPrivate: boolean,
): MatchMetadata {
  const { status } = match;
  return {
    code,
    scenario: status.scenario,
    scenarioName: status.scenarioName,
    variants: status.variants ? status.variants.split(",") : [],
    phase: status.phase,
    round: status.round,
    rounds: status.rounds,
    seats: match.seats.summary(),
    crews: match.seats.crewSummary(),
    spectators,
    createdAt,
    private: isPrivate,
  };
}

/** Join codes of every live match, on every process (listings live in the matchmaking driver). */
export async function codesInUse(): Promise<Set<string>> {
  const rooms = await matchMaker.query({ name: MATCH_ROOM_NAME });
  return new Set(rooms.map((room) => (room.metadata as MatchMetadata | undefined)?.code ?? ""));
}
