import type { CompiledScenario } from "../../../shared/compiled.js";
import type { Reckoning } from "../../../sim/api.js";
import { formatUsd } from "../../util/format.js";
import { h } from "../dom.js";

const WINNER: Record<string, string> = {
  defender: "The defence held.",
  attacker: "The attacker prevailed.",
  draw: "A draw.",
};

export function verdictLine(winner: string | null | undefined): string {
  return winner ? (WINNER[winner] ?? winner) : "";
}

function isReckoning(value: unknown): value is Reckoning {
  return typeof value === "object" && value !== null && typeof (value as Reckoning).imposedUsd === "number";
}

/**
 * Why the winner won, in the rule's own figures: what the attack cost, what it imposed on the defence
 * (each priced loss and the interceptors fired), which was larger, and how the match ended.
 */
export function verdictWhy(summary: Record<string, unknown>, scenario: CompiledScenario): HTMLElement | null {
  const r = summary.reckoning;
  if (!isReckoning(r)) return null;
  const { scoring } = scenario;
  const terms: [string, number, string][] = [
    ["assets destroyed or damaged", r.damageValueUsd, "their value × the share of hit points lost"],
    ["casualties", r.casualtiesUsd, `${formatUsd(scoring.usdPerCasualty)} each`],
    ["blackout", r.blackoutUsd, `${formatUsd(scoring.usdPerBlackoutPopulationHour)} per person-hour`],
    ["escalation", r.escalationUsd, `${formatUsd(scoring.usdPerEscalationPoint)} per point`],
    ["penalties", r.penaltiesUsd, "from escalation rules"],
    ["interceptors fired", r.defenderSpendUsd, "the defence's munitions spend"],
  ];
  const comparison =
    r.imposedUsd > r.attackerSpendUsd
      ? "more than"
      : r.imposedUsd < r.attackerSpendUsd
        ? "less than"
        : "as much as";
  const ended =
    r.endReason && r.endReason !== "all rounds played" ? ` The match ended early: ${r.endReason}.` : "";
  return h(
    "div",
    { class: "verdict-why", testid: "verdict-why" },
    h(
      "p",
      null,
      `The rule: the attacker wins when what it imposed on the defence is more than what its own threats cost. It imposed ${formatUsd(r.imposedUsd)}, ${comparison} the ${formatUsd(r.attackerSpendUsd)} its threats cost.${ended}`,
    ),
    h(
      "table",
      { class: "compact reckoning" },
      h(
        "tbody",
        null,
        ...terms
          .filter(([, usd]) => usd > 0)
          .map(([name, usd, how]) =>
            h(
              "tr",
              null,
              h("td", null, name),
              h("td", null, h("b", null, formatUsd(usd))),
              h("td", { class: "muted" }, how),
            ),
          ),
        h(
          "tr",
          null,
          h("td", null, "imposed in all"),
          h("td", null, h("b", null, formatUsd(r.imposedUsd))),
          h("td"),
        ),
        h(
          "tr",
          null,
          h("td", null, "the attack's own cost"),
          h("td", null, h("b", null, formatUsd(r.attackerSpendUsd))),
          h("td", { class: "muted" }, "every threat launched"),
        ),
      ),
    ),
  );
}
