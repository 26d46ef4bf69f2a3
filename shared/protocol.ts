import { z } from "zod";
import { Doctrine, Id, Inject, PointKm } from "./scenario.js";

/**
 * The protocol: every message between client and server, as zod schemas with inferred types.
 * Each client message may carry `rid`, a client-chosen request id that the server echoes in its
 * `error` reply so the client can show the reason next to the control that sent it.
 */

const Rid = z.string().max(64).optional();
const msg = <T extends z.ZodRawShape>(shape: T) => z.object({ rid: Rid, ...shape }).strict();

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

/** Options for creating a `match` room. */
export const CreateMatchOptions = z
  .object({
    scenario: Id,
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
  })
  .strict();
export type CreateMatchOptions = z.input<typeof CreateMatchOptions>;

/** Options for joining a seat. */
export const JoinOptions = z
  .object({
    seat: SeatRole,
    name: z.string().trim().min(1).max(40),
    view: ViewName.optional(),
    /** Required for the instructor seat: the key the creator received. */
    instructorKey: z.string().optional(),
  })
  .strict();
export type JoinOptions = z.infer<typeof JoinOptions>;

export const ClientMessages = {
  deploy: msg({ unitType: Id, at: PointKm }),
  "remove-unit": msg({ unitId: Id }),
  doctrine: msg({ unitId: z.union([Id, z.literal("all")]), doctrine: Doctrine.partial() }),
  relocate: msg({ unitId: Id, to: PointKm }),
  "buy-resupply": msg({ layer: Id, count: z.number().int().min(1).max(1000) }),
  salvo: msg({
    zone: Id,
    threatType: Id,
    count: z.number().int().min(1).max(500),
    launchAtSec: z.number().min(0).max(86400),
    intervalSec: z.number().min(0).max(3600).default(10),
    target: Id,
    waypoints: z.array(PointKm).max(8).default([]),
  }),
  "cancel-salvo": msg({ salvoId: z.string().min(1).max(64) }),
  ready: msg({ ready: z.boolean() }),
  /** Wego pacing: this seat has seen the pause and is ready to continue. */
  confirm: msg({}),
  /** Instructor and spectators: whose perception to show. */
  "set-view": msg({ view: ViewName }),
  pause: msg({}),
  resume: msg({}),
  "time-scale": msg({ timeScale: z.number().min(1).max(600) }),
  "advance-phase": msg({}),
  inject: msg({ inject: Inject, title: z.string().max(120).optional() }),
  "fire-inject": msg({ injectId: Id }),
  kick: msg({ seatId: z.string().min(1).max(64) }),
  "assign-seat": msg({ seatId: z.string().min(1).max(64), to: SeatFill }),
  bookmark: msg({ note: z.string().trim().min(1).max(500) }),
} as const;
export type ClientMessageType = keyof typeof ClientMessages;
export type ClientMessage<T extends ClientMessageType> = z.infer<(typeof ClientMessages)[T]>;

export const ErrorCode = z.enum([
  "unknown_type",
  "invalid",
  "wrong_seat",
  "wrong_phase",
  "not_allowed",
  "unknown_unit",
  "unknown_type_id",
  "unknown_zone",
  "unknown_target",
  "over_budget",
  "out_of_stock",
  "out_of_area",
  "rate_limited",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

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
  /** Sent once on join: the seat taken, and for the creator the instructor key. */
  welcome: z
    .object({
      seatId: z.string(),
      role: SeatRole,
      view: ViewName,
      instructorKey: z.string().optional(),
      matchId: z.string(),
    })
    .strict(),
  /** Event feed entries visible to this client's view (the last ones on join, then as they happen). */
  feed: z.object({ entries: z.array(FeedEntry) }).strict(),
  /** The after-action summary at the end of each round and of the match. */
  summary: z.object({ final: z.boolean(), summary: z.record(z.string(), z.unknown()) }).strict(),
} as const;
export type ServerMessageType = keyof typeof ServerMessages;
export type ServerMessage<T extends ServerMessageType> = z.infer<(typeof ServerMessages)[T]>;

/** The `restore` create option: continue a recorded match (recover) or start a new one from a moment of it (branch). */
const RestorePhase = z.enum(["planning", "live", "assessment", "ended"]);

export const RestoreRequest = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("recover"), matchId: z.string().min(1).max(64) }).strict(),
  z
    .object({
      kind: z.literal("branch"),
      matchId: z.string().min(1).max(64),
      at: z.object({ round: z.number().int().min(1), phase: RestorePhase, t: z.number().min(0) }).strict(),
    })
    .strict(),
]);
export type RestoreRequest = z.infer<typeof RestoreRequest>;
