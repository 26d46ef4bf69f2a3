import { MapSchema, Schema, type, view } from "@colyseus/schema";

/**
 * The room state that clients decode. Collections marked @view() reach a client only for the items
 * its side's StateView holds (fog of war). Positions are km, times are simulation seconds.
 * Tracks, units and interceptors are synced as legs: position at `t0` plus velocity (km/s); clients
 * extrapolate, and the fields change only when the leg does.
 */

export class Track extends Schema {
  @type("string") id = "";
  @type("float32") x = 0;
  @type("float32") y = 0;
  @type("float32") vx = 0;
  @type("float32") vy = 0;
  @type("float64") t0 = 0;
  @type("string") band = "";
  /** "unknown" | "identified" */
  @type("string") identity = "unknown";
  /** Threat type id; empty until the viewer's side has identified it. */
  @type("string") kind = "";
  @type("string") threatClass = "";
}

export class Unit extends Schema {
  @type("string") id = "";
  /** "defender" | "ally" */
  @type("string") side = "defender";
  @type("string") kind = "";
  @type("float32") x = 0;
  @type("float32") y = 0;
  @type("string") status = "ready";
  /** Rounds in the launcher, -1 when unlimited. */
  @type("int16") magazine = 0;
  @type("string") weapons = "tight";
  @type("string") fire = "salvo";
  @type("uint8") salvoSize = 1;
  @type("boolean") footprintOnly = false;
  @type("string") allyId = "";
}

/** A defence unit the attacker has sighted: what and where, under an opaque id (no state, stock or doctrine). */
export class SightedUnit extends Schema {
  @type("string") id = "";
  /** "defender" | "ally" */
  @type("string") side = "defender";
  @type("string") kind = "";
  @type("float32") x = 0;
  @type("float32") y = 0;
}

export class Interceptor extends Schema {
  @type("string") id = "";
  @type("string") unitId = "";
  @type("string") threatId = "";
  @type("float32") x = 0;
  @type("float32") y = 0;
  @type("float32") vx = 0;
  @type("float32") vy = 0;
  @type("float64") t0 = 0;
  @type("float64") tEnd = 0;
}

export class Asset extends Schema {
  @type("string") id = "";
  @type("string") kind = "";
  @type("string") name = "";
  @type("float32") x = 0;
  @type("float32") y = 0;
  @type("float32") hp = 0;
  @type("float32") hpMax = 0;
  @type("boolean") powered = true;
}

/** A planned salvo of the attacker (hidden from everyone but the attacker and the white cell). */
export class PlannedSalvo extends Schema {
  @type("string") id = "";
  @type("string") zone = "";
  @type("string") threatType = "";
  @type("uint16") count = 0;
  @type("float64") launchAtSec = 0;
  @type("float32") intervalSec = 0;
  @type("string") target = "";
  /** Waypoints as a flat list x0,y0,x1,y1,... in km. */
  @type(["float32"]) waypoints: number[] = [];
}

export class Seat extends Schema {
  @type("string") id = "";
  /** "attacker" | "defender" | "ally" | "instructor" */
  @type("string") role = "";
  @type("string") name = "";
  /** "human" | "plan" | "bot:easy" | "bot:normal" | "bot:hard" | "" (open) */
  @type("string") filledBy = "";
  /** The crew role a person holds (a role id of the scenario's side); "" for the whole side. */
  @type("string") crewRole = "";
  @type("boolean") connected = false;
  @type("boolean") ready = false;
}

/** One side's money and stocks: each side sees only its own (white cell sees both). */
export class Economy extends Schema {
  @type("string") side = "";
  @type("float64") budgetUsd = 0;
  /** Interceptors in the depot per layer type. */
  @type({ map: "int32" }) stocks = new MapSchema<number>();
  /** The attacker commander's spend per night for each strike planner role (attacker and live truth). */
  @type({ map: "float64" }) allocations = new MapSchema<number>();
}

/**
 * The scoreboard as one perspective may know it (one item per view key, filtered by view): during a
 * night the defender's does not count threats it has not detected, the attacker's hides the
 * defender's interceptors. Its fields are the simulation's `Scores` under the same names, less the
 * leak rate (readers derive it) and escalation (a MatchState field); server/colyseus/sync.ts copies
 * them by name and test/unit/shared/score-board.test.ts holds the two to the same fields.
 */
export class ScoreBoard extends Schema {
  @type("uint32") threats_launched = 0;
  @type("uint32") threats_intercepted = 0;
  @type("uint32") threats_leaked = 0;
  @type("uint32") threats_crashed = 0;
  @type("uint32") decoys_engaged = 0;
  @type("float64") defender_spend_usd = 0;
  @type("float64") attacker_spend_usd = 0;
  @type("float64") cost_exchange = 0;
  @type("float64") casualties = 0;
  @type("float64") blackout_population_hours = 0;
  @type("uint32") incidents = 0;
  /** -1 where this view may not know it (the attacker, of the defender's interceptors). */
  @type("int32") interceptors_left = 0;
  @type("float64") damage = 0;
}

/** The scoreboard's figures by name, in board order. */
export const SCORE_BOARD_FIELDS = [
  "threats_launched",
  "threats_intercepted",
  "threats_leaked",
  "threats_crashed",
  "decoys_engaged",
  "defender_spend_usd",
  "attacker_spend_usd",
  "cost_exchange",
  "casualties",
  "blackout_population_hours",
  "incidents",
  "interceptors_left",
  "damage",
] as const satisfies readonly (keyof ScoreBoard)[];
export type ScoreBoardField = (typeof SCORE_BOARD_FIELDS)[number];

/**
 * The match's fields of the present (its phase, clock, pacing, public figures) carry this view tag:
 * every live audience's view holds the state with it, a delayed spectator's does not, so they never
 * reach a screen that must stay one delay behind; its DelayedPicture carries them instead.
 */
export const LIVE_TAG = 1;

/**
 * What a delayed spectator's screen shows in place of the match's fields of the present: the same fields
 * as they were one delay ago, so nothing on that screen is of the present. One item per delayed
 * perspective, filtered by view like the tracks; live clients never receive one.
 */
export class DelayedPicture extends Schema {
  @type("string") phase = "lobby";
  @type("uint8") round = 0;
  @type("float64") clock = 0;
  @type("boolean") paused = false;
  @type("float32") timeScale = 1;
  @type("boolean") waitingForConfirm = false;
  @type("float32") phaseSecondsLeft = -1;
  @type("float64") escalation = 0;
  @type("string") winner = "";
  @type({ map: Asset }) assets = new MapSchema<Asset>();
  @type({ map: "string" }) roe = new MapSchema<string>();
  @type({ map: "boolean" }) seaAccess = new MapSchema<boolean>();
}

/** The fields of the present, which MatchState and DelayedPicture both have. */
export const PRESENT_FIELDS = [
  "phase",
  "round",
  "clock",
  "paused",
  "timeScale",
  "waitingForConfirm",
  "phaseSecondsLeft",
  "escalation",
  "winner",
  "assets",
  "roe",
  "seaAccess",
] as const satisfies readonly (keyof DelayedPicture & keyof MatchState)[];

/** The clock, status and public figures a screen shows. */
export type Picture = Pick<DelayedPicture, (typeof PRESENT_FIELDS)[number]>;

/** A delayed spectator's picture when this client is one, else the live state's own fields. */
export function pictureOf(state: MatchState): Picture {
  return state.delayed.values().next().value ?? state;
}

const PRESENT: ReadonlySet<PropertyKey> = new Set(PRESENT_FIELDS);
const shown = new WeakMap<MatchState, { picture: DelayedPicture; state: MatchState }>();

/**
 * The state as a screen shows it: for a delayed spectator (whose client never receives the fields of the
 * present) those fields read from its picture; for everyone else, the state itself.
 */
export function shownState(state: MatchState): MatchState {
  const picture = state.delayed.values().next().value;
  if (!picture) return state;
  const cached = shown.get(state);
  if (cached?.picture === picture) return cached.state;
  const proxy = new Proxy(state, {
    get: (target, property, receiver) =>
      PRESENT.has(property) ? Reflect.get(picture, property) : Reflect.get(target, property, receiver),
  });
  shown.set(state, { picture, state: proxy });
  return proxy;
}

const NO_SCORES = new ScoreBoard();

/** This client's scoreboard: the one item of its view (all zeros before the first arrives). */
export function scoresOf(state: MatchState): ScoreBoard {
  return state.scores.values().next().value ?? NO_SCORES;
}

/** The match. Fields tagged LIVE_TAG are of the present: delayed spectators read them from their picture. */
export class MatchState extends Schema {
  /** "lobby" | "planning" | "live" | "assessment" | "debrief" */
  @view(LIVE_TAG) @type("string") phase = "lobby";
  @view(LIVE_TAG) @type("uint8") round = 0;
  @type("uint8") rounds = 0;
  @view(LIVE_TAG) @type("float64") clock = 0;
  @view(LIVE_TAG) @type("boolean") paused = false;
  @view(LIVE_TAG) @type("float32") timeScale = 1;
  /** "realtime" | "wego" */
  @type("string") pacing = "realtime";
  /** Wego: the clock is stopped until every human seat confirms. */
  @view(LIVE_TAG) @type("boolean") waitingForConfirm = false;
  /** Seconds left on the current phase timer, -1 when none runs. */
  @view(LIVE_TAG) @type("float32") phaseSecondsLeft = -1;
  @view(LIVE_TAG) @type("float64") escalation = 0;
  @type("string") code = "";
  @type("string") scenario = "";
  @type("string") scenarioName = "";
  /** The scenario's variants in play, comma-separated ("" for none). */
  @type("string") variants = "";
  /** "" while playing; "attacker" | "defender" | "draw" at the end. */
  @view(LIVE_TAG) @type("string") winner = "";
  @type({ map: Seat }) seats = new MapSchema<Seat>();
  @view(LIVE_TAG) @type({ map: Asset }) assets = new MapSchema<Asset>();
  /** Current ROE per nation id, and whether each sea region is accessible. */
  @view(LIVE_TAG) @type({ map: "string" }) roe = new MapSchema<string>();
  @view(LIVE_TAG) @type({ map: "boolean" }) seaAccess = new MapSchema<boolean>();
  @view() @type({ map: Track }) tracks = new MapSchema<Track>();
  @view() @type({ map: Unit }) units = new MapSchema<Unit>();
  @view() @type({ map: SightedUnit }) sightings = new MapSchema<SightedUnit>();
  @view() @type({ map: Interceptor }) interceptors = new MapSchema<Interceptor>();
  @view() @type({ map: PlannedSalvo }) salvos = new MapSchema<PlannedSalvo>();
  @view() @type({ map: Economy }) economy = new MapSchema<Economy>();
  @view() @type({ map: ScoreBoard }) scores = new MapSchema<ScoreBoard>();
  @view() @type({ map: DelayedPicture }) delayed = new MapSchema<DelayedPicture>();
}
