import { type MatchState, pictureOf, scoresOf } from "../../../shared/wire/state.js";
import { formatCount, formatPopulation, formatRatio, formatUsd } from "../../util/format.js";
import { h, setText } from "../dom.js";
import type { MatchContext, Part } from "./context.js";

const METER_CELLS = 5;

/** The counters of the bottom bar of docs/screen.md, each with a stable test id. */
export class BottomBar implements Part {
  readonly el: HTMLElement;
  private readonly values = new Map<string, HTMLElement>();
  private readonly meter = h("span", { class: "meter", testid: "escalation-meter", "aria-hidden": "true" });
  private readonly meterMax: number;
  private readonly population: Map<string, number>;

  constructor(ctx: MatchContext) {
    const thresholds = ctx.scenario.escalation.triggers
      .map((t) => (t.when.kind === "escalation-at-least" ? t.when.value : 0))
      .filter((v) => v > 0);
    this.meterMax = thresholds.length > 0 ? Math.max(...thresholds) : 10;
    this.population = new Map(ctx.scenario.assets.map((a) => [a.id, a.population ?? 0]));
    for (let i = 0; i < METER_CELLS; i++) this.meter.append(h("i"));
    const stat = (id: string, label: string, title: string, cls = "") => {
      const b = h("b", { testid: `stat-${id}` });
      this.values.set(id, b);
      return h("span", { class: `stat ${cls}`, title }, label, b);
    };
    this.el = h(
      "div",
      { style: "display:contents" },
      stat("launched", "launched", "Threats launched so far (that this view knows of)"),
      stat("intercepted", "intercepted", "Threats destroyed by interceptors", "good"),
      stat("leaked", "leaked", "Threats that reached their target area", "bad"),
      stat("in-air", "in air", "Tracks in the air now"),
      h("span", { class: "divider" }),
      stat("spend", "spend", "Defender spend vs attacker spend"),
      stat(
        "cost-exchange",
        "cost-exchange",
        "Defender spend ÷ attacker spend: above 1 the attacker is winning the war of stockpiles",
      ),
      stat("interceptors", "interceptors left", "Interceptors in launchers and depots"),
      h("span", { class: "divider" }),
      h(
        "span",
        { class: "stat", title: "Escalation with the neighbours" },
        "escalation",
        this.meter,
        h("b", { testid: "stat-escalation" }),
      ),
      stat("blackout", "blackout", "Population without power now · population-hours so far", "bad"),
      stat("casualties", "casualties", "Casualties so far", "bad"),
    );
  }

  private set(id: string, text: string): void {
    const el = this.values.get(id);
    if (el) setText(el, text);
  }

  update(state: MatchState): void {
    const picture = pictureOf(state);
    const s = scoresOf(state);
    this.set("launched", formatCount(s.threats_launched));
    this.set("intercepted", formatCount(s.threats_intercepted));
    this.set("leaked", formatCount(s.threats_leaked));
    this.set("in-air", formatCount(state.tracks.size));
    this.set("spend", `${formatUsd(s.defender_spend_usd)} vs ${formatUsd(s.attacker_spend_usd)}`);
    this.set("cost-exchange", formatRatio(s.cost_exchange));
    this.set("interceptors", s.interceptors_left < 0 ? "?" : formatCount(s.interceptors_left));
    this.set("escalation", picture.escalation.toFixed(1));
    const lit = Math.min(METER_CELLS, Math.ceil((picture.escalation / this.meterMax) * METER_CELLS));
    for (const [i, cell] of [...this.meter.children].entries()) cell.classList.toggle("on", i < lit);
    this.meter.parentElement?.setAttribute(
      "aria-label",
      `escalation ${picture.escalation.toFixed(1)} of ${this.meterMax}`,
    );
    let dark = 0;
    picture.assets.forEach((a) => {
      if (a.kind === "city" && !a.powered) dark += this.population.get(a.id) ?? 0;
    });
    this.set("blackout", `${formatPopulation(dark)} · ${formatPopulation(s.blackout_population_hours)} p·h`);
    this.set("casualties", formatCount(s.casualties));
  }
}
