import type { MatchState } from "../../../shared/wire/state.js";
import type { MapController } from "../../map/controller.js";
import type { ServedScenario } from "../../net/api.js";
import { LiveSource } from "../../net/live-source.js";
import type { MatchSession } from "../../net/session.js";
import { ConnectionBanner } from "../banner.js";
import { fill } from "../dom.js";
import { mapNote, showRejection } from "../errors.js";
import { mapChrome } from "../map-chrome.js";
import { type SheetTab, SheetTabs } from "../sheet.js";
import { installShortcuts, toggleHelp } from "../shortcuts.js";
import { BottomBar } from "./bottombar.js";
import { ChatPanel } from "./chat.js";
import type { MatchContext, Part } from "./context.js";
import { DebriefPanel } from "./debrief.js";
import { FeedPanel } from "./feed.js";
import { InstructorConsole } from "./instructor.js";
import { leftKey, leftParts, shortcutActions } from "./layout.js";
import { type SeatRights, seatRights } from "./rights.js";
import { SpectatorControls } from "./spectator.js";
import { tooltipCard } from "./tooltip.js";
import { TopBar } from "./topbar.js";

/**
 * The match screen: the frame of docs/screen.md (top bar, side panels, map, bottom bar), rebuilt panel by
 * panel when the phase changes, updated at most once per animation frame from the room state.
 */
export class MatchView {
  private readonly ctx: MatchContext;
  private readonly source: LiveSource;
  private readonly top: TopBar;
  private readonly parts: Part[] = [];
  private left: Part[] = [];
  private leftKey = "";
  private debrief: DebriefPanel | null = null;
  private readonly off: (() => void)[] = [];
  private frame = 0;
  private dirty = true;
  private readonly banner: ConnectionBanner;
  private readonly sheet: SheetTabs;

  constructor(
    session: MatchSession,
    private readonly ctl: MapController,
    scenario: ServedScenario,
    private readonly onHome: () => void,
  ) {
    const role = session.role ?? "spectator";
    this.ctx = { session, ctl, scenario, role };
    this.source = new LiveSource(scenario, session);
    this.banner = new ConnectionBanner(onHome);
    document.body.classList.toggle("spectator", role === "spectator");
    const keys = shortcutActions(this.ctx, ctl, () =>
      this.left.find((part): part is InstructorConsole => part instanceof InstructorConsole),
    );
    this.top = new TopBar(this.ctx, () => toggleHelp(keys));
    const bottom = new BottomBar(this.ctx);
    const feed = new FeedPanel(this.ctx, () => this.source.now());
    this.parts.push(this.top, bottom, feed);
    fill(document.getElementById("topbar")!, this.top.el);
    fill(document.getElementById("bottom")!, bottom.el);
    const right = document.getElementById("right")!;
    fill(right);
    if (role === "spectator") {
      const controls = new SpectatorControls(this.ctx);
      this.parts.push(controls);
      right.append(controls.el);
    }
    right.append(feed.el);
    const chat = new ChatPanel(this.ctx);
    this.parts.push(chat);
    right.append(chat.el);
    this.sheet = new SheetTabs(sheetTabs(role, role !== "spectator" || session.view === "truth"));
    const chrome = mapChrome(ctl, scenario, role === "spectator" || role === "instructor");
    fill(document.getElementById("map-overlay")!, chrome.el);
    this.off.push(
      chrome.destroy,
      session.on("state", (state) => {
        this.source.onState(state);
        this.dirty = true;
      }),
      session.on("view", () => (this.dirty = true)),
      session.on("rejected", (reply, anchor) => showRejection(reply, anchor)),
      session.on("marker", () => this.showMarkers()),
      session.on("connection", (status) => this.banner.show(status)),
      ctl.on("click", (click) => this.onMapClick(click)),
      ctl.on("hover", (hover) => this.onHover(hover)),
      // Aiming needs the map: a mode started from the sheet folds it away.
      ctl.on("tool", (tool) => tool.kind !== "pan" && this.sheet.open(null)),
      installShortcuts(ctl, keys),
    );
    ctl.setFollow(false);
    this.showMarkers();
    ctl.setSource(this.source);
    if (session.state) this.source.onState(session.state);
    this.loop();
  }

  /** The side's markers the server delivered, drawn on the map. */
  private showMarkers(): void {
    const markers = this.ctx.session.markers;
    this.ctl.setMarkers(markers.map((m) => ({ x: m.at.x, y: m.at.y, label: m.label, from: m.from })));
  }

  private loop = (): void => {
    this.frame = requestAnimationFrame(this.loop);
    this.top.tick(this.source.now());
    const state = this.ctx.session.state;
    if (!this.dirty || !state) return;
    this.dirty = false;
    this.render(state);
  };

  private render(state: MatchState): void {
    const rights = seatRights(this.ctx, state);
    const key = leftKey(this.ctx, state.phase, rights);
    if (key !== this.leftKey) {
      this.leftKey = key;
      this.rebuildLeft(state, rights);
    }
    for (const part of this.parts) part.update(state);
    for (const part of this.left) part.update(state);
    this.debrief?.update(state);
  }

  private rebuildLeft(state: MatchState, rights: SeatRights | undefined): void {
    for (const part of this.left) part.destroy?.();
    for (const note of document.querySelectorAll("#map-overlay .mapnote")) note.remove();
    this.left = leftParts(this.ctx, state.phase, rights);
    fill(document.getElementById("left")!, ...this.left.map((p) => p.el));
    if (state.phase === "debrief" && !this.debrief) {
      this.debrief = new DebriefPanel(this.ctx, this.onHome);
      document.getElementById("map-overlay")!.append(this.debrief.el);
    }
  }

  private onMapClick(click: {
    x: number;
    y: number;
    screenX: number;
    screenY: number;
    tool: MapController["tool"];
  }): void {
    const { session } = this.ctx;
    const at = { x: round2(click.x), y: round2(click.y) };
    if (click.tool.kind === "place") {
      session.send("deploy", { unitType: click.tool.unitType, at }, mapNote(click.screenX, click.screenY));
    } else if (click.tool.kind === "relocate") {
      session.send("relocate", { unitId: click.tool.unitId, to: at }, mapNote(click.screenX, click.screenY));
      this.ctl.setTool({ kind: "pan" });
    } else if (click.tool.kind === "marker") {
      const { label } = click.tool;
      session.send("marker", { at, label }, mapNote(click.screenX, click.screenY));
      this.ctl.setTool({ kind: "pan" });
    }
  }

  private onHover(hover: Parameters<typeof tooltipCard>[1] | null): void {
    const tip = document.getElementById("tooltip")!;
    const card = hover
      ? tooltipCard(this.source, hover, (nation) => this.ctx.session.state?.roe.get(nation))
      : null;
    if (!hover || !card) {
      tip.hidden = true;
      return;
    }
    const rect = document.getElementById("map")!.getBoundingClientRect();
    fill(tip, card);
    tip.hidden = false;
    const x = rect.left + hover.screenX + 16;
    const y = rect.top + hover.screenY + 12;
    tip.style.left = `${Math.min(x, window.innerWidth - tip.offsetWidth - 8)}px`;
    tip.style.top = `${Math.min(y, window.innerHeight - tip.offsetHeight - 8)}px`;
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    for (const f of this.off) f();
    for (const part of [...this.parts, ...this.left]) part.destroy?.();
    this.debrief?.destroy();
    this.banner.hide();
    this.sheet.destroy();
    this.ctl.setSource(null);
    this.ctl.setMarkers([]);
    this.ctl.setTool({ kind: "pan" });
    document.body.classList.remove("spectator", "projector");
    document.getElementById("tooltip")!.hidden = true;
    for (const id of ["topbar", "left", "right", "bottom", "map-overlay"]) fill(document.getElementById(id)!);
  }
}

/**
 * The phone's sheet tabs for a seat: its own panel (not for spectators), the instructor's crew roster,
 * the side channel's chat (read only for a truth spectator), the events and the score.
 */
function sheetTabs(role: string, readsChat: boolean): SheetTab[] {
  const own: SheetTab[] =
    role === "spectator" ? [] : [{ region: "left", label: role === "instructor" ? "Console" : "Orders" }];
  const crew: SheetTab[] = role === "instructor" ? [{ region: "crew", label: "Crew" }] : [];
  const chat: SheetTab[] = readsChat ? [{ region: "chat", label: "Chat" }] : [];
  return [
    ...own,
    ...crew,
    ...chat,
    { region: "right", label: "Events" },
    { region: "bottom", label: "Score" },
  ];
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
