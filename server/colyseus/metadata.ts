import { matchMaker } from "@colyseus/core";
import type { MatchState } from "../../shared/wire/state.js";
import type { RoomPhase } from "../match/phases.js";
import type { SeatBook, SeatSummary } from "./seats.js";

/**
 * What a match publishes in its room listing. Listings live in the matchmaking driver (in memory, or in
 * Redis when scaled out), so the HTTP API answers from them for matches on every process.
 */
export const MATCH_ROOM_NAME = "match";

export interface MatchMetadata {
  code: string;
  scenario: string;
  scenarioName: string;
  phase: RoomPhase;
  round: number;
  rounds: number;
  seats: SeatSummary;
  spectators: number;
  /** ISO time the match was created. */
  createdAt: string;
  private: boolean;
}

export function listingOf(
  state: MatchState,
  match: { phase: RoomPhase; seats: SeatBook },
  spectators: number,
  createdAt: string,
  isPrivate: boolean,
): MatchMetadata {
  return {
    code: state.code,
    scenario: state.scenario,
    scenarioName: state.scenarioName,
    phase: match.phase,
    round: state.round,
    rounds: state.rounds,
    seats: match.seats.summary(),
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
