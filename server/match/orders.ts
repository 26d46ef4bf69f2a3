import {
  type ClientMessage,
  ClientMessages,
  type ClientMessageType,
  type ErrorReply,
  type SeatFill,
  type SeatRole,
  type ViewName,
} from "../../shared/protocol.js";
import type { Command } from "../../sim/api.js";
import { isPlayingRole, type PlayingRole } from "../colyseus/seats.js";
import { INSTRUCTOR_HANDLERS } from "./instructor.js";
import { OK, type Outcome, refuse } from "./outcome.js";
import type { RoomPhase } from "./phases.js";
import type { FloodGuard } from "./ratelimit.js";

/**
 * Every client message goes through one desk: flood control → known type → zod parse (safeParse, so a
 * bad message gets a reply instead of a disconnect) → seat and phase checks → ownership → the sim.
 * Each rejected message gets exactly one `error` reply naming its type and rid.
 */
export interface Sender {
  sessionId: string;
  role: SeatRole;
  /** The seat id, or "spectator". */
  seatId: string;
}

/** What handlers may do to the match; the room provides it. */
export interface OrderTarget {
  readonly phase: RoomPhase;
  readonly waitingForConfirm: boolean;
  command(sender: Sender, command: Command): Outcome;
  ownsUnit(side: "defender" | "ally", unitId: string): boolean;
  setReady(sender: Sender, ready: boolean): Outcome;
  confirm(sender: Sender): Outcome;
  setView(sender: Sender, view: ViewName): Outcome;
  setPaused(paused: boolean): Outcome;
  setTimeScale(timeScale: number): Outcome;
  advance(sender: Sender): Outcome;
  kick(seatId: string): Outcome;
  assignSeat(seatId: string, fill: SeatFill): Outcome;
  bookmark(sender: Sender, note: string): Outcome;
}

export type Handler<T extends ClientMessageType> = (
  target: OrderTarget,
  sender: Sender,
  message: ClientMessage<T>,
) => Outcome;
export type HandlerTable<K extends ClientMessageType> = { [T in K]: Handler<T> };

const SIM_ORDER_PHASES: readonly RoomPhase[] = ["planning", "live", "assessment"];
const READY_PHASES: readonly RoomPhase[] = ["lobby", "planning", "assessment"];

export function requireRole(sender: Sender, roles: readonly SeatRole[], action: string): Outcome {
  if (roles.includes(sender.role)) return OK;
  if (sender.role === "spectator") return refuse("wrong_seat", "spectators cannot give orders");
  return refuse("wrong_seat", `only the ${roles.join(" or ")} can ${action}; you are the ${sender.role}`);
}

/** A player's order that becomes a sim command of the sender's side. */
function simOrder(
  target: OrderTarget,
  sender: Sender,
  roles: readonly PlayingRole[],
  action: string,
  build: (side: PlayingRole) => Command | Outcome,
): Outcome {
  const seat = requireRole(sender, roles, action);
  if (!seat.ok) return seat;
  if (!SIM_ORDER_PHASES.includes(target.phase)) {
    return refuse("wrong_phase", `cannot ${action} during the ${target.phase} phase`);
  }
  const built = build(sender.role as PlayingRole);
  return "type" in built ? target.command(sender, built) : built;
}

/** Unit orders name only units of the sender's own side. */
function ownUnit(target: OrderTarget, side: PlayingRole, unitId: string): Outcome {
  if (side === "attacker") return refuse("wrong_seat", "the attacker has no units to order");
  if (unitId === "all" || target.ownsUnit(side, unitId)) return OK;
  return refuse("unknown_unit", `you have no unit '${unitId}'`, "unitId");
}

const PLAYER_HANDLERS: HandlerTable<Exclude<ClientMessageType, keyof typeof INSTRUCTOR_HANDLERS>> = {
  deploy: (t, s, m) =>
    simOrder(t, s, ["defender"], "deploy units", () => ({
      type: "deploy",
      side: "defender",
      unitType: m.unitType,
      at: m.at,
    })),
  "remove-unit": (t, s, m) =>
    simOrder(t, s, ["defender"], "remove units", (side) => {
      const owned = ownUnit(t, side, m.unitId);
      return owned.ok ? { type: "remove-unit", side: "defender", unitId: m.unitId } : owned;
    }),
  doctrine: (t, s, m) =>
    simOrder(t, s, ["defender", "ally"], "set doctrine", (side) => {
      const owned = ownUnit(t, side, m.unitId);
      if (!owned.ok || side === "attacker") return owned;
      return { type: "set-doctrine", side, unitId: m.unitId, doctrine: m.doctrine };
    }),
  relocate: (t, s, m) =>
    simOrder(t, s, ["defender", "ally"], "relocate units", (side) => {
      const owned = ownUnit(t, side, m.unitId);
      if (!owned.ok || side === "attacker") return owned;
      return { type: "relocate", side, unitId: m.unitId, to: m.to };
    }),
  "buy-resupply": (t, s, m) =>
    simOrder(t, s, ["defender"], "buy resupply", () => ({
      type: "buy-resupply",
      side: "defender",
      layer: m.layer,
      count: m.count,
    })),
  salvo: (t, s, m) =>
    simOrder(t, s, ["attacker"], "plan salvos", () => ({
      type: "plan-salvo",
      side: "attacker",
      zone: m.zone,
      threatType: m.threatType,
      count: m.count,
      launchAtSec: m.launchAtSec,
      intervalSec: m.intervalSec,
      target: m.target,
      waypoints: m.waypoints,
    })),
  "cancel-salvo": (t, s, m) =>
    simOrder(t, s, ["attacker"], "cancel salvos", () => ({
      type: "cancel-salvo",
      side: "attacker",
      salvoId: m.salvoId,
    })),
  ready: (t, s, m) => {
    if (!isPlayingRole(s.role)) return requireRole(s, ["attacker", "defender", "ally"], "say ready");
    if (!READY_PHASES.includes(t.phase))
      return refuse("wrong_phase", `nothing to be ready for during ${t.phase}`);
    return t.setReady(s, m.ready);
  },
  confirm: (t, s) => {
    if (!isPlayingRole(s.role)) return requireRole(s, ["attacker", "defender", "ally"], "confirm");
    if (!t.waitingForConfirm) return refuse("wrong_phase", "the clock is not waiting for confirmation");
    return t.confirm(s);
  },
  "set-view": (t, s, m) => {
    const seat = requireRole(s, ["instructor", "spectator"], "change view");
    return seat.ok ? t.setView(s, m.view) : seat;
  },
};

const HANDLERS: HandlerTable<ClientMessageType> = { ...PLAYER_HANDLERS, ...INSTRUCTOR_HANDLERS };

export interface DeskVerdict {
  reply?: ErrorReply;
  disconnect: boolean;
}

export class OrderDesk {
  constructor(
    private readonly target: OrderTarget,
    private readonly onInternalError: (error: unknown) => void,
  ) {}

  handle(sender: Sender, guard: FloodGuard, nowMs: number, type: unknown, raw: unknown): DeskVerdict {
    const typeName = String(type);
    const rid = ridOf(raw);
    const reply = (outcome: Outcome): ErrorReply | undefined =>
      outcome.ok
        ? undefined
        : {
            code: outcome.code,
            message: outcome.message,
            type: typeName.slice(0, 64),
            ...(outcome.path === undefined ? {} : { path: outcome.path }),
            ...(rid === undefined ? {} : { rid }),
          };

    const verdict = guard.take(nowMs);
    if (verdict !== "ok") {
      const outcome = refuse("rate_limited", "too many messages: slow down (about 20 per second)");
      return { reply: reply(outcome), disconnect: verdict === "disconnect" };
    }
    return { reply: reply(this.dispatch(sender, typeName, raw)), disconnect: false };
  }

  private dispatch(sender: Sender, type: string, raw: unknown): Outcome {
    if (!Object.hasOwn(ClientMessages, type)) return refuse("unknown_type", `unknown message type '${type}'`);
    const messageType = type as ClientMessageType;
    const parsed = ClientMessages[messageType].safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue.path.join(".");
      return refuse("invalid", `${path || "message"}: ${issue.message}`, path || undefined);
    }
    const handler = HANDLERS[messageType] as Handler<typeof messageType>;
    try {
      return handler(this.target, sender, parsed.data);
    } catch (error) {
      this.onInternalError(error);
      return refuse("internal", "the server could not handle this message");
    }
  }
}

function ridOf(raw: unknown): string | undefined {
  if (!raw || typeof raw !== "object" || !("rid" in raw)) return undefined;
  return typeof raw.rid === "string" ? raw.rid.slice(0, 64) : undefined;
}
