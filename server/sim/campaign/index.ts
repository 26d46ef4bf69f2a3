/**
 * The campaign layer (issue 4): allies and ROE, jamming, incidents and escalation, the power grid,
 * economy and rounds, injects, scores. Pure, deterministic functions over plain data; the engine owns the
 * one seeded generator and passes `next()` (uniform in [0, 1)) where a rule draws.
 *
 * ## Integration guide (how the engine calls each piece)
 *
 * Two objects: `ctx = createCampaignContext(scenario)` (static lookups, rebuilt on restore, never saved)
 * and `state = createCampaignState(scenario, ctx)` (plain JSON; it already holds round 1's budgets and its
 * at-once resupply). Keep `state` in the world (e.g. `world.ext.campaign = state`), make it the only
 * source of truth for ROE, sea access, escalation, weather/outages, depot stocks and budgets, and copy
 * from it for views (`roe`, `seaAccess`, `escalation.value` public; `economy.budgetUsd`/`stocks` per side).
 * A `stamp` is `{ t: clock, round }`. Every `…Events`/`SimEvent[]` result is appended to the step's log in
 * the order returned.
 *
 * ### Each live step (in this order)
 * 1. `campaignTick(ctx, state, stamp, STEP_SEC, unitExists)` at the start of the step: MSEL auto injects
 *    due by now (fired once each), resupply due by now, escalation decay, blackout population-hours.
 * 2. Sensors: skip a sensor when `sensorOffline(state.sensors, unit.id, unit.side === "defender", clock)`;
 *    multiply every detection range by `weatherFactor(state.sensors, clock)`.
 * 3. Jamming: for each jammer unit in unit order, for each live, not-yet-spoofed threat within its reach in
 *    launch order with `jammerAffects(layer, threatType)`: `trySpoof({unitId, x, y, reachKm, jamPerSec},
 *    {id, x, y, vx, vy (km/s), remainingRangeKm}, STEP_SEC, next)`. On a decision: the threat's route
 *    becomes one leg to `crashAt` ending in a crash (not an impact); emit `spoofed`.
 * 4. After each threat moves: `checkAirspaceEntry(state.incidents, ctx.neighbours, threat.id, pos)`;
 *    collect non-null incidents in a step list.
 * 5. Engagement. Any sea-only unit fights only while `unitActive(ctx, state, layer.seaOnly, unitPos)`.
 *    An allied unit engages a target only if `allyMayEngage(ctx, state, unit.allyId, interceptPoint)`
 *    (else the threat is held by ROE); its fire events then carry `outsideRoe: false`. Should an engine
 *    policy ever fire outside ROE, mark `outsideRoe: true` and collect
 *    `outsideRoeIncident(nation, unitId, threatId, interceptPoint)` (nation: `ctx.allies.get(allyId)`).
 *    Fighters: `s = sortieOnStation(patrolSpec(layer)!, roundSpec.durationSec, clock)`; -1 = grounded
 *    (no engagement); a new s ≥ 0 re-arms the magazine.
 * 6. Kills: collect `debrisIncident(ctx.neighbours, threatId, unitId, interceptPoint)`.
 *    Crashes (spoofed, fuel out, decoy end): collect `crashIncident(ctx.neighbours, threatId, pos)`.
 * 7. Impacts: `casualties = impactCasualties(ctx.grid, hits, scenario.casualties.perDamagePer100k)`; apply
 *    the damage; then `gridAfterDamage(ctx, state, hitAssetIds, hpOf, stamp)` (recomputes only when a
 *    grid asset was hit); an asset's `powered` is `!state.grid.blackedOut.includes(id)` for cities.
 * 8. For every threat that ended this step (or is removed at round end): `forgetThreat(state.incidents, id)`.
 * 9. `noteIncidents(ctx, state, stepIncidents, stamp)` once, with every incident of the step in the order
 *    collected: counts, escalation, triggers (set-roe, sea-access, defender-penalty applied to `state`).
 *    If `state.escalation.ended` is now set, end the match: `match-end`, winner the side that is not
 *    `ended.loser`, reason `ended.reason`.
 *
 * ### Commands
 * - `deploy`: `charge(state.economy, "defender", type.deployCostUsd, what)`; a `seaOnly` layer must stand
 *   where `unitActive(ctx, state, true, at)`. `relocate`: no scenario cost yet (charge 0 if one is added).
 *   `remove-unit` in the planning phase of the round it was bought: `refund(...)` its deployment cost.
 * - `buy-resupply`: `buyResupply(state.economy, scenario.catalogue.layers, layer, count)`.
 * - `plan-salvo`: `charge(state.economy, "attacker", count × threat.costUsd, what)`; `cancel-salvo`:
 *   `refund(state.economy, "attacker", unlaunched × unitCostUsd)`.
 * - Reloads: `takeFromStock(state.economy, layer, wanted)` returns how many came from the depot.
 * - `inject`: `injectCommand(ctx, state, inject, title, stamp, unitExists)`; `fire-scheduled-inject`:
 *   `fireScheduledCommand(ctx, state, injectId, stamp, unitExists)`. Both return a CommandResult.
 * A rejected economy or inject result changes nothing; map it straight to the CommandResult.
 *
 * ### Round transitions
 * - `start-live`: nothing (resupply due at 0 s arrived when the round began).
 * - `end-live`: `endLiveCampaign(state, stamp)` (convoys still on the road arrive); freeze the round's
 *   scores with `roundScores(totalNow, totalAtRoundStart)`.
 * - `next-round` to round r: `nextRoundCampaign(ctx, state, r, assets)` → apply `repairs` (asset hp),
 *   append `events` (power restored by repairs, at-once resupply); budgets of round r are added, unspent
 *   budget carries over; timed outages and weather end.
 * - Snapshot: `snapshotCampaign(state)`; restore: `restoreCampaign(json)` (validated) and a fresh `ctx`.
 * - Summary: `sumScores(perRound)`; the score: `valueProtectedUsd(scenario.scoring, ctx.valueAtRiskUsd,
 *   {damageValueUsd, casualties, blackoutPopulationHours, escalation, penaltiesUsd: state.economy.penaltiesUsd})`.
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
