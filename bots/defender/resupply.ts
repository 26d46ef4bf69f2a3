/**
 * Buying interceptors between nights. "Smart" judgement stocks BMD rounds for the ballistic threats it
 * expects (two per threat) before anything else, then what each layer used last night with a margin,
 * within half the budget. Otherwise it replaces last night's use within a third of the budget; a
 * judgement that neither adapts nor buys smartly buys nothing.
 */
import type { Command, SideView } from "../../sim/api.js";
import type { BotContext } from "../context.js";
import type { DefenderMemory } from "../memory.js";
import { isBmd } from "./doctrine.js";
import type { ThreatPicture } from "./picture.js";

export function planResupply(
  ctx: BotContext,
  view: SideView,
  mem: DefenderMemory,
  picture: ThreatPicture,
  budgetUsd: number,
): { commands: Command[]; spentUsd: number } {
  const j = ctx.judgement.defender;
  if (!j.smartResupply && j.adaptWeight === 0) return { commands: [], spentUsd: 0 };
  const owned = [...new Set(view.units.filter((u) => u.side === "defender").map((u) => u.kind))];
  const wants = owned
    .map((id) => ({ id, layer: ctx.pub.catalogue.layers[id] }))
    .filter(({ layer }) => layer && layer.magazine !== null && layer.costPerShotUsd > 0)
    .map(({ id, layer }) => {
      const used = mem.usedByLayer[id] ?? 0;
      const reserve = j.smartResupply && isBmd(layer) ? 2 * (picture.perClass.ballistic ?? 0) : 0;
      const target = j.smartResupply ? Math.max(reserve, Math.ceil(used * 1.2)) : used;
      const count = Math.max(0, Math.ceil(target - (view.stocks[id] ?? 0)));
      return { id, count, priceUsd: layer.costPerShotUsd, bmd: isBmd(layer) };
    })
    .filter((w) => w.count > 0)
    .sort((a, b) => Number(b.bmd) - Number(a.bmd) || a.priceUsd - b.priceUsd);
  let left = budgetUsd * (j.smartResupply ? 0.5 : 1 / 3);
  const commands: Command[] = [];
  let spentUsd = 0;
  for (const w of wants) {
    const count = Math.min(w.count, Math.floor(left / w.priceUsd));
    if (count <= 0) continue;
    commands.push({ type: "buy-resupply", side: "defender", layer: w.id, count });
    left -= count * w.priceUsd;
    spentUsd += count * w.priceUsd;
  }
  return { commands, spentUsd };
}
