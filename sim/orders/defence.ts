import { type CommandOf, type Refusal, refusal } from "../../shared/commands.js";
import { buyResupply as buy, charge, refund } from "../campaign/economy.js";
import { emit, type SimContext } from "../context.js";
import { announceDeliveries, topUpMagazines, unitAudience } from "../phases.js";
import { placementProblem } from "../rules.js";
import { createUnit, nextUnitId } from "../units.js";
import type { UnitState } from "../world.js";

/** The defender's and allies' orders: deployment, doctrine, relocation, buying interceptors. */

/** The unit an order names, if it exists and belongs to the ordering side. */
function ownUnit(ctx: SimContext, side: string, unitId: string): UnitState | Refusal {
  const unit = ctx.ids.units.get(unitId);
  if (!unit) return refusal("unknown_unit", `no unit '${unitId}'`, "unitId");
  if (unit.side !== side)
    return refusal("wrong_seat", `unit '${unitId}' belongs to the ${unit.side}`, "unitId");
  return unit;
}

const isRejection = (x: UnitState | Refusal): x is Refusal => "ok" in x;

export function deploy(ctx: SimContext, c: CommandOf<"deploy">): Refusal | null {
  const { world, cat } = ctx;
  const costUsd = cat.deployCostUsd(c.unitType);
  if (costUsd === null)
    return refusal("unknown_type_id", `no layer or sensor '${c.unitType}' in the catalogue`, "unitType");
  if (c.id !== undefined && ctx.ids.units.has(c.id)) {
    return refusal("not_allowed", `unit id '${c.id}' is taken`, "id");
  }
  const placement = placementProblem(ctx, { side: "defender", allyId: "" }, c.unitType, c.at);
  if (placement) return refusal("out_of_area", placement, "at");
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
export function removeUnit(ctx: SimContext, c: CommandOf<"remove-unit">): Refusal | null {
  const unit = ownUnit(ctx, c.side, c.unitId);
  if (isRejection(unit)) return unit;
  if (unit.fixed) return refusal("not_allowed", `unit '${unit.id}' belongs to the scenario`, "unitId");
  const { world } = ctx;
  world.units.splice(world.units.indexOf(unit), 1);
  ctx.ids.units.delete(unit.id);
  if (unit.deployedRound === world.round)
    refund(world.economy, "defender", ctx.cat.deployCostUsd(unit.type) ?? 0);
  return null;
}

export function setDoctrine(ctx: SimContext, c: CommandOf<"set-doctrine">): Refusal | null {
  let units: UnitState[];
  if (c.unitId === "all") units = ctx.world.units.filter((u) => u.side === c.side && u.role !== "sensor");
  else {
    const unit = ownUnit(ctx, c.side, c.unitId);
    if (isRejection(unit)) return unit;
    if (unit.role === "sensor")
      return refusal("not_allowed", `unit '${unit.id}' is a sensor: no doctrine`, "unitId");
    units = [unit];
  }
  for (const unit of units) unit.doctrine = { ...unit.doctrine, ...c.doctrine };
  return null;
}

/** Planning: the unit moves at once. Live: only mobile units, arriving after their delay. */
export function relocate(ctx: SimContext, c: CommandOf<"relocate">): Refusal | null {
  const unit = ownUnit(ctx, c.side, c.unitId);
  if (isRejection(unit)) return unit;
  const layer = ctx.cat.layers.get(unit.type)?.def;
  const live = ctx.world.phase === "live";
  if (live && !layer?.mobile)
    return refusal("not_allowed", `unit '${unit.id}' is not mobile: move it between nights`, "unitId");
  const placement = placementProblem(ctx, unit, unit.type, c.to);
  if (placement) return refusal("out_of_area", placement, "to");
  if (live && layer) {
    unit.relocating = { x: c.to.x, y: c.to.y, arriveAt: ctx.world.clock + layer.relocateDelaySec };
    return null;
  }
  unit.x = c.to.x;
  unit.y = c.to.y;
  emit(ctx, { type: "unit-moved", unitId: unit.id, x: unit.x, y: unit.y }, unitAudience(unit));
  return null;
}

/**
 * Interceptors bought from the defender's budget at the layer's cost per shot, delivered at once (in a
 * round whose `interceptorPurchases` is not false).
 */
export function buyResupply(ctx: SimContext, c: CommandOf<"buy-resupply">): Refusal | null {
  if (ctx.scenario.rounds[ctx.world.round - 1].interceptorPurchases === false)
    return refusal("not_allowed", "no interceptors are for sale this round", "layer");
  const bought = buy(ctx.world.economy, ctx.scenario.catalogue.layers, c.layer, c.count);
  if (!bought.ok) return bought;
  announceDeliveries(ctx, [c]);
  topUpMagazines(ctx);
  return null;
}
