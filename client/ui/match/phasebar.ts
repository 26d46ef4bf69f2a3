import type { MatchState } from "../../../shared/wire/state.js";
import { formatCountdown } from "../../util/format.js";
import { h, setText } from "../dom.js";
import { emptyNightRoles, type MatchContext, mySeat, type Part, roleList } from "./context.js";
import { readySpeakers, seatRights } from "./rights.js";

const HINT: Record<string, string> = {
  lobby: "Waiting for the instructor to start planning.",
  planning: "Plan now; the other side cannot see your plan. Press Ready when done.",
  live: "The night is running. Give orders as the picture develops.",
  assessment: "The night is over: review losses, stocks and resupply.",
  debrief: "The exercise is over.",
};

/** The same for a crew role that does not say Ready: its commander does (docs/classroom.md). */
const CREW_HINT: Record<string, string> = {
  planning: "Plan now; the other side cannot see your plan. Your commander says Ready for the side.",
  assessment: "The night is over: review losses and stocks. Your commander says Ready for the side.",
};

/** A player's phase line: what to do now, the timer, Ready (planning) and Confirm (wego pauses). */
export class PhaseBar implements Part {
  readonly el: HTMLElement;
  private readonly hint = h("p", { class: "muted", style: "margin:4px 0", testid: "phase-hint" });
  private readonly timer = h("span", { class: "num" });
  private readonly ready: HTMLButtonElement;
  private readonly confirm: HTMLButtonElement;
  private isReady = false;

  constructor(private readonly ctx: MatchContext) {
    this.ready = h("button", {
      class: "primary",
      testid: "ready",
      onclick: () => ctx.session.send("ready", { ready: !this.isReady }, this.ready),
    });
    this.confirm = h(
      "button",
      { class: "primary", testid: "confirm", onclick: () => ctx.session.send("confirm", {}, this.confirm) },
      "Continue",
    );
    this.el = h(
      "div",
      { style: "margin-bottom:8px" },
      this.hint,
      h("div", { class: "row" }, this.ready, this.confirm, h("span", { class: "grow" }), this.timer),
    );
  }

  update(state: MatchState): void {
    this.isReady = mySeat(this.ctx, state)?.ready ?? false;
    setText(this.hint, this.hintFor(state));
    const timed = state.phaseSecondsLeft >= 0 && state.phase !== "debrief";
    setText(this.timer, timed ? `${formatCountdown(state.phaseSecondsLeft)} left` : "");
    const readyPhase = state.phase === "planning" || state.phase === "assessment" || state.phase === "lobby";
    const speaks = seatRights(this.ctx, state)?.gives("ready") ?? true;
    this.ready.hidden = !(readyPhase && speaks);
    setText(this.ready, this.isReady ? "Ready ✓ (press again to undo)" : "Ready");
    this.ready.classList.toggle("on", this.isReady);
    this.ready.setAttribute("aria-pressed", String(this.isReady));
    this.confirm.hidden = !(speaks && state.phase === "live" && state.waitingForConfirm);
  }

  /** What to do now; once ready, who the match is waiting for. */
  private hintFor(state: MatchState): string {
    const speaks = seatRights(this.ctx, state)?.gives("ready") ?? true;
    if (state.waitingForConfirm)
      return speaks
        ? "Paused for a decision: press Continue when your orders are given."
        : "Paused for a decision: give your orders; your commander presses Continue.";
    if (state.paused) return "The instructor has paused the night.";
    const empty = state.phase === "planning" ? emptyNightRoles(state) : [];
    if (this.isReady && empty.length > 0)
      return `Ready. Waiting for ${roleList(empty)} to join: the night starts once every side is ready, or when the instructor starts it.`;
    const speakers = new Set(readySpeakers(this.ctx, state));
    if (this.isReady) {
      const others = [...state.seats.values()].filter((seat) => speakers.has(seat.id) && !seat.ready);
      const roles = [...new Set(others.map((s) => s.role))];
      if (roles.length > 0) return `Ready. Waiting for ${roleList(roles)} to be ready.`;
    }
    if (empty.length > 0)
      return `${HINT.planning} Nobody holds ${roleList(empty)} yet: the night waits for them.`;
    if (!speaks && state.phase in CREW_HINT) return CREW_HINT[state.phase];
    return HINT[state.phase] ?? "";
  }
}
