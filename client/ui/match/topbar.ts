import type { MatchState } from "../../../shared/wire/state.js";
import { variantTitles } from "../../net/api.js";
import { formatClock, formatCountdown } from "../../util/format.js";
import { h, setText } from "../dom.js";
import { type MatchContext, type Part, PHASE_LABEL, playedVariants, roundName } from "./context.js";
import { crewTitle } from "./crew.js";

/** SKYSHIELD · scenario · night · phase · clock ×scale ▶ · timer · code · view · ? */
export class TopBar implements Part {
  readonly el: HTMLElement;
  private readonly scenarioEl = h("span", { testid: "scenario-name" });
  private readonly roundEl = h("span", { testid: "round", class: "round-long" });
  private readonly roundShortEl = h("span", { class: "round-short num" });
  private readonly phaseEl = h("span", { class: "badge", testid: "phase" });
  private readonly clockEl = h("span", {
    class: "clock",
    testid: "clock",
    title: "Simulated time into the night",
  });
  private readonly scaleEl = h("span", { class: "num", testid: "time-scale" });
  private readonly runEl = h("span", { testid: "run-state" });
  private readonly timerEl = h("span", { class: "num muted", testid: "phase-timer" });
  private readonly codeEl = h("span", { class: "code", testid: "match-code", title: "Join code" });
  private readonly viewEl = h("span", { class: "badge", testid: "view-badge" });
  private readonly seatSideEl = h("span", { class: "seat-side" });
  private readonly seatRoleEl = h("span", { class: "seat-role" });
  /** "defender · Sector North": the seat and its crew role (phones show the role alone). */
  private readonly seatEl = h(
    "span",
    { class: "muted", testid: "seat-badge" },
    this.seatSideEl,
    this.seatRoleEl,
  );

  constructor(
    private readonly ctx: MatchContext,
    onHelp: () => void,
  ) {
    this.el = h(
      "div",
      { class: "topbar-inner", style: "display:contents" },
      h("span", { class: "brand" }, "SKYSHIELD"),
      this.scenarioEl,
      h("span", { class: "sep" }, "·"),
      this.roundEl,
      this.roundShortEl,
      this.phaseEl,
      this.clockEl,
      this.scaleEl,
      this.runEl,
      this.timerEl,
      h("span", { class: "spacer" }),
      this.seatEl,
      this.viewEl,
      h("span", null, h("span", { class: "code-label" }, "code "), this.codeEl),
      h(
        "button",
        { class: "small", title: "Keyboard shortcuts (?)", "aria-label": "Help", onclick: onHelp },
        "?",
      ),
    );
  }

  update(state: MatchState): void {
    const { scenario, session } = this.ctx;
    const variants = variantTitles(scenario.variants, playedVariants(state));
    setText(this.scenarioEl, [state.scenarioName || scenario.name, ...variants].join(" + "));
    setText(
      this.roundEl,
      state.round > 0 ? `${roundName(scenario, state.round)} ${state.round}/${state.rounds}` : "",
    );
    setText(this.roundShortEl, state.round > 0 ? `${state.round}/${state.rounds}` : "");
    setText(this.phaseEl, PHASE_LABEL[state.phase] ?? state.phase);
    this.phaseEl.className = `badge phase-${state.phase}`;
    setText(this.scaleEl, `×${Math.round(state.timeScale)}`);
    const running = state.phase === "live" && !state.paused && !state.waitingForConfirm;
    // Plain words rather than a pause glyph: not every projector's fonts have U+23F8.
    setText(
      this.runEl,
      state.paused ? "paused" : state.waitingForConfirm ? "waiting for seats" : running ? "▶" : "",
    );
    this.runEl.className = state.paused || state.waitingForConfirm ? "badge halted" : "";
    const timer =
      state.phase === "debrief" ? "room closes in" : `${PHASE_LABEL[state.phase] ?? state.phase} ends in`;
    setText(
      this.timerEl,
      state.phaseSecondsLeft >= 0 ? `${timer} ${formatCountdown(state.phaseSecondsLeft)}` : "",
    );
    setText(this.codeEl, state.code);
    const watcher = this.ctx.role === "instructor" || this.ctx.role === "spectator";
    this.viewEl.hidden = !watcher;
    setText(this.viewEl, `view: ${session.view}`);
    const seat = session.welcome ? state.seats.get(session.welcome.seatId) : undefined;
    const crew = crewTitle(scenario, seat);
    setText(this.seatSideEl, session.welcome ? `${this.ctx.role}${crew ? " · " : ""}` : "");
    setText(this.seatRoleEl, crew);
    this.seatEl.classList.toggle("with-role", crew !== "");
  }

  /** The clock ticks every frame from the local extrapolation, not only on patches. */
  tick(simSec: number): void {
    setText(this.clockEl, formatClock(simSec));
  }
}
