import type { CompiledScenario } from "../../shared/compiled.js";
import type { DefaultPlans } from "../../shared/plan.js";
import type { FeedEntry } from "../../shared/protocol.js";
import type { MatchSummary, SideView, Simulation } from "../../sim/api.js";
import type { Logger } from "../log.js";
import type { MatchSettings } from "./options.js";
import type { RoomPhase } from "./phase-clock.js";
import type { MatchRecorder } from "./recorder.js";
import type { BotFactory } from "./scripted.js";
import type { SeatBook } from "./seats.js";
import type { ViewKey } from "./view-keys.js";

/**
 * What a Match (match.ts) is given and what it reports: its setup and the services the server lends
 * it, its public status, and the frames, feed, summaries and phase changes its transport (the room, or
 * a test) copies to clients.
 */

/** The match itself: what it plays. */
export interface MatchSetup {
  scenarioId: string;
  scenario: CompiledScenario;
  defaultPlans: DefaultPlans | undefined;
  settings: MatchSettings;
  seed: number;
  sim: Simulation;
  log: Logger;
}

/** What the server lends it. */
export interface MatchServices {
  bots?: BotFactory;
  recorder?: MatchRecorder;
  debriefKeepSec: number;
}

/** Where the match stands: what every client may know about it (its public status line). */
export interface MatchStatus {
  scenario: string;
  scenarioName: string;
  /** The scenario's variants in play, comma-separated ("" for none). */
  variants: string;
  rounds: number;
  round: number;
  phase: RoomPhase;
  /** Seconds into the round's live phase. */
  clock: number;
  paused: boolean;
  timeScale: number;
  pacing: MatchSettings["pacing"]["mode"];
  /** Wego: the clock is stopped until every person playing confirms. */
  waitingForConfirm: boolean;
  /** Seconds left on the phase timer, -1 when none runs. */
  phaseSecondsLeft: number;
  /** "" while playing; "attacker" | "defender" | "draw" at the end. */
  winner: string;
}

/** One audience's picture this tick. */
export interface AudienceFrame {
  key: ViewKey;
  view: SideView;
  /** Its scoreboard is due (about once a second: scores change with every shot). */
  withScores: boolean;
  /** A delayed audience's status line, one delay old (live audiences read the frame's own). */
  status?: Readonly<MatchStatus>;
  /** The attacker commander's allocations per strike planner role (live audiences; delayed ones get none). */
  allocations?: Readonly<Record<string, number>>;
}

/** What the match shows after a tick: the transport copies it to clients. */
export interface MatchFrame {
  status: Readonly<MatchStatus>;
  seats: SeatBook;
  audiences: AudienceFrame[];
  /** The truth, when the public figures (assets, ROE, sea access, escalation) are due. */
  publicView?: SideView;
}

/** How the match talks to the outside world (the Colyseus room, or a test). */
export interface MatchTransport {
  frame(frame: MatchFrame): void;
  phaseChanged(phase: RoomPhase, round: number): void;
  feed(key: ViewKey, entries: FeedEntry[]): void;
  /** A round's (or the match's) summary, for the live audiences or, one delay later, the delayed ones. */
  summary(summary: MatchSummary, final: boolean, delayed: boolean): void;
  /** The debrief's keep-alive ran out: the match may close. */
  expired(): void;
}
