import { z } from "zod";
import { Doctrine, Id, Inject, PointKm } from "./scenario.js";
import { SIDE_ORDER_TYPES } from "./side-orders.js";

/**
 * Every order that changes a match, defined once. Each has the sides that may give it and the zod
 * schema of its fields; the protocol's client messages, plan files, the simulation's commands and the
 * client's forms all derive from these definitions, and the limits below are the only copy of each
 * limit. Which phases accept an order is the simulation's rule (sim/commands.ts), not the contract's.
 */

export const LIMITS = {
  /** Threats in one salvo. */
  salvoCount: 500,
  /** Waypoints of one salvo's route. */
  salvoWaypoints: 8,
  /** Latest first launch of a salvo, seconds after the night starts (a day). */
  launchAtSecMax: 86_400,
  /** Longest gap between two launches of a salvo. */
  intervalSecMax: 3_600,
  /** Interceptors bought in one order. */
  resupplyCount: 1_000,
  /** Characters of an inject's title. */
  injectTitle: 120,
  /** Characters of a client-chosen id (salvo ids are server-made, but clients echo them). */
  refLength: 64,
} as const;

/** Who gives an order: a playing side, or the white cell (the instructor, or the match's own clock). */
export const Issuer = z.enum(["attacker", "defender", "ally", "white"]);
export type Issuer = z.infer<typeof Issuer>;
export type Side = Exclude<Issuer, "white">;

const Ref = z.string().min(1).max(LIMITS.refLength);

/** One salvo as planned: the fields a plan file, a client form and the simulation share. */
export const SalvoOrder = z
  .object({
    zone: Id,
    threatType: Id,
    count: z.number().int().min(1).max(LIMITS.salvoCount),
    /** Seconds after the live phase starts (planning), or from now (a reserve salvo during the night). */
    launchAtSec: z.number().min(0).max(LIMITS.launchAtSecMax),
    /** Seconds between two launches of the salvo. */
    intervalSec: z.number().min(0).max(LIMITS.intervalSecMax).default(10),
    /** Target asset id. */
    target: Id,
    waypoints: z.array(PointKm).max(LIMITS.salvoWaypoints).default([]),
  })
  .strict();
export type SalvoOrder = z.infer<typeof SalvoOrder>;

const order = <const S extends readonly Issuer[], T extends z.ZodRawShape>(
  by: S,
  action: string,
  shape: T,
) => ({
  by,
  action,
  fields: z.object(shape).strict(),
});

/** The orders, by type: who may give each, what it does (for messages), and its fields. */
export const ORDERS = {
  deploy: order(["defender"], "deploy units", {
    unitType: Id,
    at: PointKm,
    /** A stable id (plan files); generated when absent. */
    id: Id.optional(),
    doctrine: Doctrine.partial().optional(),
  }),
  "remove-unit": order(["defender"], "remove units", { unitId: Id }),
  "set-doctrine": order(["defender", "ally"], "set doctrine", {
    /** A unit id, or "all" for every unit of the side. */
    unitId: z.union([Id, z.literal("all")]),
    doctrine: Doctrine.partial(),
  }),
  relocate: order(["defender", "ally"], "relocate units", { unitId: Id, to: PointKm }),
  "buy-resupply": order(["defender"], "buy resupply", {
    layer: Id,
    count: z.number().int().min(1).max(LIMITS.resupplyCount),
  }),
  "plan-salvo": { by: ["attacker"] as const, action: "plan salvos", fields: SalvoOrder },
  "cancel-salvo": order(["attacker"], "cancel salvos", { salvoId: Ref }),
  inject: order(["white"], "inject events", {
    inject: Inject,
    title: z.string().max(LIMITS.injectTitle).optional(),
  }),
  "fire-inject": order(["white"], "fire injects", { injectId: Id }),
  /** Phase control: the match issues these for the instructor, its timers or its ready seats. */
  "start-live": order(["white"], "start the night", {}),
  "end-live": order(["white"], "end the night", {}),
  "next-round": order(["white"], "start the next round", {}),
} as const;

export type OrderType = keyof typeof ORDERS;
export const ORDER_TYPES = Object.keys(ORDERS) as OrderType[];
/**
 * Orders people send as client messages: the sides' (side-orders.ts) and the white cell's; phase control
 * is the `advance-phase` message instead. `satisfies` checks every one is an order defined here.
 */
export const CLIENT_ORDER_TYPES = [
  ...SIDE_ORDER_TYPES,
  "inject",
  "fire-inject",
] as const satisfies readonly OrderType[];
export type ClientOrderType = (typeof CLIENT_ORDER_TYPES)[number];

type FieldsSchema<K extends OrderType> = (typeof ORDERS)[K]["fields"];
/** zod types an empty strict object as `Record<string, never>`; an order without fields has none. */
type NoFields = { [key: string]: never };
/** The fields of an order as parsed (defaults applied). */
export type OrderFields<K extends OrderType> =
  z.infer<FieldsSchema<K>> extends NoFields ? object : z.infer<FieldsSchema<K>>;
/** The fields of an order as a sender may write them (defaulted fields optional). */
export type OrderInput<K extends OrderType> =
  z.input<FieldsSchema<K>> extends NoFields ? object : z.input<FieldsSchema<K>>;
export type IssuerOf<K extends OrderType> = (typeof ORDERS)[K]["by"][number];

/** A command to the simulation: an order's fields, its type, and the side that gives it. */
export type Command = { [K in OrderType]: { type: K; side: IssuerOf<K> } & OrderFields<K> }[OrderType];
export type CommandOf<K extends OrderType> = Extract<Command, { type: K }>;

export function mayIssue(type: OrderType, issuer: Issuer | string): boolean {
  return (ORDERS[type].by as readonly string[]).includes(issuer);
}

/** Why an order or message was refused: one list for the simulation, the match and the protocol. */
export const ErrorCode = z.enum([
  /** No such message type. */
  "unknown_type",
  /** The message does not match its schema. */
  "invalid",
  /** The sender's seat or role may not give this order. */
  "wrong_seat",
  /** Not in this phase of the match. */
  "wrong_phase",
  /** Against a rule of the game (range, ROE of the place, timing, limits). */
  "not_allowed",
  "unknown_unit",
  /** No such unit, layer or threat type in the scenario's catalogue. */
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

/** The result of handling an order or a message: accepted, or refused with one reason. */
export type Outcome = { ok: true } | Refusal;
export const OK: Outcome = Object.freeze({ ok: true });

/** A refusal: its code, a message in plain words, and the path of the offending field if one. */
export interface Refusal {
  ok: false;
  code: ErrorCode;
  message: string;
  path?: string;
}

export function refusal(code: ErrorCode, message: string, path?: string): Refusal {
  return path === undefined ? { ok: false, code, message } : { ok: false, code, message, path };
}

/** The first problem of a failed parse, as a refusal naming the field. */
export function invalid(error: z.ZodError, prefix = ""): Refusal {
  const issue = error.issues[0];
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
  return refusal("invalid", `${path || "message"}: ${issue.message}`, path || undefined);
}
