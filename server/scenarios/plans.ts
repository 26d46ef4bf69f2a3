import type { CompiledScenario } from "../../shared/compiled.js";
import { insideExtent } from "../../shared/geo.js";
import type {
  AllyPlan,
  AttackerPlan,
  DefenderPlan,
  Plan,
  ResolvedAttackerPlan,
  ResolvedDefenderPlan,
  ResolvedPlan,
  ResolvedSalvo,
} from "../../shared/plan.js";
import type { Point, PointKm } from "../../shared/scenario.js";
import { worstRouteKm } from "../../sim/orders/salvos.js";
import { NEEDS_CENTER, pointResolver } from "./compile.js";
import { ScenarioError, type ScenarioIssue } from "./errors.js";
import { DEFENDER_GROUND_TEXT, defenderGround, placementProblem, unitPlacement } from "./placement.js";

/** Converts every point of a plan to km. Throws ScenarioError for lon/lat in a theatre without a centre. */
export function resolvePlan(plan: DefenderPlan, compiled: CompiledScenario): ResolvedDefenderPlan;
export function resolvePlan(plan: AttackerPlan, compiled: CompiledScenario): ResolvedAttackerPlan;
export function resolvePlan(plan: AllyPlan, compiled: CompiledScenario): AllyPlan;
export function resolvePlan(plan: Plan, compiled: CompiledScenario): ResolvedPlan;
export function resolvePlan(plan: Plan, compiled: CompiledScenario): ResolvedPlan {
  const resolve = pointResolver(compiled.theatre.center);
  const toKm = (point: Point, path: string): PointKm => {
    const p = resolve(point);
    if (!p) throw new ScenarioError(`${plan.side} plan`, [{ path, message: NEEDS_CENTER }]);
    return p;
  };
  if (plan.side === "defender") {
    const deployments = plan.deployments.map((d, i) => ({ ...d, at: toKm(d.at, `deployments[${i}].at`) }));
    return { ...plan, deployments };
  }
  if (plan.side === "attacker") {
    const salvos = plan.salvos.map((s, i) => ({
      ...s,
      waypoints: s.waypoints.map((w, j) => toKm(w, `salvos[${i}].waypoints[${j}]`)),
    }));
    return { ...plan, salvos };
  }
  return plan;
}

type Push = (path: string, message: string) => void;

function usd(value: number): string {
  return `$${(value / 1e6).toLocaleString("en-US", { maximumFractionDigits: 2 })}M`;
}

/** Spending by round must stay within the budgets added so far (unspent budget carries over). */
function checkBudget(
  spendByRound: number[],
  budgetOf: (round: number) => number,
  path: string,
  push: Push,
): void {
  let spent = 0;
  let budget = 0;
  spendByRound.forEach((spend, r) => {
    spent += spend;
    budget += budgetOf(r);
    if (spent > budget)
      push(path, `by round ${r + 1} the plan spends ${usd(spent)}, over the ${usd(budget)} budget`);
  });
}

function checkRound(round: number, c: CompiledScenario, path: string, push: Push): boolean {
  if (round <= c.rounds.length) return true;
  push(path, `round ${round} does not exist (the scenario has ${c.rounds.length})`);
  return false;
}

function checkDefender(plan: ResolvedDefenderPlan, c: CompiledScenario, push: Push): void {
  const { layers, sensors } = c.catalogue;
  const spend = c.rounds.map(() => 0);
  const ids = new Set([...c.fixedUnits, ...c.allies.flatMap((a) => a.units)].map((u) => u.id));
  plan.deployments.forEach((d, i) => {
    const path = `deployments[${i}]`;
    const type = layers[d.type] ?? sensors[d.type];
    if (!type) push(`${path}.type`, `unknown layer or sensor type '${d.type}'`);
    if (d.id && ids.has(d.id)) push(`${path}.id`, `duplicate unit id '${d.id}'`);
    if (d.id) ids.add(d.id);
    const { allowed, wanted } = unitPlacement(c, d.type, defenderGround, DEFENDER_GROUND_TEXT);
    const problem = placementProblem(d.at, c, allowed, wanted);
    if (problem) push(`${path}.at`, problem);
    if (checkRound(d.round, c, `${path}.round`, push) && type) spend[d.round - 1] += type.deployCostUsd;
  });
  plan.resupply.forEach((order, i) => {
    const layer = layers[order.layer];
    if (!layer) push(`resupply[${i}].layer`, `unknown layer '${order.layer}'`);
    if (c.rounds[order.round - 1]?.interceptorPurchases === false)
      push(`resupply[${i}].round`, `no interceptors are for sale in round ${order.round}`);
    if (checkRound(order.round, c, `resupply[${i}].round`, push) && layer) {
      spend[order.round - 1] += order.count * layer.costPerShotUsd;
    }
  });
  checkBudget(spend, (r) => c.rounds[r].defenderBudgetUsd, "deployments", push);
  const own = new Set(c.fixedUnits.map((u) => u.id));
  for (const id of Object.keys(plan.doctrine ?? {})) {
    if (!own.has(id)) push(`doctrine.${id}`, `unknown unit '${id}' of the scenario's own (fixed) units`);
  }
}

function checkSalvo(salvo: ResolvedSalvo, path: string, c: CompiledScenario, push: Push): void {
  const zone = c.launchZones.find((z) => z.id === salvo.zone);
  const target = c.assets.find((a) => a.id === salvo.target);
  const threat = c.catalogue.threats[salvo.threatType];
  if (!zone) push(`${path}.zone`, `unknown launch zone '${salvo.zone}'`);
  if (!target) push(`${path}.target`, `unknown asset '${salvo.target}'`);
  if (!threat) push(`${path}.threatType`, `unknown threat type '${salvo.threatType}'`);
  else if (zone && !zone.threatTypes.includes(salvo.threatType)) {
    push(
      `${path}.threatType`,
      `'${salvo.threatType}' cannot launch from '${zone.id}' (${zone.threatTypes.join(", ")})`,
    );
  }
  salvo.waypoints.forEach((w, j) => {
    if (!insideExtent(w, c.theatre.extentKm)) push(`${path}.waypoints[${j}]`, "outside the theatre extent");
  });
  const round = c.rounds[salvo.round - 1];
  if (round && salvo.launchAtSec > round.durationSec) {
    push(
      `${path}.launchAtSec`,
      `${salvo.launchAtSec} s is after the end of round ${salvo.round} (${round.durationSec} s)`,
    );
  }
  if (zone && target && threat) {
    const lengthKm = worstRouteKm(zone, salvo.waypoints, target.at, threat);
    if (lengthKm > threat.rangeKm) {
      push(
        path,
        `the route is ${Math.round(lengthKm)} km, beyond the ${threat.rangeKm} km range of '${salvo.threatType}'`,
      );
    }
  }
}

function checkAttacker(plan: ResolvedAttackerPlan, c: CompiledScenario, push: Push): void {
  const spend = c.rounds.map(() => 0);
  plan.salvos.forEach((salvo, i) => {
    checkSalvo(salvo, `salvos[${i}]`, c, push);
    const threat = c.catalogue.threats[salvo.threatType];
    if (checkRound(salvo.round, c, `salvos[${i}].round`, push) && threat) {
      spend[salvo.round - 1] += salvo.count * threat.costUsd;
    }
  });
  checkBudget(spend, (r) => c.rounds[r].attackerBudgetUsd, "salvos", push);
}

function checkAlly(plan: AllyPlan, c: CompiledScenario, push: Push): void {
  const units = new Set(c.allies.flatMap((a) => a.units.map((u) => u.id)));
  for (const id of Object.keys(plan.doctrine ?? {})) {
    if (!units.has(id)) push(`doctrine.${id}`, `unknown allied unit '${id}'`);
  }
}

/**
 * Checks a plan against its scenario: known types, zones and targets; units on the defender's ground;
 * routes within range; spending within the budgets. Paths are relative to the plan.
 */
export function checkPlan(plan: Plan, compiled: CompiledScenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const push: Push = (path, message) => issues.push({ path, message });
  try {
    if (plan.side === "defender") checkDefender(resolvePlan(plan, compiled), compiled, push);
    else if (plan.side === "attacker") checkAttacker(resolvePlan(plan, compiled), compiled, push);
    else checkAlly(plan, compiled, push);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  return issues;
}
