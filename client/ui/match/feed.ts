import type { FeedEntry } from "../../../shared/protocol.js";
import type { MatchState } from "../../../shared/wire/state.js";
import { FEED_CATEGORY_LABEL, type FeedCategory, feedCategory } from "../../../sim/review/feed-lines.js";
import { formatClock } from "../../util/format.js";
import { h } from "../dom.js";
import type { MatchContext, Part } from "./context.js";

const MAX_ROWS = 250;
/** An entry older than this many wall seconds of simulated time plays no effect (backlog on join). */
const FRESH_WALL_SEC = 6;

/**
 * The event feed: newest first; strikes and decisions stand out, routine lines are quiet, and chips filter
 * by category. Entries with a place centre the map when clicked.
 */
export class FeedPanel implements Part {
  readonly el: HTMLElement;
  private readonly list = h("ul", { class: "feed", testid: "feed", "aria-live": "polite" });
  private readonly off: (() => void)[];

  constructor(
    private readonly ctx: MatchContext,
    private readonly now: () => number,
  ) {
    this.el = h("div", { class: "feed-panel" }, h("h2", null, "Events"), feedFilters(this.list), this.list);
    this.add(ctx.session.feed, false);
    this.off = [
      ctx.session.on("feed", (entries) => this.add(entries, true)),
      ctx.session.on("feed-reset", () => this.list.replaceChildren()),
    ];
  }

  private add(entries: FeedEntry[], live: boolean): void {
    const state = this.ctx.session.state;
    const clock = this.now();
    const freshSec = FRESH_WALL_SEC * Math.max(1, state?.timeScale ?? 1);
    const rows = entries.map((entry) => {
      if (live && clock - entry.t < freshSec && (!state || entry.round === state.round)) {
        for (const [x, y] of placesOf(entry)) this.ctx.ctl.effect(entry.kind, x, y);
      }
      return this.row(entry);
    });
    this.list.prepend(...rows.reverse());
    while (this.list.childElementCount > MAX_ROWS) this.list.lastElementChild?.remove();
  }

  private row(entry: FeedEntry): HTMLElement {
    const located = entry.x !== undefined && entry.y !== undefined;
    const li = h(
      "li",
      {
        class: `k-${entry.kind} cat-${feedCategory(entry.kind)}`,
        testid: "feed-entry",
        "data-kind": entry.kind,
        "data-x": located ? String(entry.x) : undefined,
        tabindex: located ? "0" : undefined,
        title: located ? "Show on the map" : undefined,
      },
      h("time", null, formatClock(entry.t)),
      h("span", null, entry.text),
    );
    if (located) {
      const focus = () => this.ctx.ctl.focusOn(entry.x!, entry.y!);
      li.addEventListener("click", focus);
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter") focus();
      });
    }
    return li;
  }

  update(_state: MatchState): void {}

  destroy(): void {
    for (const f of this.off) f();
  }
}

/** Where a line's events happened: every point of a counted line, or its one place. */
export function placesOf(entry: FeedEntry): [number, number][] {
  const points = entry.points ?? (entry.x === undefined || entry.y === undefined ? [] : [entry.x, entry.y]);
  const places: [number, number][] = [];
  for (let i = 0; i + 1 < points.length; i += 2) places.push([points[i], points[i + 1]]);
  return places;
}

/** One chip per category: pressed shows it; the list hides a category with a class, so no line is lost. */
export function feedFilters(list: HTMLElement): HTMLElement {
  const bar = h("div", { class: "feed-filters", role: "group", "aria-label": "Show events" });
  for (const [category, label] of Object.entries(FEED_CATEGORY_LABEL) as [FeedCategory, string][]) {
    const chip = h(
      "button",
      {
        class: "small on",
        testid: `feed-filter-${category}`,
        "aria-pressed": "true",
        onclick: () => {
          const shown = list.classList.toggle(`hide-${category}`) === false;
          chip.classList.toggle("on", shown);
          chip.setAttribute("aria-pressed", String(shown));
        },
      },
      label,
    );
    bar.append(chip);
  }
  return bar;
}
