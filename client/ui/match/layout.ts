import type { CrewOrder } from "../../../shared/crews.js";
import type { WeaponsControl } from "../../../shared/scenario.js";
import type { MapController } from "../../map/controller.js";
import type { KeyActions } from "../shortcuts.js";
import { AllocationPanel } from "./allocation.js";
import { CataloguePanel, ResupplyPanel } from "./catalogue.js";
import { type MatchContext, ownUnits, type Part } from "./context.js";
import { AssessmentPanel } from "./debrief.js";
import { InstructorConsole, TIME_SCALES } from "./instructor.js";
import { IntelligencePanel } from "./intelligence.js";
import { PhaseBar } from "./phasebar.js";
import type { SeatRights } from "./rights.js";
import { CrewRoster } from "./roster.js";
import { SalvoBuilder } from "./salvo-builder.js";
import { UnitsPanel } from "./units-panel.js";

/**
 * Which panels the left column shows for a seat in a phase, given its crew rights (rights.ts): a role
 * gets the panels of the orders it gives, an attacker role that gives none the intelligence picture.
 */
export function leftParts(ctx: MatchContext, phase: string, rights: SeatRights | undefined): Part[] {
  const { role } = ctx;
  if (role === "spectator") return [];
  if (role === "instructor") {
    const whiteCell = new InstructorConsole(ctx);
    const roster = new CrewRoster(ctx);
    return phase === "assessment" ? [whiteCell, new AssessmentPanel(ctx), roster] : [whiteCell, roster];
  }
  const gives = (order: CrewOrder) => rights?.gives(order) ?? true;
  const parts: Part[] = [new PhaseBar(ctx)];
  if (phase === "debrief" || phase === "lobby") return parts;
  if (phase === "assessment") parts.push(new AssessmentPanel(ctx, gives("buy-resupply")));
  if (role === "attacker") {
    const plans = gives("plan-salvo") || gives("cancel-salvo");
    const active = phase === "planning" || phase === "live";
    if (active && gives("allocate") && rights?.roles.length) parts.push(new AllocationPanel(ctx));
    if (active && plans) parts.push(new SalvoBuilder(ctx, phase === "live", rights));
    if (!plans && !gives("allocate")) parts.push(new IntelligencePanel(ctx));
    return parts;
  }
  const planning = phase === "planning";
  if (role === "defender" && planning && gives("deploy")) parts.push(new CataloguePanel(ctx, rights));
  parts.push(new UnitsPanel(ctx));
  if (role === "defender" && planning && gives("buy-resupply")) parts.push(new ResupplyPanel(ctx));
  return parts;
}

/** What decides the left column: the seat, the phase and what its crew rights offer. */
export function leftKey(ctx: MatchContext, phase: string, rights: SeatRights | undefined): string {
  const { layers, sensors } = ctx.scenario.catalogue;
  const types = [...Object.keys(layers), ...Object.keys(sensors)];
  return `${ctx.role}|${phase}|${rights?.panelKey(types) ?? ""}`;
}

/** The keyboard shortcuts a seat has (docs/screen.md). */
export function shortcutActions(
  ctx: MatchContext,
  ctl: MapController,
  instructor: () => InstructorConsole | undefined,
): KeyActions {
  const { role, session } = ctx;
  if (role === "instructor") {
    return {
      pause: () => instructor()?.togglePause(),
      speed: (i) => instructor()?.setScale(TIME_SCALES[i], null),
      follow: () => ctl.setFollow(!ctl.follow),
    };
  }
  if (role === "spectator") return { follow: () => ctl.setFollow(!ctl.follow) };
  if (role === "defender" || role === "ally") {
    return {
      weapons: (weapons: WeaponsControl) =>
        session.send("set-doctrine", { unitId: ctl.selectedUnit ?? "all", doctrine: { weapons } }, null),
      nextUnit: (step) => {
        const state = session.state;
        if (!state) return;
        const units = ownUnits(state, role, ctx.scenario);
        if (units.length === 0) return;
        const i = units.findIndex((u) => u.id === ctl.selectedUnit);
        const next = units[(i + step + units.length) % units.length];
        ctl.select(next.id);
        ctl.focusOn(next.x, next.y);
      },
    };
  }
  return {};
}
