import { listScenarios, type ScenarioListing, variantTitles } from "../net/api.js";
import { field, h, select } from "../ui/dom.js";
import { describe } from "../ui/errors.js";
import { type HistoryFilter, listHistory, type MatchListing } from "./api.js";

const RESULTS: [string, string][] = [
  ["", "any result"],
  ["defender", "defender won"],
  ["attacker", "attacker won"],
  ["draw", "draw"],
  ["running", "still running"],
  ["abandoned", "abandoned"],
];

/** The history page: past matches with filters; each opens its debrief or its replay. */
export function historyListScreen(): { el: HTMLElement; destroy(): void } {
  const scenario = select([["", "any scenario"]], { testid: "filter-scenario" });
  const from = h("input", { type: "date", testid: "filter-from" });
  const to = h("input", { type: "date", testid: "filter-to" });
  const result = select(RESULTS, { testid: "filter-result" });
  const body = h("tbody", { testid: "history-rows" });
  const status = h("p", { class: "muted", testid: "history-status" });
  const load = async () => {
    const filter: HistoryFilter = {
      scenario: scenario.value,
      from: from.value,
      to: to.value,
      result: result.value,
    };
    status.textContent = "Loading…";
    try {
      const [matches, scenarios] = await Promise.all([listHistory(filter), listScenarios().catch(() => [])]);
      body.replaceChildren(...matches.map((m) => row(m, scenarios)));
      status.textContent = matches.length
        ? `${matches.length} match${matches.length === 1 ? "" : "es"}`
        : "No recorded match fits.";
    } catch (error) {
      status.textContent = describe(error);
    }
  };
  for (const control of [scenario, from, to, result]) control.addEventListener("change", () => void load());
  listScenarios().then(
    (list) => scenario.append(...list.map((s) => h("option", { value: s.id }, s.name))),
    () => undefined,
  );
  void load();
  const el = h(
    "div",
    { class: "home history-page", testid: "history-list" },
    h(
      "header",
      null,
      h("h1", null, "Match history"),
      h("p", null, "Every match is recorded: replay it, read its debrief, export it."),
    ),
    h(
      "div",
      { class: "row history-filters" },
      field("Scenario", scenario),
      field("From", from),
      field("To", to),
      field("Result", result),
      h("a", { href: "#/", class: "button-link" }, "Home"),
    ),
    status,
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "history-table" },
        h(
          "thead",
          null,
          h("tr", null, ...["date", "scenario", "seats", "result", "", ""].map((c) => h("th", null, c))),
        ),
        body,
      ),
    ),
  );
  return { el, destroy: () => undefined };
}

function row(match: MatchListing, scenarios: readonly ScenarioListing[]): HTMLElement {
  const variants = variantTitles(scenarios.find((s) => s.id === match.scenario)?.variants, match.variants);
  const people = match.seats
    .filter((s) => s.role !== "spectator")
    .map((s) => `${s.role}: ${s.filledBy === "human" ? s.name || "—" : s.filledBy}`)
    .join(", ");
  const result =
    match.status === "finished"
      ? match.winner
        ? `${match.winner} won`
        : "ended"
      : match.status === "running"
        ? "running"
        : "abandoned";
  return h(
    "tr",
    { testid: "history-row", "data-id": match.id },
    h("td", { class: "num" }, new Date(match.createdAt).toLocaleString()),
    h(
      "td",
      null,
      match.scenarioName,
      match.branchOf ? h("span", { class: "muted" }, " (branch)") : null,
      variants.length > 0
        ? h("div", { class: "muted", testid: "history-variants" }, variants.join("; "))
        : null,
    ),
    h("td", null, people),
    h("td", { "data-result": match.status === "finished" ? (match.winner ?? "") : match.status }, result),
    h(
      "td",
      null,
      h("a", { href: `#/history/${match.id}`, class: "button-link", testid: "open-debrief" }, "Debrief"),
    ),
    h(
      "td",
      null,
      h("a", { href: `#/history/${match.id}/replay`, class: "button-link", testid: "open-replay" }, "Replay"),
    ),
  );
}
