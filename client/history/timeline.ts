import { h, select, setText } from "../ui/dom.js";
import { formatClock } from "../util/format.js";
import type { Bookmark } from "./api.js";
import type { Player } from "./player.js";

/** Playback speeds: simulated seconds per real second. */
export const SPEEDS = [10, 30, 60, 120, 300, 600] as const;

export interface TimelineActions {
  seek(x: number): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
}

/**
 * The replay's bottom bar: play/pause, speed, the scrubber over the match axis with the rounds and
 * the instructor's bookmarks marked on it, and where we are.
 */
export class Timeline {
  readonly el: HTMLElement;
  private readonly play: HTMLButtonElement;
  private readonly scrubber: HTMLInputElement;
  private readonly label = h("span", { class: "num replay-time", testid: "replay-time" });
  private readonly marks = h("div", { class: "replay-marks" });
  private dragging = false;

  constructor(
    private readonly player: Player,
    actions: TimelineActions,
    speed: number,
  ) {
    this.play = h(
      "button",
      {
        class: "primary replay-play",
        testid: "replay-play",
        title: "Play / pause (Space)",
        onclick: () => actions.togglePlay(),
      },
      "Play",
    );
    const speeds = select(
      SPEEDS.map((s) => [String(s), `×${s}`]),
      { testid: "replay-speed", "aria-label": "Playback speed", value: String(speed) },
    );
    speeds.addEventListener("change", () => actions.setSpeed(Number(speeds.value)));
    this.scrubber = h("input", {
      type: "range",
      min: "0",
      max: String(player.totalSec),
      step: "1",
      value: "0",
      class: "replay-scrubber",
      testid: "replay-scrubber",
      "aria-label": "Match time",
    });
    this.scrubber.addEventListener("input", () => actions.seek(Number(this.scrubber.value)));
    this.scrubber.addEventListener("pointerdown", () => (this.dragging = true));
    this.scrubber.addEventListener("change", () => (this.dragging = false));
    window.addEventListener("pointerup", () => (this.dragging = false));
    const track = h("div", { class: "replay-track" }, this.scrubber, this.marks);
    this.el = h(
      "div",
      { class: "replay-bar", testid: "replay-timeline" },
      this.play,
      speeds,
      track,
      this.label,
    );
    for (const span of player.spans.slice(1)) {
      this.marks.append(
        h("span", {
          class: "replay-round",
          style: `left:${this.percent(span.offsetSec)}%`,
          title: span.name,
        }),
      );
    }
    this.markBookmarks([], actions);
  }

  markBookmarks(bookmarks: Bookmark[], actions: Pick<TimelineActions, "seek">): void {
    for (const old of this.marks.querySelectorAll(".replay-bookmark")) old.remove();
    for (const b of bookmarks) {
      const x = this.player.xOf(b.round, b.t);
      this.marks.append(
        h("button", {
          class: "replay-bookmark",
          testid: "timeline-bookmark",
          style: `left:${this.percent(x)}%`,
          title: `${formatClock(b.t)} · ${b.author}: ${b.note}`,
          "aria-label": `Bookmark: ${b.note}`,
          onclick: () => actions.seek(x),
        }),
      );
    }
  }

  update(playing: boolean): void {
    setText(this.play, playing ? "Pause" : "Play");
    this.play.setAttribute("aria-pressed", String(playing));
    const { player } = this;
    if (!this.dragging) this.scrubber.value = String(Math.round(player.x));
    const span = player.spanAt(player.x);
    const round = span ? `${span.name} · ` : "";
    setText(
      this.label,
      `${round}${formatClock(player.roundClock())} · ${formatClock(player.x)} / ${formatClock(player.totalSec)}`,
    );
  }

  private percent(x: number): number {
    return this.player.totalSec > 0 ? (100 * x) / this.player.totalSec : 0;
  }
}
