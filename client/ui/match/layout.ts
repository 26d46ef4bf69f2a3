import type { WeaponsControl } from "../../../shared/scenario.js";
import type { MapController } from "../../map/controller.js";
import type { KeyActions } from "../shortcuts.js";
import { CataloguePanel, ResupplyPanel } from "./catalogue.js";
import { type MatchContext, ownUnits, type Part } from "./context.js";
import { AssessmentPanel } from "./debrief.js";
import { InstructorConsole, TIME_SCALES } from "./instructor.js";
import { PhaseBar } from "./phasebar.js";
import { CrewRoster } from "./roster.js";
import { SalvoBuilder } from "./salvo-builder.js";
import { UnitsPanel } from "./units-panel.js";

/** Which panels the left column shows for a seat in a phase. */
export function leftParts(ctx: MatchContext, phase: string): Part[] {
  const { role } = ctx;
  if (role === "spectator") return [];
  if (role === "instructor") {
    const whiteCell = new InstructorConsole(ctx);
    const roster = new CrewRoster(ctx);
    return phase === "assessment" ? [whiteCell, new AssessmentPanel(ctx), roster] : [whiteCell, roster];
  }
  const parts: Part[] = [new PhaseBar(ctx)];
  if (phase === "debrief" || phase === "lobby") return parts;
  if (phase === "assessment") parts.push(new AssessmentPanel(ctx));
  if (role === "attacker") {
    if (phase === "planning" || phase === "live") parts.push(new SalvoBuilder(ctx, phase === "live"));
    return parts;
  }
  if (role === "defender" && phase === "planning") parts.push(new CataloguePanel(ctx));
  parts.push(new UnitsPanel(ctx));
  if (role === "defender" && phase === "planning") parts.push(new ResupplyPanel(ctx));
  return parts;
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
