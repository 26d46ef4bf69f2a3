import type { CompiledScenario } from "../../shared/compiled.js";
import type { SeatRecord } from "../../shared/history.js";
import type { CrewReview } from "../../sim/review/crew-review.js";
import { h } from "../ui/dom.js";
import { formatCount, formatUsd } from "../util/format.js";
import { num, percent, table } from "./breakdowns.js";

/**
 * The debrief per crew (docs/classroom.md, "Debrief per crew"): one table for the defender's sectors
 * (what was sent at each, what struck it, what its units shot, spent and killed) and one for the
 * attacker's strike planners (what each launched, how it ended, what it cost), so each student finds
 * their own row: it names who held the role.
 */

/** Who held a side's crew role in the match, "" when nobody did. */
function heldBy(seats: readonly SeatRecord[], side: string, role: string | null): string {
  const names = seats.filter((s) => s.role === side && s.crewRole === role).map((s) => s.name);
  return names.length > 0 ? ` · ${names.join(", ")}` : "";
}

export function sectorTable(crews: CrewReview, seats: readonly SeatRecord[]): HTMLElement {
  const rows = crews.sectors.map((s) =>
    h(
      "tr",
      { "data-sector": s.sector },
      h(
        "td",
        null,
        s.name,
        s.role ? h("div", { class: "muted" }, `${s.role}${heldBy(seats, "defender", s.role)}`) : null,
      ),
      num(formatCount(s.aimed)),
      num(formatCount(s.leaked)),
      num(formatCount(Math.round(s.casualties))),
      num(formatCount(s.shots)),
      num(formatUsd(s.spendUsd)),
      num(formatCount(s.kills)),
      num(s.kills > 0 ? formatUsd(s.spendUsd / s.kills) : "—"),
    ),
  );
  const header = [
    "sector",
    "threats sent at it",
    "struck it",
    "casualties",
    "shots by its units",
    "spent",
    "kills",
    "spent per kill",
  ];
  return table("sector-table", header, rows, "The scenario has no sectors.");
}

export function plannerTable(
  crews: CrewReview,
  scenario: CompiledScenario,
  seats: readonly SeatRecord[],
): HTMLElement {
  const zoneName = (id: string) => scenario.launchZones.find((z) => z.id === id)?.name ?? id;
  const rows = crews.planners.map((p) =>
    h(
      "tr",
      { "data-planner": p.role ?? "" },
      h(
        "td",
        null,
        p.title,
        h(
          "div",
          { class: "muted" },
          p.role ? `${p.role}${heldBy(seats, "attacker", p.role)}` : p.zones.map(zoneName).join(", "),
        ),
      ),
      num(formatCount(p.launched)),
      num(formatCount(p.leaked)),
      num(formatCount(p.intercepted)),
      num(formatCount(p.crashed)),
      num(percent(p.leaked, p.leaked + p.intercepted + p.crashed)),
      num(formatCount(p.decoys)),
      num(formatUsd(p.spendUsd)),
    ),
  );
  const header = [
    "strike planner",
    "threats launched",
    "got through",
    "intercepted",
    "came down",
    "leak rate",
    "decoys",
    "cost",
  ];
  return table("planner-table", header, rows, "The attacker has no strike planners.");
}
