import type { ChatPost, MarkerPost } from "../../../shared/side-channel.js";
import { SIDE_CHANNEL_LIMITS } from "../../../shared/side-channel.js";
import type { MatchState } from "../../../shared/wire/state.js";
import { formatClock } from "../../util/format.js";
import { h, select, setText } from "../dom.js";
import { showNear } from "../errors.js";
import type { MatchContext, Part } from "./context.js";
import { roleTitle } from "./crew.js";

/**
 * The side channel (docs/classroom.md, "Crews"): the chat and markers this seat received, newest last,
 * and a box to write to the side or the role (the instructor to everyone). A player also drops a
 * labelled marker on the map for the side. Only what the server delivered is shown. A spectator of the
 * live truth reads every channel without writing (an assessor at a laptop); the projector layout hides it,
 * so nothing a side writes reaches the wall.
 */
const MAX_ROWS = 200;

export class ChatPanel implements Part {
  readonly el: HTMLElement;
  private readonly log = h("ul", { class: "chat-log", testid: "chat-log", "aria-live": "polite" });
  private readonly channel: HTMLSelectElement | null;
  private readonly text = h("input", {
    maxlength: String(SIDE_CHANNEL_LIMITS.chatText),
    placeholder: "Message",
    testid: "chat-input",
    "aria-label": "Message",
    autocomplete: "off",
  });
  private readonly send = h("button", { class: "primary", type: "submit", testid: "chat-send" }, "Send");
  private readonly off: (() => void)[];

  constructor(private readonly ctx: MatchContext) {
    const { session } = ctx;
    const instructor = ctx.role === "instructor";
    const reader = ctx.role === "spectator";
    this.channel =
      instructor || reader
        ? null
        : select(
            [
              ["side", "Side"],
              ["role", "My role"],
            ],
            { testid: "chat-channel", "aria-label": "Channel" },
          );
    const form = h(
      "form",
      { class: "chat-form", onsubmit: (e: Event) => this.submit(e) },
      this.channel,
      this.text,
      this.send,
    );
    const title = reader
      ? "Chat · every side (read only)"
      : instructor
        ? "Chat · every side"
        : "Chat · your side";
    this.el = h(
      "section",
      { class: "chat-sheet", testid: "chat", "aria-label": "Side channel" },
      h("h2", null, title),
      this.log,
      reader ? null : form,
      instructor || reader ? null : this.markerForm(),
    );
    for (const post of session.chats) this.add(chatRow(ctx, post));
    for (const post of session.markers) this.add(markerRow(ctx, post));
    this.off = [
      session.on("chat", (post) => this.add(chatRow(ctx, post))),
      session.on("marker", (post) => this.add(markerRow(ctx, post))),
    ];
  }

  /** A truth spectator's panel shows only while it watches the truth; "My role" only for a seat that holds a crew role (a seat playing the whole side has none). */
  update(state: MatchState): void {
    // The server sends the side channels to spectators of the truth only (the projector hides them: crews.css).
    if (this.ctx.role === "spectator") this.el.hidden = this.ctx.session.view !== "truth";
    const seatId = this.ctx.session.welcome?.seatId;
    const option = this.channel?.querySelector<HTMLOptionElement>("option[value=role]");
    if (!option || !seatId) return;
    const hasRole = (state.seats.get(seatId)?.crewRole ?? "") !== "";
    option.hidden = !hasRole;
    if (!hasRole && this.channel?.value === "role") this.channel.value = "side";
  }

  destroy(): void {
    for (const f of this.off) f();
  }

  private submit(e: Event): void {
    e.preventDefault();
    const text = this.text.value.trim();
    if (!text) return void showNear(this.send, "Write a message first.");
    const channel = this.channel?.value === "role" ? "role" : this.channel ? "side" : "all";
    this.ctx.session.send("chat", { channel, text }, this.send);
    this.text.value = "";
  }

  /** A label and the button that starts marker mode (one tap on the map places it). */
  private markerForm(): HTMLElement {
    const label = h("input", {
      maxlength: String(SIDE_CHANNEL_LIMITS.markerLabel),
      placeholder: "Marker label",
      testid: "marker-label",
      "aria-label": "Marker label",
      autocomplete: "off",
    });
    const mark: HTMLButtonElement = h(
      "button",
      {
        type: "submit",
        testid: "marker-mode",
        title: "Then tap the map where it goes",
      },
      "Mark on map",
    );
    return h(
      "form",
      {
        class: "chat-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const text = label.value.trim();
          if (!text) return void showNear(mark, "Write the marker's label first.");
          this.ctx.ctl.setTool({ kind: "marker", label: text });
          label.value = "";
        },
      },
      label,
      mark,
    );
  }

  private add(row: HTMLElement): void {
    const atEnd = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 4;
    this.log.append(row);
    while (this.log.childElementCount > MAX_ROWS) this.log.firstElementChild?.remove();
    if (atEnd) this.log.scrollTop = this.log.scrollHeight;
  }
}

/** "Novak · Sector North · 00:42" over the text. */
function head(ctx: MatchContext, post: ChatPost | MarkerPost, channel: string): HTMLElement {
  // The instructor and truth spectators read every side's channels: the side goes first.
  const side =
    ctx.role !== "attacker" && ctx.role !== "defender" && ctx.role !== "ally" && post.side
      ? `${post.side} · `
      : "";
  const who = post.side ? `${side}${roleTitle(ctx.scenario, post.side, post.role)}` : "Instructor";
  const meta = h("span", { class: "muted num" }, `${who} · ${formatClock(post.t)}`);
  const badge = h("span", { class: `chat-channel ch-${channel}` }, channel);
  return h("div", { class: "chat-head" }, h("b", null, post.from), " ", badge, " ", meta);
}

function chatRow(ctx: MatchContext, post: ChatPost): HTMLElement {
  const text = h("div", { class: "chat-text" });
  setText(text, post.text);
  return h("li", { testid: "chat-line", "data-channel": post.channel }, head(ctx, post, post.channel), text);
}

function markerRow(ctx: MatchContext, post: MarkerPost): HTMLElement {
  const show = h(
    "button",
    {
      class: "linklike",
      title: "Show on the map",
      onclick: () => ctx.ctl.focusOn(post.at.x, post.at.y),
    },
    `Marker: ${post.label}`,
  );
  return h("li", { testid: "marker-line" }, head(ctx, post, "marker"), show);
}
