import {
  CLIENT_ORDER_TYPES,
  type ClientOrderType,
  type Command,
  type Issuer,
  mayIssue,
  OK,
  ORDERS,
  type Outcome,
  refusal,
} from "../../shared/commands.js";
import { assertNever } from "../../shared/never.js";
import {
  type ClientMessage,
  ClientMessages,
  type ClientMessageType,
  type ErrorReply,
  parsePlain,
  type SeatFill,
  type SeatRole,
  type ViewName,
} from "../../shared/protocol.js";
import type { FloodGuard } from "./ratelimit.js";

/**
 * Every client message goes through one desk: flood control → known type → plain data only, then the
 * zod parse (safeParse, so a bad message gets a reply instead of a disconnect) → the sender's seat → the
 * match. Orders become sim commands of the sender's side, checked against the sender's crew roles
 * (shared/crew-rules.ts); which phase accepts them is the simulation's rule, and whether a unit is
 * the side's own is checked there too. Each rejected message gets exactly
 * one `error` reply naming its type and rid, except beyond the flood limit, where one reply per window
 * stands for all (server/match/ratelimit.ts).
 */
export interface Sender {
  sessionId: string;
  role: SeatRole;
  /** The seat id, or "spectator". */
  seatId: string;
}

/** What handlers may do to the match; the room provides it. */
export interface OrderTarget {
  command(sender: Sender, command: Command): Outcome;
  setReady(sender: Sender, ready: boolean): Outcome;
  confirm(sender: Sender): Outcome;
  setView(sender: Sender, view: ViewName): Outcome;
  setPaused(paused: boolean): Outcome;
  setTimeScale(timeScale: number): Outcome;
  advance(sender: Sender): Outcome;
  kick(seatId: string): Outcome;
  assignSeat(seatId: string, fill: SeatFill, crewRole?: string): Outcome;
  /** Move a person to another crew role of their side (docs/classroom.md, "Crews"). */
  assignRole(seatId: string, role: string): Outcome;
  bookmark(sender: Sender, note: string): Outcome;
  /** A command within the sender's crew roles (shared/crew-rules.ts), before the match sees it. */
  permit(sender: Sender, command: Command): Outcome;
  /** The sender's crew roles say ready (and confirm) for the side. */
  mayReady(sender: Sender): Outcome;
  allocate(sender: Sender, role: string, usd: number): Outcome;
  chat(sender: Sender, message: ClientMessage<"chat">): Outcome;
  marker(sender: Sender, message: ClientMessage<"marker">): Outcome;
}

export type Handler<T extends ClientMessageType> = (
  target: OrderTarget,
  sender: Sender,
  message: ClientMessage<T>,
) => Outcome;
type HandlerTable<K extends ClientMessageType> = { [T in K]: Handler<T> };

/** The issuer a seat gives orders as: its side, or the white cell for the instructor. */
function issuerOf(role: SeatRole): Issuer | undefined {
  switch (role) {
    case "attacker":
    case "defender":
    case "ally":
      return role;
    case "instructor":
      return "white";
    case "spectator":
      return undefined;
    default:
      return assertNever(role, "seat role");
  }
}

const ROLE_OF_ISSUER: Record<Issuer, SeatRole> = {
  attacker: "attacker",
  defender: "defender",
  ally: "ally",
  white: "instructor",
};

export function requireRole(sender: Sender, roles: readonly SeatRole[], action: string): Outcome {
  if (roles.includes(sender.role)) return OK;
  if (sender.role === "spectator") return refusal("wrong_seat", "spectators cannot give orders");
  return refusal("wrong_seat", `only the ${roles.join(" or ")} can ${action}; you are the ${sender.role}`);
}

/** An order becomes the sim command of the sender's side, if the order is one that side gives. */
function orderHandler<K extends ClientOrderType>(type: K): Handler<K> {
  const { by, action } = ORDERS[type];
  return (target, sender, message) => {
    const issuer = issuerOf(sender.role);
    if (!issuer || !mayIssue(type, issuer))
      return requireRole(
        sender,
        by.map((i) => ROLE_OF_ISSUER[i]),
        action,
      );
    const { rid: _rid, ...fields } = message;
    const command = { type, side: issuer, ...fields } as Command;
    const permitted = target.permit(sender, command);
    return permitted.ok ? target.command(sender, command) : permitted;
  };
}

const ORDER_HANDLERS = Object.fromEntries(
  CLIENT_ORDER_TYPES.map((type) => [type, orderHandler(type)]),
) as unknown as HandlerTable<ClientOrderType>;

const PLAYING: readonly SeatRole[] = ["attacker", "defender", "ally"];
const WATCHING: readonly SeatRole[] = ["instructor", "spectator"];
const WHITE: readonly SeatRole[] = ["instructor"];
const WRITING: readonly SeatRole[] = [...PLAYING, "instructor"];

/** A match control: allowed to `roles`, then `run`. */
function control<T extends ClientMessageType>(
  roles: readonly SeatRole[],
  action: string,
  run: Handler<T>,
): Handler<T> {
  return (target, sender, message) => {
    const seat = requireRole(sender, roles, action);
    return seat.ok ? run(target, sender, message) : seat;
  };
}

const CONTROL_HANDLERS: HandlerTable<Exclude<ClientMessageType, ClientOrderType>> = {
  ready: control(PLAYING, "say ready", (t, s, m) => orElse(t.mayReady(s), () => t.setReady(s, m.ready))),
  confirm: control(PLAYING, "confirm", (t, s) => orElse(t.mayReady(s), () => t.confirm(s))),
  "set-view": control(WATCHING, "change view", (t, s, m) => t.setView(s, m.view)),
  pause: control(WHITE, "pause", (t) => t.setPaused(true)),
  resume: control(WHITE, "resume", (t) => t.setPaused(false)),
  "time-scale": control(WHITE, "change the time scale", (t, _s, m) => t.setTimeScale(m.timeScale)),
  "advance-phase": control(WHITE, "advance the phase", (t, s) => t.advance(s)),
  kick: control(WHITE, "kick players", (t, _s, m) => t.kick(m.seatId)),
  "assign-seat": control(WHITE, "assign seats", (t, _s, m) => t.assignSeat(m.seatId, m.to, m.role)),
  "assign-role": control(WHITE, "assign crew roles", (t, _s, m) => t.assignRole(m.seatId, m.role)),
  bookmark: control(WHITE, "bookmark", (t, s, m) => t.bookmark(s, m.note)),
  allocate: control(["attacker"], "allocate spend", (t, s, m) => t.allocate(s, m.role, m.usd)),
  chat: control(WRITING, "chat", (t, s, m) => t.chat(s, m)),
  marker: control(PLAYING, "place markers", (t, s, m) => t.marker(s, m)),
};

/** `next` once `first` allowed it. */
function orElse(first: Outcome, next: () => Outcome): Outcome {
  return first.ok ? next() : first;
}

const HANDLERS: HandlerTable<ClientMessageType> = { ...ORDER_HANDLERS, ...CONTROL_HANDLERS };

const TOO_MANY = refusal(
  "rate_limited",
  "too many messages: slow down (about 20 per second); messages beyond the limit are dropped",
);

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
    switch (verdict) {
      case "ok":
        return { reply: reply(this.dispatch(sender, typeName, raw)), disconnect: false };
      case "limited":
        return { reply: reply(TOO_MANY), disconnect: false };
      case "quiet":
        return { disconnect: false };
      case "disconnect":
        return { reply: reply(TOO_MANY), disconnect: true };
      default:
        return assertNever(verdict, "rate verdict");
    }
  }

  private dispatch(sender: Sender, type: string, raw: unknown): Outcome {
    if (!Object.hasOwn(ClientMessages, type))
      return refusal("unknown_type", `unknown message type '${type}'`);
    const messageType = type as ClientMessageType;
    const parsed = parsePlain(ClientMessages[messageType], raw ?? {});
    if (!parsed.ok) return parsed;
    const handler = HANDLERS[messageType] as Handler<typeof messageType>;
    try {
      return handler(this.target, sender, parsed.value as ClientMessage<typeof messageType>);
    } catch (error) {
      this.onInternalError(error);
      return refusal("internal", "the server could not handle this message");
    }
  }
}

function ridOf(raw: unknown): string | undefined {
  if (!raw || typeof raw !== "object" || !("rid" in raw)) return undefined;
  return typeof raw.rid === "string" ? raw.rid.slice(0, 64) : undefined;
}
