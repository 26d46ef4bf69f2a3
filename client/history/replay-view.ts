import type { FeedEntry, ViewName } from "../../shared/protocol.js";
import type { SimEvent } from "../../sim/api.js";
import { feedCategory } from "../../sim/review/feed-lines.js";
import { Feed } from "../../sim/review/narration.js";
import type { MapController } from "../map/controller.js";
import { variantTitles } from "../net/api.js";
import { fill, h, setText } from "../ui/dom.js";
import { mapChrome } from "../ui/map-chrome.js";
import { feedFilters, placesOf } from "../ui/match/feed.js";
import { SheetTabs } from "../ui/sheet.js";
import { formatClock } from "../util/format.js";
import { Player } from "./player.js";
import { BookmarkPanel, branchPanel, type CreateMatch, ScorePanel, viewPicker } from "./replay-panels.js";
import { ReplayMapSource } from "./replay-source.js";
import { postRow, ReplayPosts } from "./side-posts.js";
import { Timeline } from "./timeline.js";

const MAX_FEED_ROWS = 200;
const EFFECT_KINDS = new Set(["intercept", "miss", "impact", "crash"]);
const DEFAULT_SPEED = 60;

/**
 * The replay viewer, in the match frame: the map draws the re-simulated world as truth or as one side
 * saw it; the bottom bar plays, pauses, changes speed and scrubs; the left column has the score,
 * bookmarks and branching; the right one the events as they replay, with the crews' chat and markers
 * that the chosen view heard (side-posts.ts).
 */
export class ReplayView {
  private readonly source: ReplayMapSource;
  private readonly timeline: Timeline;
  private readonly score = new ScorePanel();
  private readonly clock = h("span", { class: "clock", testid: "replay-clock" });
  private readonly roundEl = h("span", { testid: "replay-round" });
  private readonly feedList = h("ul", { class: "feed", testid: "replay-feed" });
  private readonly off: (() => void)[] = [];
  private readonly sheet = new SheetTabs([
    { region: "left", label: "Replay" },
    { region: "right", label: "Events" },
  ]);
  private feed: Feed;
  private readonly posts: ReplayPosts;
  /** Where on the match axis the feed's posts reach; -1 when the feed was cleared. */
  private postsTo = -1;
  private playing = false;
  private speed = DEFAULT_SPEED;
  private frame = 0;
  private lastFrameMs = 0;

  static async open(matchId: string, ctl: MapController, create: CreateMatch): Promise<ReplayView> {
    return new ReplayView(await Player.load(matchId), ctl, create);
  }

  private constructor(
    private readonly player: Player,
    private readonly ctl: MapController,
    create: CreateMatch,
  ) {
    const { record } = player;
    const scenario = record.scenarioFile;
    this.source = new ReplayMapSource(scenario, player);
    this.feed = new Feed(scenario, this.unitTypeAt);
    this.posts = new ReplayPosts(record.sidePosts, (round, t) => player.xOf(round, t));
    const seek = (x: number) => void this.seek(x);
    this.timeline = new Timeline(
      player,
      { seek, togglePlay: () => this.togglePlay(), setSpeed: (s) => (this.speed = s) },
      this.speed,
    );
    const bookmarks = new BookmarkPanel(player, (list) => this.timeline.markBookmarks(list, { seek }), seek);
    const views: ViewName[] = [
      "truth",
      "attacker",
      "defender",
      ...(scenario.allies.length > 0 ? (["ally"] as const) : []),
    ];

    fill(
      document.getElementById("topbar")!,
      h("span", { class: "brand" }, "SKYSHIELD"),
      h("span", { class: "badge" }, "Replay"),
      h(
        "span",
        { testid: "replay-scenario" },
        [scenario.name, ...variantTitles(scenario.variants, record.variants)].join(" + "),
      ),
      h("span", { class: "sep" }, "·"),
      this.roundEl,
      this.clock,
      h("span", { class: "spacer" }),
      h("span", { class: "muted" }, new Date(record.createdAt).toLocaleString()),
      h(
        "a",
        { href: `#/history/${record.id}`, class: "button-link", testid: "to-debrief" },
        "Debrief charts",
      ),
      h("a", { href: "#/history", class: "button-link" }, "History"),
    );
    fill(
      document.getElementById("left")!,
      viewPicker(views, (view) => this.setView(view)),
      this.score.el,
      bookmarks.el,
      branchPanel(player, create),
    );
    fill(
      document.getElementById("right")!,
      h("h2", null, "Events"),
      feedFilters(this.feedList),
      this.feedList,
    );
    fill(document.getElementById("bottom")!, this.timeline.el);
    const chrome = mapChrome(ctl, scenario, true);
    fill(document.getElementById("map-overlay")!, chrome.el);
    document.body.classList.add("replaying");

    this.off.push(
      chrome.destroy,
      player.on("events", (events) => this.played(events)),
      player.on("moved", () => this.render()),
      this.installKeys(),
    );
    ctl.setFollow(false);
    ctl.setSource(this.source);
    this.clearFeed();
    this.render();
    this.frame = requestAnimationFrame(this.loop);
  }

  /** Units deployed before a seek point are named from the world at the replay's point. */
  private readonly unitTypeAt = (unitId: string): string | undefined =>
    this.player.view("truth").units.find((u) => u.id === unitId)?.kind;

  private loop = (nowMs: number): void => {
    this.frame = requestAnimationFrame(this.loop);
    const dtSec = this.lastFrameMs ? Math.min((nowMs - this.lastFrameMs) / 1000, 0.25) : 0;
    this.lastFrameMs = nowMs;
    if (!this.playing) return;
    this.player.advance(this.player.x + dtSec * this.speed);
    if (this.player.x >= this.player.totalSec) this.togglePlay();
  };

  private togglePlay(): void {
    this.playing = !this.playing && this.player.x < this.player.totalSec;
    this.timeline.update(this.playing);
  }

  private async seek(x: number): Promise<void> {
    this.feed = new Feed(this.player.record.scenarioFile, this.unitTypeAt);
    this.clearFeed();
    await this.player.seek(x);
  }

  private setView(view: ViewName): void {
    this.source.setPerspective(view);
    this.clearFeed();
    this.render();
  }

  private clearFeed(): void {
    this.postsTo = -1;
    this.feedList.replaceChildren(
      h(
        "li",
        { class: "muted feed-hint", testid: "replay-feed-hint" },
        "Events appear here as the replay plays.",
      ),
    );
  }

  private render(): void {
    const view = this.source.refresh();
    this.score.update(view.scores);
    this.timeline.update(this.playing);
    const span = this.player.spanAt(this.player.x);
    setText(this.roundEl, span ? span.name : "");
    setText(this.clock, formatClock(this.player.roundClock()));
    this.showPosts();
  }

  /** The posts this view heard since the feed's last one, up to the replay's point. */
  private showPosts(): void {
    const x = this.player.x;
    if (x === this.postsTo) return;
    const fresh = this.posts.between(this.source.perspective(), this.postsTo, x);
    this.postsTo = x;
    this.prependRows(fresh.reverse().map(postRow));
  }

  private prependRows(rows: HTMLElement[]): void {
    if (rows.length === 0) return;
    this.feedList.querySelector("[data-testid=replay-feed-hint]")?.remove();
    this.feedList.prepend(...rows);
    while (this.feedList.childElementCount > MAX_FEED_ROWS) this.feedList.lastElementChild?.remove();
  }

  /** Events of a stretch played forward: feed lines for this view, effects on the map. */
  private played(events: SimEvent[]): void {
    const perspective = this.source.perspective();
    const entries = this.feed.describe(events, [perspective]).get(perspective) ?? [];
    for (const entry of entries) {
      if (EFFECT_KINDS.has(entry.kind))
        for (const [x, y] of placesOf(entry)) this.ctl.effect(entry.kind, x, y);
    }
    this.prependRows(entries.reverse().map(feedRow));
  }

  private installKeys(): () => void {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === " ") {
        e.preventDefault();
        this.togglePlay();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const f of this.off) f();
    this.ctl.setSource(null);
    document.body.classList.remove("replaying");
    this.sheet.destroy();
    for (const id of ["topbar", "left", "right", "bottom", "map-overlay"]) fill(document.getElementById(id)!);
  }
}

function feedRow(entry: FeedEntry): HTMLElement {
  return h(
    "li",
    { class: `k-${entry.kind} cat-${feedCategory(entry.kind)}`, testid: "replay-feed-entry" },
    h("time", null, formatClock(entry.t)),
    h("span", null, entry.text),
  );
}
