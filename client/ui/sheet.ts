import { h } from "./dom.js";

/**
 * Phones (docs/screen.md): the map takes the screen and the panels become a bottom sheet with tabs that slides up
 * over it. Each tab opens one of the frame's regions (left, right, bottom) as the sheet, or a part of one
 * (the crew roster of the left, the chat of the right); tapping the open tab, or "Map", closes it. On wide
 * screens the tab bar is hidden and the panels stay where they are.
 */
export type SheetRegion = "left" | "right" | "bottom" | "crew" | "chat";

export interface SheetTab {
  region: SheetRegion;
  label: string;
}

export class SheetTabs {
  private readonly nav = document.getElementById("tabs")!;
  private readonly buttons = new Map<SheetRegion, HTMLButtonElement>();

  constructor(tabs: readonly SheetTab[]) {
    const map = h("button", { testid: "tab-map", onclick: () => this.open(null) }, "Map");
    this.nav.replaceChildren(map);
    for (const tab of tabs) {
      const button = h(
        "button",
        {
          testid: `tab-${tab.region}`,
          "aria-pressed": "false",
          onclick: () => this.open(this.current() === tab.region ? null : tab.region),
        },
        tab.label,
      );
      this.buttons.set(tab.region, button);
      this.nav.append(button);
    }
    this.open(null);
  }

  current(): SheetRegion | null {
    return (document.body.dataset.sheet as SheetRegion | undefined) ?? null;
  }

  /** Show one region as the sheet, or none (the whole map). */
  open(region: SheetRegion | null): void {
    if (region) document.body.dataset.sheet = region;
    else delete document.body.dataset.sheet;
    for (const [r, button] of this.buttons) {
      button.classList.toggle("on", r === region);
      button.setAttribute("aria-pressed", String(r === region));
    }
  }

  destroy(): void {
    this.open(null);
    this.nav.replaceChildren();
  }
}
