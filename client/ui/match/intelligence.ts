import type { MatchState } from "../../../shared/wire/state.js";
import { scoresOf } from "../../../shared/wire/state.js";
import { typeName } from "../../map/coverage.js";
import { h } from "../dom.js";
import type { MatchContext, Part } from "./context.js";
import { damageLines } from "./debrief.js";

/**
 * The attacker's intelligence officer (docs/classroom.md, "Crews"): what the defence has revealed (the
 * sighted units by kind), what got through and the damage seen, from the attacker's own picture only.
 * Clicking a sighted kind centres the map on one of its units.
 */
export class IntelligencePanel implements Part {
  readonly el: HTMLElement;
  private readonly revealed = h("div", { testid: "intel-revealed" });
  private readonly results = h("div", { testid: "intel-results" });
  private readonly damage = h("div", { testid: "intel-damage" });
  private key = "";

  constructor(private readonly ctx: MatchContext) {
    this.el = h(
      "div",
      { testid: "intelligence" },
      h("h2", null, "What the defence revealed"),
      this.revealed,
      h("h2", null, "What got through"),
      this.results,
      h("h2", null, "Damage seen"),
      this.damage,
    );
  }

  update(state: MatchState): void {
    const sighted = [...state.sightings.values()];
    const scores = scoresOf(state);
    const damaged = [...state.assets.values()].filter((a) => a.hp < a.hpMax || !a.powered);
    const key = `${sighted.map((u) => `${u.id}:${u.kind}`).join(",")}|${scores.threats_launched}:${scores.threats_leaked}:${scores.threats_intercepted}|${damaged.map((a) => `${a.id}:${a.hp}:${a.powered}`).join(",")}`;
    if (key === this.key) return;
    this.key = key;
    const byKind = new Map<string, typeof sighted>();
    for (const unit of sighted) byKind.set(unit.kind, [...(byKind.get(unit.kind) ?? []), unit]);
    const { ctl, scenario } = this.ctx;
    this.revealed.replaceChildren(
      ...(byKind.size === 0
        ? [h("p", { class: "muted" }, "No defence unit sighted yet: they show once they radiate or fire.")]
        : [...byKind].map(([kind, units]) =>
            h(
              "button",
              {
                class: "small",
                style: "margin:0 6px 6px 0",
                title: "Centre the map on one",
                onclick: () => ctl.focusOn(units[0].x, units[0].y),
              },
              `${units.length} × ${typeName(scenario, kind)}`,
            ),
          )),
    );
    this.results.replaceChildren(
      h(
        "div",
        { class: "meta" },
        `${scores.threats_launched} launched · ${scores.threats_leaked} got through · ${scores.threats_intercepted} intercepted · ${scores.threats_crashed} came down`,
      ),
    );
    const lines = damageLines(state);
    this.damage.replaceChildren(
      ...(lines.length > 0 ? lines : [h("p", { class: "muted" }, "No damage seen yet.")]),
    );
  }
}
