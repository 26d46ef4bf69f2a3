import type { ViewName } from "../../../shared/protocol.js";
import type { MatchState } from "../../../shared/wire/state.js";
import { h } from "../dom.js";
import type { MatchContext, Part } from "./context.js";

const VIEWS: ViewName[] = ["truth", "attacker", "defender"];

/** A spectator's only controls: whose picture to watch, follow mode, projector layout. Nothing that orders. */
export class SpectatorControls implements Part {
  readonly el: HTMLElement;
  private readonly buttons = new Map<ViewName, HTMLButtonElement>();

  constructor(private readonly ctx: MatchContext) {
    const seg = h("span", { class: "seg", role: "group", "aria-label": "View" });
    for (const view of VIEWS) {
      const b = h(
        "button",
        { testid: `view-${view}`, onclick: () => ctx.session.send("set-view", { view }, seg) },
        view,
      );
      this.buttons.set(view, b);
      seg.append(b);
    }
    const projector = h(
      "button",
      {
        class: "small",
        testid: "projector",
        title: "Larger counters and feed for a projector",
        onclick: () => projector.classList.toggle("on", document.body.classList.toggle("projector")),
      },
      "Projector",
    );
    projector.classList.toggle("on", document.body.classList.contains("projector"));
    this.el = h(
      "div",
      { testid: "spectator-controls" },
      h("h2", null, "Watching"),
      h("div", { class: "row" }, seg, projector),
    );
  }

  update(_state: MatchState): void {
    for (const [view, b] of this.buttons) {
      const on = view === this.ctx.session.view;
      b.classList.toggle("on", on);
      b.setAttribute("aria-pressed", String(on));
    }
  }
}
