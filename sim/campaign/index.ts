/**
 * The campaign layer: allies and ROE, jamming, incidents and escalation, the power grid,
 * economy and rounds, injects, scores. Pure, deterministic functions over plain data; the engine owns the
 * one seeded generator and passes `next()` (uniform in [0, 1)) where a rule draws.
 *
 * ## How the engine uses it
 *
 * One copy of each piece of state: the engine's `World` extends `CampaignState` (ROE per nation, sea
 * access, incidents per nation, escalation, sensor conditions, fired injects, the grid's blackout, the
 * economy), created by `createCampaignState` and checked by `restoreCampaign` when a snapshot is read.
 * Static lookups (`createCampaignContext`) are rebuilt per engine and never saved.
 *
 * The core runs these modules itself, with or without the extension:
 * - economy.ts: budgets (unspent budget carries over), charges and refunds of deployments, purchases and
 *   salvos, deliveries when due, reloads from the depot (`takeFromStock`), between-round resupply;
 * - injects.ts: checking and applying the five injects, MSEL auto injects when due, sensor outages and
 *   weather (`sensorOffline`, `weatherFactor`), timed conditions cleared after each night;
 * - scores.ts: ratios and totals of the per-round counters; grid.ts's `casualtiesFromDamage` for impacts.
 *
 * extension.ts plugs in the rest as a `SimExtension`, registered for every simulation by default
 * (../extensions.ts): ROE and sea-access rules, fighter patrols (patrols.ts), jamming (jamming.ts),
 * incidents and escalation with their triggers (incidents.ts, escalation.ts), blackouts, population-hours
 * and repairs (grid.ts), through the entry points of flow.ts. Its header lists when each runs.
 */
export * from "./economy.js";
export * from "./escalation.js";
export * from "./flow.js";
export * from "./grid.js";
export * from "./incidents.js";
export * from "./injects.js";
export * from "./jamming.js";
export * from "./patrols.js";
export * from "./roe.js";
export * from "./scores.js";
export * from "./state.js";
