import type { AnalysisConfig, AnalysisSeat } from "../../shared/analysis.js";
import type { VariantChoice } from "../net/api.js";
import { field, h, select } from "../ui/dom.js";
import { variantToggles } from "../ui/variants.js";

/**
 * One configuration of an analysis as a form: the scenario's variants as toggles with what each
 * changes, and who plays the attacker and the defender (the default plan, a bot, or from a recorded
 * match the orders that side gave in it).
 */

const SEATS: [AnalysisSeat, string][] = [
  ["plan", "scenario plan"],
  ["bot:easy", "bot (easy)"],
  ["bot:normal", "bot (normal)"],
  ["bot:hard", "bot (hard)"],
];
/** From a recorded match a side may also give again the orders it gave in it. */
const AS_PLAYED: [AnalysisSeat, string] = ["as-played", "as played in the match"];

export interface ConfigForm {
  el: HTMLElement;
  read(): AnalysisConfig;
}

/** `preset`: what the form starts with; `fromMatch`: the seats may be "as played". */
export function configForm(
  name: "A" | "B",
  variants: readonly VariantChoice[],
  preset: Partial<AnalysisConfig> = {},
  fromMatch = false,
): ConfigForm {
  const toggles = variantToggles(variants, `variant-${name}`, preset.variants);
  const seats = fromMatch ? [AS_PLAYED, ...SEATS] : SEATS;
  const attacker = select(seats, { testid: `attacker-${name}`, value: preset.attacker ?? "plan" });
  const defender = select(seats, { testid: `defender-${name}`, value: preset.defender ?? "plan" });
  const ally = select(fromMatch ? [AS_PLAYED, SEATS[0]] : [SEATS[0]], {
    testid: `ally-${name}`,
    value: preset.ally ?? "plan",
  });
  const el = h(
    "fieldset",
    { class: `config config-${name.toLowerCase()}`, testid: `config-${name}` },
    h("legend", null, `Configuration ${name}`),
    toggles.el,
    h(
      "div",
      { class: "seat-row" },
      field("Attacker", attacker),
      field("Defender", defender),
      fromMatch ? field("Ally", ally) : null,
    ),
  );
  return {
    el,
    read: () => ({
      variants: toggles.chosen(),
      attacker: attacker.value as AnalysisSeat,
      defender: defender.value as AnalysisSeat,
      ally: ally.value as AnalysisSeat,
    }),
  };
}
