import type { SeatFill, ViewName } from "../../../shared/protocol.js";
import type { MatchState, Seat } from "../../../shared/wire/state.js";
import { stored } from "../../net/storage.js";
import { formatClock } from "../../util/format.js";
import { type Confirmation, confirmAction } from "../confirm.js";
import { h, select, setText } from "../dom.js";
import { shareBlock } from "../share.js";
import { emptyNightRoles, type MatchContext, type Part, roleList } from "./context.js";
import { injectForm } from "./inject-form.js";

export const TIME_SCALES = [1, 10, 60, 300, 600];
const VIEWS: ViewName[] = ["truth", "attacker", "defender"];
const FILLS: SeatFill[] = ["plan", "bot:easy", "bot:normal", "bot:hard"];

function advanceLabel(state: MatchState): string {
  switch (state.phase) {
    case "lobby":
      return "Start planning";
    case "planning":
      return "Start the night";
    case "live":
      return "End the night";
    case "assessment":
      return state.round < state.rounds ? "Next round" : "Finish: debrief";
    default:
      return "Match over";
  }
}

/** The confirmation an advance needs, or null when it can be done at once. */
function advanceQuestion(state: MatchState, clock: string): Confirmation | null {
  switch (state.phase) {
    case "planning": {
      const empty = emptyNightRoles(state);
      if (empty.length === 0) return null;
      return {
        title: "Start the night with an empty seat?",
        body: `Nobody holds ${roleList(empty)}. The night will run without them: no one plans or gives orders on that side.`,
        confirm: "Start the night anyway",
        cancel: "Keep planning",
      };
    }
    case "live":
      return {
        title: "End the night now?",
        body: `The night is at ${clock}. Ending it now brings down every threat still in the air, cancels the salvos not yet launched and moves to the assessment; the night cannot be resumed.`,
        confirm: "End the night",
        cancel: "Keep it running",
      };
    case "assessment":
      return state.round < state.rounds
        ? null
        : {
            title: "Finish the exercise?",
            body: "This was the last night: the match ends and everyone moves to the debrief.",
            confirm: "Finish: debrief",
            cancel: "Stay in the assessment",
          };
    case "lobby":
    case "debrief":
      return null;
    default:
      return null;
  }
}

/** The white cell: view, clock, phases, injects, seats, and the join code with its QR. */
export class InstructorConsole implements Part {
  readonly el: HTMLElement;
  private readonly pause: HTMLButtonElement;
  private readonly advance: HTMLButtonElement;
  private readonly scale = h("input", {
    type: "range",
    min: "1",
    max: "600",
    step: "1",
    testid: "time-scale-input",
    "aria-label": "Time scale",
  });
  private readonly scaleOut = h("span", { class: "num" });
  private readonly views = new Map<ViewName, HTMLButtonElement>();
  private readonly seats = h("div", { testid: "seats" });
  private readonly share = h("div");
  private seatsKey = "";
  private shareCode = "";
  private paused = false;

  constructor(private readonly ctx: MatchContext) {
    const { session, scenario } = ctx;
    this.pause = h("button", { testid: "pause", onclick: () => this.togglePause() }, "Pause");
    this.advance = h("button", {
      class: "primary",
      testid: "advance-phase",
      onclick: () => void this.advancePhase(),
    });
    this.scale.addEventListener("input", () => setText(this.scaleOut, `×${this.scale.value}`));
    this.scale.addEventListener("change", () => this.setScale(Number(this.scale.value), this.scale));
    const presets = h(
      "div",
      { class: "row" },
      ...TIME_SCALES.map((s, i) =>
        h(
          "button",
          {
            class: "small",
            title: `Key ${i + 1}`,
            onclick: (e: Event) => this.setScale(s, e.currentTarget as HTMLElement),
          },
          `×${s}`,
        ),
      ),
    );
    const viewSeg = h("span", { class: "seg", role: "group", "aria-label": "View" });
    for (const view of VIEWS) {
      const b = h(
        "button",
        { testid: `view-${view}`, onclick: () => session.send("set-view", { view }, viewSeg) },
        view,
      );
      this.views.set(view, b);
      viewSeg.append(b);
    }
    const msel = scenario.msel.map((m) => {
      const fire: HTMLButtonElement = h(
        "button",
        {
          class: "small",
          testid: `fire-inject-${m.id}`,
          onclick: () => session.send("fire-inject", { injectId: m.id }, fire),
        },
        "Fire",
      );
      return h(
        "div",
        { class: "card" },
        h("div", { class: "row" }, h("span", { class: "title grow" }, m.title), fire),
        h(
          "div",
          { class: "meta" },
          `night ${m.round} · T+${formatClock(m.atSec)} · ${m.inject.type}${m.auto ? " · automatic" : ""}`,
        ),
      );
    });
    this.el = h(
      "div",
      { testid: "instructor-console" },
      h("h2", null, "View"),
      viewSeg,
      h("h2", null, "Clock"),
      h("div", { class: "row" }, this.pause, this.advance),
      h("div", { class: "row", style: "margin-top:6px" }, this.scale, this.scaleOut),
      presets,
      h("h2", null, "Scheduled injects"),
      msel.length > 0
        ? h("div", { testid: "msel" }, ...msel)
        : h("p", { class: "muted" }, "This scenario schedules none."),
      h("details", null, h("summary", null, "Ad-hoc inject"), injectForm(ctx)),
      h("h2", null, "Seats"),
      this.seats,
      h("h2", null, "Join"),
      this.share,
    );
  }

  /** Move the match on; what cannot be undone (ending a night, starting one short of a side) asks first. */
  private async advancePhase(): Promise<void> {
    const state = this.ctx.session.state;
    if (!state) return;
    const question = advanceQuestion(state, formatClock(this.ctx.session.state?.clock ?? 0));
    if (question && !(await confirmAction(question))) return;
    this.ctx.session.send("advance-phase", {}, this.advance);
  }

  togglePause(): void {
    this.ctx.session.send(this.paused ? "resume" : "pause", {}, this.pause);
  }

  setScale(timeScale: number, anchor: HTMLElement | null): void {
    this.ctx.session.send("time-scale", { timeScale }, anchor);
  }

  update(state: MatchState): void {
    this.paused = state.paused;
    setText(this.pause, state.paused ? "Resume" : "Pause");
    this.pause.classList.toggle("on", state.paused);
    setText(this.advance, advanceLabel(state));
    this.advance.disabled = state.phase === "debrief";
    if (document.activeElement !== this.scale) {
      this.scale.value = String(Math.round(state.timeScale));
      setText(this.scaleOut, `×${Math.round(state.timeScale)}`);
    }
    for (const [view, b] of this.views) {
      b.classList.toggle("on", view === this.ctx.session.view);
      b.setAttribute("aria-pressed", String(view === this.ctx.session.view));
    }
    this.renderSeats(state);
    if (state.code && state.code !== this.shareCode) {
      this.shareCode = state.code;
      this.share.replaceChildren(
        h("div", { class: "code bigcode", style: "font-size:26px" }, state.code),
        shareBlock(state.code, {
          instructorKey:
            this.ctx.session.welcome?.instructorKey ?? stored.instructorKey(state.code) ?? undefined,
          spectatorKey: this.ctx.session.welcome?.spectatorKey,
        }),
      );
    }
  }

  private renderSeats(state: MatchState): void {
    const seats = [...state.seats.values()].filter((s) => s.role !== "spectator");
    const key = seats.map((s) => `${s.id}:${s.name}:${s.filledBy}:${s.connected}:${s.ready}`).join("|");
    if (key === this.seatsKey) return;
    this.seatsKey = key;
    this.seats.replaceChildren(...seats.map((s) => this.seatRow(s)));
  }

  private seatRow(seat: Seat): HTMLElement {
    const { session } = this.ctx;
    const own = seat.id === session.welcome?.seatId;
    const who =
      seat.filledBy === "" ? "open" : seat.filledBy === "human" ? seat.name || "human" : seat.filledBy;
    const actions = h("div", { class: "row", style: "margin-top:4px" });
    if (!own && seat.role !== "instructor") {
      const to = select(
        FILLS.map((f) => [f, f]),
        { "aria-label": "Give the seat to" },
      );
      const give: HTMLButtonElement = h(
        "button",
        {
          class: "small",
          testid: `assign-${seat.id}`,
          onclick: () => session.send("assign-seat", { seatId: seat.id, to: to.value as SeatFill }, give),
        },
        "Give to",
      );
      actions.append(give, to);
      if (seat.filledBy === "human") {
        const kick: HTMLButtonElement = h(
          "button",
          {
            class: "small danger",
            testid: `kick-${seat.id}`,
            onclick: () => session.send("kick", { seatId: seat.id }, kick),
          },
          "Kick",
        );
        actions.append(kick);
      }
    }
    return h(
      "div",
      { class: "card", testid: `seat-${seat.id}` },
      h(
        "div",
        { class: "row" },
        h("span", {
          class: `status-dot${seat.connected || seat.filledBy.startsWith("bot") || seat.filledBy === "plan" ? " on" : ""}`,
        }),
        h("span", { class: "title grow" }, seat.role),
        h("span", { class: "muted" }, `${who}${own ? " (you)" : ""}${seat.ready ? " · ready" : ""}`),
      ),
      actions,
    );
  }
}
