import type { CompiledScenario } from "../../shared/compiled.js";
import type { LayerRow, RoundTally } from "../../sim/review/aar.js";
import { variantTitles } from "../net/api.js";
import { stored } from "../net/storage.js";
import { h } from "../ui/dom.js";
import { describe } from "../ui/errors.js";
import { escalationScale } from "../ui/match/summary.js";
import { verdictLine, verdictWhy } from "../ui/match/verdict.js";
import { variantsNote } from "../ui/variants.js";
import { formatClock, formatCount, formatPopulation, formatUsd } from "../util/format.js";
import { type AarReply, downloads, getAar, getDetails, getScenario, type MatchDetails } from "./api.js";
import { classTable, coalitionTable, decoyLine, stockTable } from "./breakdowns.js";
import { type Marker, timeChart } from "./charts.js";
import { plannerTable, sectorTable } from "./crew-breakdowns.js";
import { leakMap } from "./leak-map.js";
import { postsBySide } from "./side-posts.js";

/** Okabe–Ito: colour-blind-safe line colours. */
const LINE_COLORS = ["#56b4e9", "#e69f00", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999"];

/**
 * The after-action review of a recorded match: headline figures, timeline charts, intercepts and leaks
 * by threat type per round, where threats leaked and why, what each layer shot and what a kill cost.
 */
export function debriefScreen(matchId: string): { el: HTMLElement; destroy(): void } {
  const status = h(
    "p",
    { class: "muted", testid: "debrief-status" },
    "Re-simulating the match for the debrief…",
  );
  const el = h("div", { class: "home history-page", testid: "history-debrief" }, status);
  const charts: ReturnType<typeof timeChart>[] = [];
  const onResize = () => fitCharts(el, charts);
  window.addEventListener("resize", onResize);
  Promise.all([getDetails(matchId), getAar(matchId), getScenario(matchId)]).then(
    ([details, aar, scenario]) => {
      el.replaceChildren(...render(details, aar, scenario, charts));
      requestAnimationFrame(onResize);
    },
    (error: unknown) => {
      status.textContent = `The debrief could not be built: ${describe(error)}`;
      status.className = "inline-error";
    },
  );
  return {
    el,
    destroy: () => {
      window.removeEventListener("resize", onResize);
      for (const chart of charts) chart.destroy();
    },
  };
}

function fitCharts(page: HTMLElement, charts: ReturnType<typeof timeChart>[]): void {
  const width = page.querySelector(".chart-grid figure")?.clientWidth;
  if (width) for (const chart of charts) chart.resize(width - 16);
}

function render(
  details: MatchDetails,
  aar: AarReply,
  scenario: CompiledScenario,
  charts: ReturnType<typeof timeChart>[],
): HTMLElement[] {
  const links = downloads(details.id);
  const s = aar.summary;
  const header = h(
    "header",
    null,
    h("h1", null, `Debrief · ${scenario.name}`),
    variantsNote(variantTitles(scenario.variants, details.variants)),
    h(
      "p",
      null,
      `${new Date(details.createdAt).toLocaleString()} · code ${details.code} · seed ${details.seed} · `,
      h("b", { testid: "debrief-verdict" }, s.winner ? verdictLine(s.winner) : "Not finished."),
    ),
    s.winner ? verdictWhy(s as unknown as Record<string, unknown>, scenario) : null,
    h(
      "div",
      { class: "row" },
      h(
        "a",
        { class: "button-link primary", href: `#/history/${details.id}/replay`, testid: "open-replay" },
        "Replay",
      ),
      h("a", { class: "button-link", href: "#/history" }, "History"),
      h(
        "a",
        { class: "button-link", href: links.json, download: "", testid: "download-json" },
        "Record (JSON)",
      ),
      h(
        "a",
        { class: "button-link", href: links.events, download: "", testid: "download-events" },
        "Events (CSV)",
      ),
      h(
        "a",
        { class: "button-link", href: links.layers, download: "", testid: "download-layers" },
        "Layers (CSV)",
      ),
      // Analyses from a match are its instructor's: offered where this tab holds the match's key.
      stored.matchKey(details.id)
        ? h(
            "a",
            {
              class: "button-link",
              href: `#/analysis?match=${encodeURIComponent(details.id)}&scenario=${encodeURIComponent(details.scenario)}&variants=${details.variants.map(encodeURIComponent).join(",")}`,
              testid: "open-analysis",
            },
            "What-if analysis",
          )
        : null,
    ),
    verification(aar, details.status),
  );
  const figures = h(
    "div",
    { class: "debrief-figures", testid: "debrief-figures" },
    ...(
      [
        ["launched", formatCount(s.threats_launched)],
        ["intercepted", formatCount(s.threats_intercepted)],
        ["leaked", formatCount(s.threats_leaked)],
        ["leak rate", `${Math.round(100 * s.leak_rate)}%`],
        ["cost exchange", s.cost_exchange.toFixed(2)],
        ["defence spent", formatUsd(s.defender_spend_usd)],
        ["attack spent", formatUsd(s.attacker_spend_usd)],
        ["casualties", formatCount(s.casualties)],
        ["blackout (person-hours)", formatPopulation(s.blackout_population_hours)],
        [escalationLabel(scenario), s.escalation.toFixed(1)],
      ] as const
    ).map(([label, value]) => h("div", { class: "figure" }, h("b", null, value), h("span", null, label))),
  );
  charts.push(...timeCharts(aar));
  return [
    header,
    figures,
    h("h2", null, "Over time"),
    h("div", { class: "chart-grid" }, ...charts.map((c) => c.el)),
    h("h2", null, "Intercepts and leaks by threat type"),
    roundTable(aar.perRound, scenario),
    h("h2", null, "Where threats leaked, and why"),
    leakMap(scenario, aar.leaks),
    h("h2", null, "Defensive layers"),
    layerTable(aar.layers),
    h("h2", null, "By sector: what each sector officer's area suffered and fired"),
    sectorTable(aar.crews, details.seats),
    h("h2", null, "By strike planner: what each planner's salvos did"),
    plannerTable(aar.crews, scenario, details.seats),
    h("h2", null, "Threats by class, and the warning they gave"),
    classTable(s),
    decoyLine(s),
    h("h2", null, "Who intercepted, and incidents by nation"),
    coalitionTable(s, scenario),
    h("h2", null, "Interceptors left, night by night"),
    stockTable(s, scenario),
    h("h2", null, "Crew chat and markers"),
    postsBySide(details.sidePosts),
    h("h2", null, "Bookmarks"),
    h(
      "ul",
      { testid: "debrief-bookmarks" },
      ...(aar.bookmarks.length
        ? aar.bookmarks.map((b) =>
            h("li", null, `Round ${b.round} ${formatClock(b.t)} — ${b.note} (${b.author})`),
          )
        : [h("li", { class: "muted" }, "None.")]),
    ),
  ];
}

/** "escalation (of 300)": the level at which escalation ends the match, so the figure has a scale. */
function escalationLabel(scenario: CompiledScenario): string {
  const top = escalationScale(scenario);
  return top === null ? "escalation" : `escalation (of ${top})`;
}

function verification(aar: AarReply, status: MatchDetails["status"]): HTMLElement {
  const check = aar.verification;
  if (!check) {
    const text =
      status === "abandoned"
        ? "This match was abandoned before it ended: the figures are up to where it stopped."
        : "The match is still running: figures so far.";
    return h("p", { class: "muted", testid: "verification" }, text);
  }
  if (check.equal) {
    return h(
      "p",
      { class: "verified", testid: "verification" },
      "✓ Replay verified: re-simulating the record from its seed reproduced the result.",
    );
  }
  return h(
    "p",
    { class: "inline-error", testid: "verification" },
    `The replay does not reproduce the recorded result (${check.differences.slice(0, 3).join("; ")}). The figures below are the replay's.`,
  );
}

function timeCharts(aar: AarReply): ReturnType<typeof timeChart>[] {
  const { series } = aar;
  const rounds: Marker[] = aar.rounds.slice(1).map((r) => ({ x: r.offsetSec, label: r.name }));
  const xOf = (round: number, t: number) => {
    const span = aar.rounds.find((r) => r.round === round);
    return span ? span.offsetSec + Math.min(t, span.liveSec) : 0;
  };
  const bookmarks: Marker[] = aar.bookmarks.map((b) => ({ x: xOf(b.round, b.t), label: b.note }));
  const common = { x: series.x, rounds, bookmarks };
  const layers = Object.entries(series.stocks);
  return [
    timeChart({
      ...common,
      title: "Threats in the air",
      testid: "chart-in-air",
      lines: [{ label: "in the air", values: series.threatsInAir, color: "#ff5a4e" }],
    }),
    timeChart({
      ...common,
      title: "Intercepted and leaked (running total)",
      testid: "chart-outcomes",
      lines: [
        { label: "intercepted", values: series.intercepted, color: "#009e73" },
        { label: "leaked", values: series.leaked, color: "#e69f00", dash: [6, 3] },
      ],
    }),
    timeChart({
      ...common,
      title: "Spend and cost exchange",
      testid: "chart-spend",
      yFormat: formatUsd,
      y2Format: (v) => v.toFixed(1),
      lines: [
        { label: "defence spend", values: series.defenderSpendUsd, color: "#56b4e9", format: formatUsd },
        {
          label: "attack spend",
          values: series.attackerSpendUsd,
          color: "#d55e00",
          format: formatUsd,
          dash: [6, 3],
        },
        {
          label: "cost exchange",
          values: series.costExchange,
          color: "#f0e442",
          scale: "y2",
          format: (v) => v.toFixed(2),
        },
      ],
    }),
    timeChart({
      ...common,
      title: "Interceptor stocks by layer",
      testid: "chart-stocks",
      lines: layers.map(([layer, values], i) => ({
        label: layer,
        values,
        color: LINE_COLORS[i % LINE_COLORS.length],
      })),
    }),
    timeChart({
      ...common,
      title: "Escalation",
      testid: "chart-escalation",
      lines: [{ label: "escalation", values: series.escalation, color: "#cc79a7" }],
    }),
  ];
}

function roundTable(perRound: RoundTally[], scenario: CompiledScenario): HTMLElement {
  const types = [...new Set(perRound.flatMap((r) => Object.keys(r.launched)))].sort();
  const name = (id: string) => scenario.catalogue.threats[id]?.name ?? id;
  const bar = (n: number, of: number, cls: string) =>
    h("span", { class: `bar ${cls}`, style: `width:${of > 0 ? Math.round((100 * n) / of) : 0}%` });
  const head = h(
    "tr",
    null,
    h("th", null, "threat type"),
    ...perRound.map((r) => h("th", null, `round ${r.round}: intercepted · leaked · crashed / launched`)),
  );
  const rows = types.map((type) =>
    h(
      "tr",
      null,
      h("td", null, name(type)),
      ...perRound.map((r) => {
        const launched = r.launched[type] ?? 0;
        const [intercepted, leaked, crashed] = [r.intercepted, r.leaked, r.crashed].map((c) => c[type] ?? 0);
        return h(
          "td",
          { class: "num tally" },
          h(
            "span",
            { class: "bars" },
            bar(intercepted, launched, "ok"),
            bar(leaked, launched, "bad"),
            bar(crashed, launched, "gone"),
          ),
          `${intercepted} · ${leaked} · ${crashed} / ${launched}`,
        );
      }),
    ),
  );
  return h(
    "div",
    { class: "table-scroll" },
    h("table", { class: "round-table", testid: "round-table" }, head, ...rows),
  );
}

function layerTable(layers: LayerRow[]): HTMLElement {
  const head = h(
    "tr",
    null,
    ...[
      "layer",
      "shots",
      "kills",
      "misses",
      "kill probability achieved",
      "spent",
      "cost per kill",
      "spoofed",
    ].map((c) => h("th", null, c)),
  );
  const rows = layers.map((l) =>
    h(
      "tr",
      { "data-layer": l.layer },
      h("td", null, l.name),
      h("td", { class: "num" }, formatCount(l.shots)),
      h("td", { class: "num" }, formatCount(l.kills)),
      h("td", { class: "num" }, formatCount(l.misses)),
      h("td", { class: "num" }, l.pkAchieved === null ? "—" : `${Math.round(100 * l.pkAchieved)}%`),
      h("td", { class: "num" }, formatUsd(l.spendUsd)),
      h("td", { class: "num" }, l.costPerKillUsd === null ? "—" : formatUsd(l.costPerKillUsd)),
      h("td", { class: "num" }, l.spoofed ? formatCount(l.spoofed) : "—"),
    ),
  );
  if (rows.length === 0)
    rows.push(h("tr", null, h("td", { colspan: "8", class: "muted" }, "No layer fired.")));
  return h("div", { class: "table-scroll" }, h("table", { testid: "layer-table" }, head, ...rows));
}
