import { Doctrine as DoctrineSchema } from "../shared/scenario.js";
import type { Command, Doctrine } from "./api.js";
import { buyResupply as buy, charge, refund } from "./campaign/economy.js";
import { pointProblem, type Rejection, reject } from "./commands.js";
import { emit, type SimContext } from "./context.js";
import { announceDeliveries, topUpMagazines, unitAudience } from "./phases.js";
import { placementProblem } from "./rules.js";
import { createUnit, nextUnitId } from "./units.js";
import type { UnitState } from "./world.js";

/** The defender's and allies' orders: deployment, doctrine, relocation, buying interceptors. */

type Of<K extends Command["type"]> = Extract<Command, { type: K }>;

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

function doctrineProblem(doctrine: unknown): Rejection | null {
  const parsed = DoctrineSchema.partial().safeParse(doctrine ?? {});
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return reject("not_allowed", issue.message, ["doctrine", ...issue.path.map(String)].join("."));
}

/** The unit an order names, if it exists and belongs to the ordering side. */
function ownUnit(ctx: SimContext, side: string, unitId: string): UnitState | Rejection {
  const unit = ctx.ids.units.get(unitId);
  if (!unit) return reject("unknown_unit", `no unit '${unitId}'`, "unitId");
  if (unit.side !== side)
    return reject("wrong_side", `unit '${unitId}' belongs to the ${unit.side}`, "unitId");
  return unit;
}

const isRejection = (x: UnitState | Rejection): x is Rejection => "ok" in x;

export function deploy(ctx: SimContext, c: Of<"deploy">): Rejection | null {
  const { world, cat } = ctx;
  const costUsd = cat.deployCostUsd(c.unitType);
  if (costUsd === null)
    return reject("unknown_type", `no layer or sensor '${c.unitType}' in the catalogue`, "unitType");
  if (c.id !== undefined && (!ID_PATTERN.test(c.id) || ctx.ids.units.has(c.id))) {
    return reject(
      "not_allowed",
      `unit id '${c.id}' is taken or not lower-case letters, digits and dashes`,
      "id",
    );
  }
  const doctrine = doctrineProblem(c.doctrine);
  if (doctrine) return doctrine;
  const badPoint = pointProblem(c.at);
  if (badPoint) return reject("out_of_area", badPoint, "at");
  const placement = placementProblem(ctx, { side: "defender", allyId: "" }, c.unitType, c.at);
  if (placement) return reject("out_of_area", placement, "at");
  // Paid last: every check before it has passed, so a refused payment leaves the world as it was.
  const typeName = cat.layers.get(c.unitType)?.def.name ?? ctx.scenario.catalogue.sensors[c.unitType]?.name;
  const paid = charge(world.economy, "defender", costUsd, `A ${typeName ?? c.unitType}`);
  if (!paid.ok) return { ...paid, path: "unitType" };
  const id = c.id ?? nextUnitId(world, (taken) => ctx.ids.units.has(taken));
  const unit = createUnit(cat, {
    id,
    side: "defender",
    allyId: "",
    type: c.unitType,
    at: { x: c.at.x, y: c.at.y },
    doctrine: c.doctrine,
    fixed: false,
    deployedRound: world.round,
    revealed: false,
  });
  world.units.push(unit);
  ctx.ids.units.set(id, unit);
  emit(
    ctx,
    { type: "unit-deployed", unitId: id, unitType: c.unitType, x: unit.x, y: unit.y },
    unitAudience(unit),
  );
  return null;
}

/** Remove a bought unit; its cost is refunded only in the planning phase it was bought in. */
export function removeUnit(ctx: SimContext, c: Of<"remove-unit">): Rejection | null {
  const unit = ownUnit(ctx, c.side, c.unitId);
  if (isRejection(unit)) return unit;
  if (unit.fixed) return reject("not_allowed", `unit '${unit.id}' belongs to the scenario`, "unitId");
  const { world } = ctx;
  world.units.splice(world.units.indexOf(unit), 1);
  ctx.ids.units.delete(unit.id);
  if (unit.deployedRound === world.round)
    refund(world.economy, "defender", ctx.cat.deployCostUsd(unit.type) ?? 0);
  return null;
}

export function setDoctrine(ctx: SimContext, c: Of<"set-doctrine">): Rejection | null {
  const problem = doctrineProblem(c.doctrine);
  if (problem) return problem;
  let units: UnitState[];
  if (c.unitId === "all") units = ctx.world.units.filter((u) => u.side === c.side && u.role !== "sensor");
  else {
    const unit = ownUnit(ctx, c.side, c.unitId);
    if (isRejection(unit)) return unit;
    if (unit.role === "sensor")
      return reject("not_allowed", `unit '${unit.id}' is a sensor: no doctrine`, "unitId");
    units = [unit];
  }
  const change: Partial<Doctrine> = DoctrineSchema.partial().parse(c.doctrine);
  for (const unit of units) unit.doctrine = { ...unit.doctrine, ...change };
  return null;
}

/** Planning: the unit moves at once. Live: only mobile units, arriving after their delay. */
export function relocate(ctx: SimContext, c: Of<"relocate">): Rejection | null {
  const unit = ownUnit(ctx, c.side, c.unitId);
  if (isRejection(unit)) return unit;
  const badPoint = pointProblem(c.to);
  if (badPoint) return reject("out_of_area", badPoint, "to");
  const layer = ctx.cat.layers.get(unit.type)?.def;
  const live = ctx.world.phase === "live";
  if (live && !layer?.mobile)
    return reject("not_allowed", `unit '${unit.id}' is not mobile: move it between nights`, "unitId");
  const placement = placementProblem(ctx, unit, unit.type, c.to);
  if (placement) return reject("out_of_area", placement, "to");
  if (live && layer) {
    unit.relocating = { x: c.to.x, y: c.to.y, arriveAt: ctx.world.clock + layer.relocateDelaySec };
    return null;
  }
  unit.x = c.to.x;
  unit.y = c.to.y;
  emit(ctx, { type: "unit-moved", unitId: unit.id, x: unit.x, y: unit.y }, unitAudience(unit));
  return null;
}

/** Interceptors bought from the defender's budget at the layer's cost per shot, delivered at once. */
export function buyResupply(ctx: SimContext, c: Of<"buy-resupply">): Rejection | null {
  const bought = buy(ctx.world.economy, ctx.scenario.catalogue.layers, c.layer, c.count);
  if (!bought.ok) return bought;
  announceDeliveries(ctx, [c]);
  topUpMagazines(ctx);
  return null;
}
