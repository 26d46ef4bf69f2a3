import { z } from "zod";
import {
  CLIENT_ORDER_TYPES,
  type ClientOrderType,
  ErrorCode,
  invalid,
  LIMITS,
  ORDERS,
  type OrderFields,
  type OrderInput,
  type Refusal,
  refusal,
} from "./commands.js";
import { notPlainAt } from "./plain.js";
import { Id } from "./scenario.js";
import { AllocateFields, ChatFields, ChatPost, MarkerFields, MarkerPost } from "./side-channel.js";

/**
 * The protocol: every message between client and server, as zod schemas with inferred types.
 * Each client message may carry `rid`, a client-chosen request id that the server echoes in its
 * `error` reply so the client can show the reason next to the control that sent it.
 */

const Rid = z.string().max(LIMITS.refLength).optional();
const msg = <T extends z.ZodRawShape>(shape: T) => z.object({ rid: Rid, ...shape }).strict();
type OrderMessages = {
  [K in ClientOrderType]: z.ZodType<OrderFields<K> & { rid?: string }, OrderInput<K> & { rid?: string }>;
};

/** An order's message is its fields (shared/commands.ts) plus the optional `rid`. */
const ORDER_MESSAGES = Object.fromEntries(
  CLIENT_ORDER_TYPES.map((type) => [type, z.object({ ...ORDERS[type].fields.shape, rid: Rid }).strict()]),
) as unknown as OrderMessages; // fromEntries forgets which key holds which schema

export const SeatRole = z.enum(["attacker", "defender", "ally", "instructor", "spectator"]);
export type SeatRole = z.infer<typeof SeatRole>;
export const ViewName = z.enum(["truth", "attacker", "defender", "ally"]);
export type ViewName = z.infer<typeof ViewName>;
export const BotLevel = z.enum(["easy", "normal", "hard"]);
export type BotLevel = z.infer<typeof BotLevel>;
/** Who fills a playing seat. */
export const SeatFill = z.union([
  z.literal("human"),
  z.literal("plan"),
  z.templateLiteral(["bot:", BotLevel]),
]);
export type SeatFill = z.infer<typeof SeatFill>;

export const Pacing = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("realtime"), timeScale: z.number().min(1).max(600) }).strict(),
  z.object({ mode: z.literal("wego"), intervalMin: z.number().min(1).max(240) }).strict(),
]);
export type Pacing = z.infer<typeof Pacing>;

/**
 * Who may watch a perspective as a spectator: anyone (after the spectator delay), only holders of the
 * match's spectator key (the instructor shares it, e.g. with the projector), or nobody.
 */
export const ViewAccess = z.enum(["open", "key", "closed"]);
export type ViewAccess = z.infer<typeof ViewAccess>;
/** The creator's spectator policy, per view; a view left out follows the default (server/match/access.ts). */
export const SpectatorViews = z
  .object({ truth: ViewAccess, attacker: ViewAccess, defender: ViewAccess, ally: ViewAccess })
  .partial()
  .strict();
export type SpectatorViews = z.infer<typeof SpectatorViews>;

/** A credential the server handed out (instructor key, spectator key, rejoin code). */
const Secret = z.string().min(1).max(64);

/** The most variants a match may play at once. */
export const MAX_MATCH_VARIANTS = 16;

/** Options for creating a `match` room. */
export const CreateMatchOptions = z
  .object({
    scenario: Id,
    /** The scenario's variants to play, applied in order (docs/scenarios.md#variants). */
    variants: z.array(Id).max(MAX_MATCH_VARIANTS).default([]),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    pacing: Pacing.default({ mode: "realtime", timeScale: 60 }),
    seats: z.object({ attacker: SeatFill, defender: SeatFill, ally: SeatFill }).partial().default({}),
    autostart: z.boolean().default(false),
    planningSec: z.number().min(5).max(3600).default(120),
    private: z.boolean().default(false),
    spectatorDelaySec: z.number().min(0).max(600).default(0),
    spectatorViews: SpectatorViews.optional(),
  })
  .strict();
export type CreateMatchOptions = z.input<typeof CreateMatchOptions>;

/** How long the server keeps a dropped player's seat for them to reconnect (clients count it down). */
export const SEAT_HOLD_SEC = 120;

/** Options for joining a seat. */
export const JoinOptions = z
  .object({
    seat: SeatRole,
    /** A playing seat's crew role (docs/classroom.md, "Crews"); without it the side's first open role. */
    role: Id.optional(),
    name: z.string().trim().min(1).max(40),
    view: ViewName.optional(),
    /** Required for the instructor seat: the key the instructor received. */
    instructorKey: Secret.optional(),
    /** Opens the views the spectator policy keeps for key holders. */
    spectatorKey: Secret.optional(),
    /** Takes back one's own seat while it is held (after a drop or a server restart), from any device. */
    rejoinCode: Secret.optional(),
  })
  .strict();
export type JoinOptions = z.infer<typeof JoinOptions>;

export const ClientMessages = {
  ...ORDER_MESSAGES,
  ready: msg({ ready: z.boolean() }),
  /** Wego pacing: this seat has seen the pause and is ready to continue. */
  confirm: msg({}),
  /** Instructor and spectators: whose perception to show. */
  "set-view": msg({ view: ViewName }),
  pause: msg({}),
  resume: msg({}),
  "time-scale": msg({ timeScale: z.number().min(1).max(600) }),
  "advance-phase": msg({}),
  kick: msg({ seatId: z.string().min(1).max(LIMITS.refLength) }),
  /** With `role`, a free seat goes to a bot doing that crew role's work (docs/classroom.md). */
  "assign-seat": msg({ seatId: z.string().min(1).max(LIMITS.refLength), to: SeatFill, role: Id.optional() }),
  /** The instructor moves a person to another crew role of their side (docs/classroom.md, "Crews"). */
  "assign-role": msg({ seatId: z.string().min(1).max(LIMITS.refLength), role: Id }),
  bookmark: msg({ note: z.string().trim().min(1).max(500) }),
  /** The attacker commander: how much of the night's spend a strike planner role may plan. */
  allocate: msg(AllocateFields),
  chat: msg(ChatFields),
  marker: msg(MarkerFields),
} as const;
export type ClientMessageType = keyof typeof ClientMessages;
export type ClientMessage<T extends ClientMessageType> = z.infer<(typeof ClientMessages)[T]>;

export { ErrorCode };

export const ErrorReply = z
  .object({
    code: ErrorCode,
    message: z.string(),
    path: z.string().optional(),
    /** The message type that was rejected, and its rid if it had one. */
    type: z.string().optional(),
    rid: z.string().optional(),
  })
  .strict();
export type ErrorReply = z.infer<typeof ErrorReply>;

export const FeedEntry = z
  .object({
    round: z.number().int(),
    t: z.number(),
    kind: z.string(),
    text: z.string(),
    x: z.number().optional(),
    y: z.number().optional(),
    /** A line that counts several events: where each happened, flat x0,y0,x1,y1,... (km). */
    points: z.array(z.number()).optional(),
  })
  .strict();
export type FeedEntry = z.infer<typeof FeedEntry>;

export const ServerMessages = {
  error: ErrorReply,
  /**
   * Sent once on join: the seat taken; for the instructor the instructor and spectator keys; for a
   * player the code that takes the seat back from another device while it is held.
   */
  welcome: z
    .object({
      seatId: z.string(),
      role: SeatRole,
      view: ViewName,
      instructorKey: z.string().optional(),
      spectatorKey: z.string().optional(),
      rejoinCode: z.string().optional(),
      matchId: z.string(),
    })
    .strict(),
  /** Event feed entries visible to this client's view (the last ones on join, then as they happen). */
  feed: z.object({ entries: z.array(FeedEntry) }).strict(),
  /** The after-action summary at the end of each round and of the match. */
  summary: z.object({ final: z.boolean(), summary: z.record(z.string(), z.unknown()) }).strict(),
  /** Side-channel chat and markers (shared/side-channel.ts), to the audience of their channel. */
  chat: ChatPost,
  marker: MarkerPost,
} as const;
export type ServerMessageType = keyof typeof ServerMessages;
export type ServerMessage<T extends ServerMessageType> = z.infer<(typeof ServerMessages)[T]>;

/** The `restore` create option: continue a recorded match (recover) or start a new one from a moment of it (branch). */
const RestorePhase = z.enum(["planning", "live", "assessment", "ended"]);

export const RestoreRequest = z.discriminatedUnion("kind", [
  /** Started by the server itself after a restart or a takeover: the ticket is one it made for this. */
  z.object({ kind: z.literal("recover"), matchId: z.string().min(1).max(64), ticket: Secret }).strict(),
  z
    .object({
      kind: z.literal("branch"),
      matchId: z.string().min(1).max(64),
      at: z.object({ round: z.number().int().min(1), phase: RestorePhase, t: z.number().min(0) }).strict(),
      /** The source match's instructor key; not needed for an ended public match. */
      instructorKey: Secret.optional(),
    })
    .strict(),
]);
export type RestoreRequest = z.infer<typeof RestoreRequest>;

/**
 * Parse untrusted input: only plain JSON-like data (shared/plain.ts) reaches the schema, so no `Date`,
 * typed array or class instance passes for an object; a refusal names the offending field.
 */
export function parsePlain<T>(schema: z.ZodType<T>, raw: unknown): { ok: true; value: T } | Refusal {
  const bad = notPlainAt(raw);
  if (bad !== undefined) {
    const what = bad || "message";
    return refusal(
      "invalid",
      `${what}: expected plain data (objects, arrays, text, numbers)`,
      bad || undefined,
    );
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : invalid(parsed.error);
}
