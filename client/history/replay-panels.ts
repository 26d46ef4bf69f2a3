import type { CreateMatchOptions, RestoreRequest, ViewName } from "../../shared/protocol.js";
import type { Scores } from "../../sim/api.js";
import { stored } from "../net/storage.js";
import { h, select, setText } from "../ui/dom.js";
import { describe, showNear } from "../ui/errors.js";
import { formatField } from "../ui/match/summary.js";
import { formatClock } from "../util/format.js";
import { addBookmark, type Bookmark } from "./api.js";
import type { Player } from "./player.js";

/** The replay's left column: whose picture, the score at this moment, bookmarks, and branching. */

export type CreateMatch = (options: CreateMatchOptions, name: string, anchor: HTMLElement) => Promise<void>;

export function viewPicker(views: ViewName[], onChange: (view: ViewName) => void): HTMLElement {
  const labels: Record<ViewName, string> = {
    truth: "everything (truth)",
    attacker: "as the attacker saw it",
    defender: "as the defender saw it",
    ally: "as the ally saw it",
  };
  const picker = select(
    views.map((v) => [v, labels[v]]),
    { testid: "replay-view", "aria-label": "Whose picture", value: "truth" },
  );
  picker.addEventListener("change", () => onChange(picker.value as ViewName));
  return h("div", null, h("h2", null, "View"), picker);
}

/** The score of the match at the replay's point. */
export class ScorePanel {
  readonly el: HTMLElement;
  private readonly rows = new Map<keyof Scores, HTMLElement>();

  constructor() {
    const fields: [keyof Scores, string][] = [
      ["threats_launched", "launched"],
      ["threats_intercepted", "intercepted"],
      ["threats_leaked", "leaked"],
      ["defender_spend_usd", "defence spend"],
      ["attacker_spend_usd", "attack spend"],
      ["cost_exchange", "cost exchange"],
      ["interceptors_left", "interceptors left"],
      ["escalation", "escalation"],
    ];
    const table = h("table", { class: "replay-score", testid: "replay-score" });
    for (const [key, label] of fields) {
      const cell = h("td", { class: "num" });
      this.rows.set(key, cell);
      table.append(h("tr", null, h("th", null, label), cell));
    }
    this.el = h("div", null, h("h2", null, "Score at this moment"), table);
  }

  update(scores: Scores): void {
    for (const [key, cell] of this.rows) {
      setText(cell, formatField(key, scores[key]));
    }
  }
}

/** Bookmarks: the list (click to jump) and a form to add one at the current moment. */
export class BookmarkPanel {
  readonly el: HTMLElement;
  private readonly list = h("ul", { class: "replay-bookmarks", testid: "bookmark-list" });

  constructor(
    private readonly player: Player,
    private readonly onChange: (bookmarks: Bookmark[]) => void,
    private readonly seek: (x: number) => void,
  ) {
    const code = player.record.code;
    const note = h("input", {
      maxlength: "500",
      placeholder: "What happened here?",
      testid: "bookmark-note",
    });
    const key = h("input", {
      placeholder: "Instructor key",
      testid: "bookmark-key",
      value: stored.instructorKey(code) ?? "",
    });
    const add = h("button", { type: "submit", testid: "bookmark-add" }, "Bookmark this moment");
    const form = h(
      "form",
      {
        class: "replay-bookmark-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.add(note, key.value.trim(), add);
        },
      },
      note,
      stored.instructorKey(code) ? null : key,
      add,
    );
    this.el = h("div", null, h("h2", null, "Bookmarks"), this.list, form);
    this.render(player.record.bookmarks);
  }

  private async add(note: HTMLInputElement, instructorKey: string, anchor: HTMLElement): Promise<void> {
    const text = note.value.trim();
    if (!text) return void showNear(anchor, "Write a note for the bookmark first.");
    const { round, t } = this.player.position;
    try {
      await addBookmark(this.player.record.id, {
        round,
        t,
        note: text,
        author: stored.name() || "instructor",
        instructorKey: instructorKey || undefined,
      });
      note.value = "";
      const bookmarks = [
        ...this.player.record.bookmarks,
        { id: -1, round, t, note: text, author: stored.name(), createdAtMs: 0 },
      ];
      this.player.record.bookmarks = bookmarks;
      this.render(bookmarks);
    } catch (error) {
      showNear(anchor, `The bookmark was not saved: ${describe(error)}`);
    }
  }

  private render(bookmarks: Bookmark[]): void {
    const sorted = [...bookmarks].sort((a, b) => a.round - b.round || a.t - b.t);
    this.list.replaceChildren(
      ...sorted.map((b) =>
        h(
          "li",
          null,
          h(
            "button",
            {
              class: "small",
              testid: "bookmark-go",
              onclick: () => this.seek(this.player.xOf(b.round, b.t)),
            },
            `R${b.round} ${formatClock(b.t)}`,
          ),
          h("span", null, ` ${b.note} `),
          h("span", { class: "muted" }, `— ${b.author}`),
        ),
      ),
    );
    if (sorted.length === 0) this.list.append(h("li", { class: "muted" }, "No bookmarks yet."));
    this.onChange(sorted);
  }
}

/** "What if?": a new live match from this very moment, run by whoever branches it. */
export function branchPanel(player: Player, create: CreateMatch): HTMLElement {
  const button = h("button", { class: "primary", testid: "branch" }, "Branch a new match from here");
  button.addEventListener("click", () => {
    const instructorKey = stored.matchKey(player.record.id) ?? undefined;
    const restore: RestoreRequest = {
      kind: "branch",
      matchId: player.record.id,
      at: player.position,
      instructorKey,
    };
    // The room reads `restore` before the create options (server/colyseus/MatchRoom.ts).
    const options = { restore } as unknown as CreateMatchOptions;
    void create(options, stored.name() || "Instructor", button);
  });
  return h(
    "div",
    null,
    h("h2", null, "What if?"),
    h(
      "p",
      { class: "muted" },
      "Start a live match from this moment, with the same forces and stocks. You run it as instructor.",
    ),
    button,
  );
}
