import { type MatchState, scoresOf } from "../../../shared/wire/state.js";
import { typeName } from "../../map/coverage.js";
import { variantTitles } from "../../net/api.js";
import type { Summary } from "../../net/messages.js";
import { h, setText } from "../dom.js";
import { variantsNote } from "../variants.js";
import { ResupplyPanel } from "./catalogue.js";
import { economyOf, type MatchContext, type Part, playedVariants, roundName } from "./context.js";
import { scoreAsSummary, summaryTable } from "./summary.js";
import { verdictLine, verdictWhy } from "./verdict.js";

/** The end of the exercise: the final summary over the map, which stays visible behind it. */
export class DebriefPanel implements Part {
  readonly el: HTMLElement;
  private readonly body = h("div");
  private readonly verdict = h("p", { testid: "winner", style: "font-size:16px;margin:2px 0 0" });
  private readonly off: () => void;
  private shown: Summary | null = null;

  constructor(
    private readonly ctx: MatchContext,
    onHome: () => void,
  ) {
    const hide = h("button", { onclick: () => this.el.remove() }, "Show the map");
    this.el = h(
      "section",
      { class: "debrief", testid: "debrief", "aria-label": "Debrief" },
      h(
        "div",
        { class: "row" },
        h("h1", { class: "grow" }, `Debrief · ${ctx.scenario.name}`),
        h(
          "a",
          {
            class: "button-link",
            href: `#/history/${ctx.session.welcome?.matchId ?? ""}`,
            testid: "debrief-charts",
          },
          "Charts and replay",
        ),
        hide,
        h("button", { onclick: onHome }, "Home"),
      ),
      variantsNote(variantTitles(ctx.scenario.variants, playedVariants(ctx.session.state))),
      this.verdict,
      this.body,
    );
    this.off = ctx.session.on("summary", () => this.render(ctx.session.state));
    this.render(ctx.session.state);
  }

  private render(state: MatchState | null): void {
    const summaries = this.ctx.session.summaries;
    const final = [...summaries].reverse().find((s) => s.final) ?? null;
    if (final && final === this.shown) return;
    this.shown = final;
    this.el.dataset.final = String(final !== null);
    const data = final?.summary ?? (state ? scoreAsSummary(state) : {});
    const winner = typeof data.winner === "string" ? data.winner : state?.winner;
    setText(this.verdict, winner ? verdictLine(winner) : final ? "" : "Waiting for the final summary…");
    this.body.replaceChildren(
      ...[verdictWhy(data, this.ctx.scenario), summaryTable(data, false, this.ctx.scenario)].filter(
        (el): el is HTMLElement => el !== null,
      ),
    );
  }

  update(state: MatchState): void {
    if (!this.shown) this.render(state);
  }

  destroy(): void {
    this.off();
  }
}

/** One line per damaged or unpowered asset (assets are public: every seat sees the same). */
export function damageLines(state: MatchState): HTMLElement[] {
  return [...state.assets.values()]
    .filter((a) => a.hp < a.hpMax || !a.powered)
    .map((a) =>
      h(
        "div",
        { class: "meta" },
        `${a.name}: ${a.hp <= 0 ? "destroyed" : `${Math.round((100 * a.hp) / a.hpMax)}% intact`}${a.powered ? "" : " · no power"}`,
      ),
    );
}

/** Between nights: what was lost and what leaked, stocks, and resupply for the defender. */
export class AssessmentPanel implements Part {
  readonly el: HTMLElement;
  private readonly losses = h("div", { testid: "losses" });
  private readonly stocks = h("div", { testid: "stocks" });
  private readonly roundSummary = h("div");
  private readonly resupply: ResupplyPanel | null;
  private readonly off: () => void;

  constructor(
    private readonly ctx: MatchContext,
    buysResupply = false,
  ) {
    this.resupply = ctx.role === "defender" && buysResupply ? new ResupplyPanel(ctx) : null;
    this.el = h(
      "div",
      { testid: "assessment" },
      h("h2", null, "Losses"),
      this.losses,
      h("h2", null, "Stocks"),
      this.stocks,
      this.resupply?.el ?? null,
      h("h2", null, "This night"),
      this.roundSummary,
    );
    this.off = ctx.session.on("summary", (s) => {
      if (!s.final) this.roundSummary.replaceChildren(summaryTable(s.summary, true));
    });
    const last = ctx.session.summaries.at(-1);
    if (last && !last.final) this.roundSummary.replaceChildren(summaryTable(last.summary, true));
  }

  update(state: MatchState): void {
    const lines = damageLines(state);
    const s = scoresOf(state);
    this.losses.replaceChildren(
      h(
        "div",
        null,
        `${s.threats_leaked} leaked · ${s.threats_intercepted} intercepted · ${Math.round(s.casualties)} casualties`,
      ),
      ...(lines.length > 0 ? lines : [h("div", { class: "meta" }, "No asset damaged.")]),
    );
    const side = this.ctx.role === "attacker" ? "attacker" : "defender";
    const economy = economyOf(state, side);
    const rows = economy
      ? [...economy.stocks.entries()].map(([layer, n]) =>
          h("div", { class: "meta" }, `${typeName(this.ctx.scenario, layer)}: ${n} in depot`),
        )
      : [];
    this.stocks.replaceChildren(...(rows.length > 0 ? rows : [h("div", { class: "meta" }, "—")]));
    if (this.roundSummary.childElementCount === 0) {
      this.roundSummary.replaceChildren(
        h("p", { class: "muted" }, `${roundName(this.ctx.scenario, state.round)} is over.`),
      );
    }
  }

  destroy(): void {
    this.off();
  }
}
