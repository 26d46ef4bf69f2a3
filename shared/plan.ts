import { z } from "zod";
import { LIMITS, ORDERS, SalvoOrder } from "./commands.js";
import { Doctrine, Id, Point, type PointKm } from "./scenario.js";

/**
 * Plan files: what one side decides before (and between) the nights of a match. Used by the CLI,
 * the "plan" seat (a scripted player) and as each built-in scenario's default plans.
 */

/** A unit of a plan: the deploy order's fields, with lon/lat allowed and the round it is bought in. */
export const Deployment = ORDERS.deploy.fields
  .omit({ unitType: true, at: true })
  .extend({
    /** A layer or sensor type id from the scenario's catalogue. */
    type: Id,
    at: Point,
    /** The round in whose planning phase this unit is deployed (1 = before the first night). */
    round: z.number().int().positive().default(1),
  })
  .strict();
export type Deployment = z.infer<typeof Deployment>;

/** Interceptors a plan buys: the buy-resupply order's fields, in a round. */
export const ResupplyOrder = ORDERS["buy-resupply"].fields
  .extend({ round: z.number().int().positive() })
  .strict();
export type ResupplyOrder = z.infer<typeof ResupplyOrder>;

export const DefenderPlan = z
  .object({
    side: z.literal("defender"),
    deployments: z.array(Deployment),
    /** Interceptors bought from the round's budget during its planning phase. */
    resupply: z.array(ResupplyOrder).default([]),
    /** Doctrine changes for the scenario's own units (fixed units), by unit id, in round 1. */
    doctrine: z.record(Id, Doctrine.partial()).optional(),
  })
  .strict();
export type DefenderPlan = z.infer<typeof DefenderPlan>;

/** A salvo of a plan: the planned-salvo order (shared/commands.ts), in a round, with lon/lat waypoints allowed. */
export const Salvo = SalvoOrder.extend({
  /** The round in whose planning phase the salvo is planned. */
  round: z.number().int().positive(),
  waypoints: z.array(Point).max(LIMITS.salvoWaypoints).default([]),
}).strict();
export type Salvo = z.infer<typeof Salvo>;

export const AttackerPlan = z
  .object({
    side: z.literal("attacker"),
    salvos: z.array(Salvo),
  })
  .strict();
export type AttackerPlan = z.infer<typeof AttackerPlan>;

export const AllyPlan = z
  .object({
    side: z.literal("ally"),
    /** Doctrine changes for the scenario's allied units, by unit id. */
    doctrine: z.record(Id, Doctrine.partial()).default({}),
  })
  .strict();
export type AllyPlan = z.infer<typeof AllyPlan>;

export const Plan = z.discriminatedUnion("side", [DefenderPlan, AttackerPlan, AllyPlan]);
export type Plan = z.infer<typeof Plan>;

/** A named alternative to a default plan, e.g. a drone-only raid or a defence of long-range SAMs only. */
export const NamedPlan = z.object({ title: z.string().min(1), plan: Plan }).strict();
export type NamedPlan = z.infer<typeof NamedPlan>;

/**
 * The default plans each built-in scenario ships (server/scenarios/<id>.plans.json), and named
 * alternatives that lessons compare them with (`--defender plan:<name>`).
 */
export const DefaultPlans = z
  .object({
    attacker: AttackerPlan,
    defender: DefenderPlan,
    ally: AllyPlan.optional(),
    alternatives: z.record(Id, NamedPlan).optional(),
  })
  .strict();
export type DefaultPlans = z.infer<typeof DefaultPlans>;

/** Plans with every position in km on the theatre plane: what `planCommands` turns into sim commands. */
export type ResolvedDeployment = Omit<Deployment, "at"> & { at: PointKm };
export type ResolvedDefenderPlan = Omit<DefenderPlan, "deployments"> & { deployments: ResolvedDeployment[] };
export type ResolvedSalvo = Omit<Salvo, "waypoints"> & { waypoints: PointKm[] };
export type ResolvedAttackerPlan = Omit<AttackerPlan, "salvos"> & { salvos: ResolvedSalvo[] };
export type ResolvedPlan = ResolvedDefenderPlan | ResolvedAttackerPlan | AllyPlan;
