import { type AnalysisJob, type AnalysisRequest, MAX_ANALYSIS_RUNS } from "../../shared/analysis.js";
import { listScenarios, type ScenarioListing } from "../net/api.js";
import { field, fill, h, select, setText } from "../ui/dom.js";
import { describe } from "../ui/errors.js";
import { cancelAnalysis, getAnalysis, startAnalysis } from "./api.js";
import "./analysis.css";
import { type ConfigForm, configForm } from "./config-form.js";
import { resultView } from "./results.js";

/**
 * The what-if analysis screen: `#/analysis` (from the lobby: pick a scenario), `#/analysis?match=<id>`
 * (from a finished match's debrief: its scenario, the instructor key this tab holds for it) and
 * `#/analysis/<job id>` (reopen one). Pick the variants and seats of A (and B), the number of runs,
 * start; progress shows live and can be cancelled; the result replaces the progress when done.
 */

export type AnalysisRoute =
  | { page: "new"; matchId: string | null; scenario: string | null; variants: string[] }
  | { page: "job"; id: string };

export function parseAnalysisRoute(hash: string): AnalysisRoute | null {
  const match = /^#\/analysis(?:\/([\w-]+))?\/?(?:\?(.*))?$/.exec(hash);
  if (!match) return null;
  if (match[1]) return { page: "job", id: match[1] };
  const query = new URLSearchParams(match[2] ?? "");
  const variants = query.get("variants");
  return {
    page: "new",
    matchId: query.get("match"),
    scenario: query.get("scenario"),
    variants: variants ? variants.split(",") : [],
  };
}

const POLL_MS = 500;
const DEFAULT_RUNS = 20;

export interface AnalysisScreen {
  el: HTMLElement;
  destroy(): void;
}

export function analysisScreen(route: AnalysisRoute): AnalysisScreen {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => clearInterval(timer);
  const form = h("div", { class: "analysis-form" });
  const status = h("p", { class: "muted", testid: "analysis-status" });
  const bar = h("progress", { max: 1, value: 0, testid: "analysis-progress" });
  const cancel = h("button", { type: "button", testid: "analysis-cancel", hidden: true }, "Cancel");
  const results = h("div", { class: "analysis-results" });
  const el = h(
    "div",
    { class: "home analysis-page", testid: "analysis-page" },
    h(
      "header",
      null,
      h("h1", null, "What-if analysis"),
      h("a", { class: "button-link", href: "#/" }, "Lobby"),
    ),
    form,
    h("div", { class: "analysis-run" }, bar, status, cancel),
    results,
  );

  let partialRuns = 0;
  const show = (job: AnalysisJob) => {
    bar.max = Math.max(1, job.total);
    bar.value = job.done;
    const running = job.status === "queued" || job.status === "running";
    cancel.hidden = !running;
    const what = job.status === "queued" ? "waiting for the server" : job.status;
    setText(status, `${job.done} of ${job.total} runs — ${what}${job.error ? `: ${job.error}` : ""}`);
    if (!running) stop();
    if (job.result) fill(results, resultView(job.id, job.result));
    else if (job.partial && job.partial.runs !== partialRuns) {
      // Redrawn only when more runs are in: a poll with nothing new leaves the page as it is.
      partialRuns = job.partial.runs;
      fill(results, resultView(job.id, job.partial, job.request.runs));
    }
  };
  const watch = (id: string) => {
    stop();
    cancel.onclick = () => void cancelAnalysis(id).then(show, (e) => setText(status, describe(e)));
    const poll = () => getAnalysis(id).then(show, (e: unknown) => setText(status, describe(e)));
    timer = setInterval(poll, POLL_MS);
    void poll();
  };

  if (route.page === "job") watch(route.id);
  else {
    listScenarios().then(
      (scenarios) =>
        fill(
          form,
          requestForm(scenarios, route, status, (job) => {
            history.replaceState(null, "", `#/analysis/${job.id}`);
            fill(results);
            watch(job.id);
          }),
        ),
      (e: unknown) => setText(status, describe(e)),
    );
  }
  return { el, destroy: stop };
}

/** The scenario, runs, A and B; `started` gets the queued job. */
function requestForm(
  scenarios: ScenarioListing[],
  route: { matchId: string | null; scenario: string | null; variants: string[] },
  status: HTMLElement,
  started: (job: AnalysisJob) => void,
): HTMLElement {
  const { matchId } = route;
  const scenario = select(
    scenarios.map((s) => [s.id, s.name]),
    { testid: "analysis-scenario", disabled: matchId !== null, value: route.scenario ?? undefined },
  );
  const runs = h("input", {
    type: "number",
    min: 1,
    max: MAX_ANALYSIS_RUNS,
    value: DEFAULT_RUNS,
    testid: "analysis-runs",
  });
  const compare = h("input", { type: "checkbox", checked: true, testid: "analysis-compare" });
  const configs = h("div", { class: "configs" });
  let a: ConfigForm;
  let b: ConfigForm;
  const build = () => {
    const variants = scenarios.find((s) => s.id === scenario.value)?.variants ?? [];
    // From a match: A is the match as played, B the same night with the scenario's own plans.
    const played = matchId
      ? ({ attacker: "as-played", defender: "as-played", ally: "as-played" } as const)
      : {};
    a = configForm("A", variants, { variants: route.variants, ...played }, matchId !== null);
    b = configForm("B", variants, { variants: route.variants }, matchId !== null);
    fill(configs, a.el, b.el);
    b.el.hidden = !compare.checked;
  };
  scenario.onchange = build;
  compare.onchange = () => {
    b.el.hidden = !compare.checked;
  };
  build();
  const start = h(
    "button",
    { type: "button", class: "primary", testid: "analysis-start" },
    "Start the analysis",
  );
  start.onclick = () => {
    const request: AnalysisRequest = {
      ...(matchId ? { matchId } : { scenario: scenario.value }),
      runs: Number(runs.value),
      seedStart: 1,
      a: a.read(),
      ...(compare.checked ? { b: b.read() } : {}),
    };
    start.disabled = true;
    startAnalysis(request)
      .then(started, (e: unknown) => setText(status, describe(e)))
      .finally(() => {
        start.disabled = false;
      });
  };
  return h(
    "div",
    null,
    matchId
      ? h(
          "p",
          { class: "muted" },
          `From match ${matchId}: its scenario and variants, played again over many nights; "as played" gives a side's orders from the match again.`,
        )
      : null,
    h(
      "div",
      { class: "analysis-top" },
      field("Scenario", scenario),
      field("Runs (nights of chance)", runs, `1 to ${MAX_ANALYSIS_RUNS}, seeds 1, 2, …`),
      h("label", { class: "compare-toggle" }, compare, " Compare with a configuration B"),
    ),
    configs,
    start,
  );
}
