/** The defender's planning decision: resupply first (it protects the reserve), then deployments. */
import type { Command, SideView } from "../../sim/api.js";
import type { BotContext } from "../context.js";
import type { DefenderMemory } from "../memory.js";
import { newCoverage, unitEffect } from "./coverage.js";
import { planDeployments } from "./deploy.js";
import { plannedDoctrine } from "./doctrine.js";
import { observeDefender } from "./observe.js";
import { threatPicture } from "./picture.js";
import { planResupply } from "./resupply.js";

/** Bring units already standing (the scenario's own, earlier nights', allies') to this level's doctrine. */
function doctrineOrders(ctx: BotContext, view: SideView): Command[] {
  const commands: Command[] = [];
  for (const u of view.units) {
    if (u.side !== "defender") continue;
    const wanted = plannedDoctrine(ctx, u.kind);
    if (!wanted) continue;
    const differs = (Object.keys(wanted) as (keyof typeof wanted)[]).some(
      (k) => JSON.stringify(wanted[k]) !== JSON.stringify(u.doctrine[k]),
    );
    if (differs) commands.push({ type: "set-doctrine", side: "defender", unitId: u.id, doctrine: wanted });
  }
  return commands;
}

export function planDefence(ctx: BotContext, view: SideView, mem: DefenderMemory): Command[] {
  observeDefender(view, mem);
  const picture = threatPicture(ctx, mem, view.round);
  const coverage = newCoverage(ctx, picture);
  for (const u of view.units) unitEffect(ctx, picture, coverage, u.kind, u, true);
  const budgetUsd = view.budgetUsd.defender ?? 0;
  const resupply = planResupply(ctx, view, mem, picture, budgetUsd);
  const deployments = planDeployments(ctx, picture, coverage, budgetUsd - resupply.spentUsd, (t) =>
    plannedDoctrine(ctx, t),
  );
  return [...resupply.commands, ...doctrineOrders(ctx, view), ...deployments];
}
