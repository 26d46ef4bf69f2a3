import type { MapController } from "../map/controller.js";
import { h } from "../ui/dom.js";
import { describe } from "../ui/errors.js";
import { debriefScreen } from "./debrief-view.js";
import "./history.css";
import { historyListScreen } from "./list-view.js";
import type { CreateMatch } from "./replay-panels.js";
import { ReplayView } from "./replay-view.js";

/**
 * History routes: `#/history` (the list), `#/history/<id>` (debrief charts), `#/history/<id>/replay`.
 * The app shell hands over its screen (`show`) and match creation (for branching).
 */
export type HistoryRoute =
  | { page: "list" }
  | { page: "debrief"; id: string }
  | { page: "replay"; id: string };

export function parseHistoryRoute(hash: string): HistoryRoute | null {
  const match = /^#\/history(?:\/([\w-]+)(\/replay)?)?\/?(?:\?.*)?$/.exec(hash);
  if (!match) return null;
  if (!match[1]) return { page: "list" };
  return { page: match[2] ? "replay" : "debrief", id: match[1] };
}

export interface HistoryShell {
  ctl: MapController;
  /** Show a full screen (or the map frame when null); `cleanup` runs when the next screen replaces it. */
  show(el: HTMLElement | null, cleanup?: () => void): void;
  create: CreateMatch;
}

export function showHistory(route: HistoryRoute, shell: HistoryShell): void {
  if (route.page === "list") {
    const screen = historyListScreen();
    shell.show(screen.el, screen.destroy);
    return;
  }
  if (route.page === "debrief") {
    const screen = debriefScreen(route.id);
    shell.show(screen.el, screen.destroy);
    return;
  }
  let view: ReplayView | null = null;
  let left = false;
  shell.show(
    h("div", { class: "home", testid: "replay-loading" }, h("h2", null, "Loading the replay…")),
    () => {
      left = true;
    },
  );
  ReplayView.open(route.id, shell.ctl, shell.create).then(
    (opened) => {
      if (left) return opened.destroy();
      view = opened;
      shell.show(null, () => view?.destroy());
    },
    (error: unknown) => {
      if (left) return;
      shell.show(
        h(
          "div",
          { class: "home" },
          h("h2", null, "The replay could not be loaded"),
          h("p", { class: "inline-error", testid: "replay-error" }, describe(error)),
          h("a", { href: "#/history" }, "Back to the history"),
        ),
      );
    },
  );
}
