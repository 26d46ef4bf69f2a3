import type { AnalysisConfig, AnalysisSeat } from "../../shared/analysis.js";
import { field, h, select } from "../ui/dom.js";
import type { VariantChoice } from "./api.js";

/**
 * One configuration of an analysis as a form: the scenario's variants as toggles with what each
 * changes, and who plays the attacker and the defender (the default plan or a bot).
 */

const SEATS: [AnalysisSeat, string][] = [
  ["plan", "scenario plan"],
  ["bot:easy", "bot (easy)"],
  ["bot:normal", "bot (normal)"],
  ["bot:hard", "bot (hard)"],
];

export interface ConfigForm {
  el: HTMLElement;
  read(): AnalysisConfig;
}

export function configForm(name: "A" | "B", variants: readonly VariantChoice[]): ConfigForm {
  const toggles = variants.map((v) => {
    const box = h("input", { type: "checkbox", value: v.id, testid: `variant-${name}-${v.id}` });
    return {
      box,
      el: h(
        "label",
        { class: "variant-toggle" },
        box,
        h("span", null, h("b", null, v.title), h("small", null, v.description)),
      ),
    };
  });
  const attacker = select(SEATS, { testid: `attacker-${name}` });
  const defender = select(SEATS, { testid: `defender-${name}` });
  const el = h(
    "fieldset",
    { class: `config config-${name.toLowerCase()}`, testid: `config-${name}` },
    h("legend", null, `Configuration ${name}`),
    toggles.length > 0
      ? h("div", { class: "variant-list" }, ...toggles.map((t) => t.el))
      : h("p", { class: "muted" }, "This scenario has no variants."),
    h("div", { class: "seat-row" }, field("Attacker", attacker), field("Defender", defender)),
  );
  return {
    el,
    read: () => ({
      variants: toggles.filter((t) => t.box.checked).map((t) => t.box.value),
      attacker: attacker.value as AnalysisSeat,
      defender: defender.value as AnalysisSeat,
      ally: "plan",
    }),
  };
}
