import type { VariantChoice } from "../net/api.js";
import { h } from "./dom.js";
import "./variants.css";

/**
 * Scenario variants on screen: as checkboxes, each with its title and what it changes (the create-match
 * form and each configuration of an analysis pick them so), and as a note naming those a match played.
 */
export interface VariantToggles {
  el: HTMLElement;
  /** The ids ticked, in the scenario's order (the order they are applied in). */
  chosen(): string[];
}

export function variantToggles(
  variants: readonly VariantChoice[],
  testidPrefix: string,
  ticked: readonly string[] = [],
): VariantToggles {
  const boxes = variants.map((v) =>
    h("input", {
      type: "checkbox",
      value: v.id,
      checked: ticked.includes(v.id),
      testid: `${testidPrefix}-${v.id}`,
    }),
  );
  const el =
    variants.length > 0
      ? h(
          "div",
          { class: "variant-list" },
          ...variants.map((v, i) =>
            h(
              "label",
              { class: "variant-toggle" },
              boxes[i],
              h("span", null, h("b", null, v.title), h("small", null, v.description)),
            ),
          ),
        )
      : h("p", { class: "muted" }, "This scenario has no variants.");
  return { el, chosen: () => boxes.filter((box) => box.checked).map((box) => box.value) };
}

/** "Variants: Black Sea open; No resupply" under a match's title, or nothing when it played none. */
export function variantsNote(titles: readonly string[], testid = "match-variants"): HTMLElement | null {
  if (titles.length === 0) return null;
  return h("p", { class: "variants-note", testid }, h("b", null, "Variants: "), titles.join("; "));
}
