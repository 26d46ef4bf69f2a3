import { Client, type Room } from "colyseus.js";
import type { z } from "zod";
import {
  type ClientMessages,
  type ClientMessageType,
  type CreateMatchOptions,
  type ErrorReply,
  type FeedEntry,
  type JoinOptions,
  SEAT_HOLD_SEC,
  type SeatRole,
  type ViewName,
} from "../../shared/protocol.js";
import type { ChatPost, MarkerPost } from "../../shared/side-channel.js";
import { MatchState, shownState } from "../../shared/wire/state.js";
import { Emitter } from "../util/emitter.js";
import { lookupMatch } from "./api.js";
import {
  isChatPost,
  isErrorReply,
  isFeed,
  isMarkerPost,
  isSummary,
  isWelcome,
  type Summary,
  type Welcome,
} from "./messages.js";
import { stored } from "./storage.js";

/**
 * One connection to one match: joins or creates the room, routes server messages, sends orders with
 * a request id so a rejection can be shown next to the control that sent it, and reconnects by itself
 * (the server holds a dropped seat for SEAT_HOLD_SEC).
 */

export type OrderInput<T extends ClientMessageType> = Omit<z.input<(typeof ClientMessages)[T]>, "rid">;

export type ConnectionStatus =
  | { kind: "connected" }
  | { kind: "reconnecting"; secondsLeft: number; attempt: number }
  | { kind: "lost"; reason: string };

type SessionEvents = {
  state: [MatchState];
  welcome: [Welcome];
  feed: [FeedEntry[]];
  /** The feed was emptied (the view changed); a fresh backlog follows. */
  "feed-reset": [];
  summary: [Summary];
  /** Side-channel chat and markers, as the server delivered them (docs/classroom.md, "Crews"). */
  chat: [ChatPost];
  marker: [MarkerPost];
  rejected: [ErrorReply, HTMLElement | null];
  connection: [ConnectionStatus];
  view: [ViewName];
};

const RETRY_EVERY_MS = 2_000;
const FEED_KEEP = 400;
/** Chat messages and markers kept for the panel and the map. */
const POSTS_KEEP = 200;
/** Colyseus' close code for a leave the client asked for. */
const CONSENTED = 4000;
/** The room's close codes for a seat that must not come back by itself. */
const FINAL_CLOSE: Record<number, string> = {
  4003: "The instructor removed you from the match.",
  4029: "Disconnected for sending too many orders too fast.",
};

/** The credentials this tab holds for a seat of a match (server/match/access.ts decides what they open). */
function credentials(code: string, seat: SeatRole): Partial<JoinOptions> {
  const take = (value: string | null) => value ?? undefined;
  switch (seat) {
    case "instructor":
      return { instructorKey: take(stored.instructorKey(code)) };
    case "spectator":
      return { spectatorKey: take(stored.spectatorKey(code)) };
    default:
      return { rejoinCode: take(stored.rejoinCode(code)) };
  }
}

/** Keep what the welcome hands out: the rejoin code, the spectator key, the instructor key by match id. */
function keep<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > POSTS_KEEP) list.splice(0, list.length - POSTS_KEEP);
}

function keepCredentials(code: string, welcome: Welcome): void {
  if (!code) return;
  if (welcome.rejoinCode) stored.saveRejoinCode(code, welcome.rejoinCode);
  if (welcome.spectatorKey) stored.saveSpectatorKey(code, welcome.spectatorKey);
  if (welcome.instructorKey) stored.saveMatchKey(welcome.matchId, welcome.instructorKey);
}

export class MatchSession extends Emitter<SessionEvents> {
  readonly client = new Client(`${location.protocol}//${location.host}`);
  room: Room<MatchState> | null = null;
  welcome: Welcome | null = null;
  view: ViewName = "truth";
  code = "";
  readonly feed: FeedEntry[] = [];
  readonly summaries: Summary[] = [];
  readonly chats: ChatPost[] = [];
  readonly markers: MarkerPost[] = [];
  private nextRid = 1;
  private readonly anchors = new Map<string, HTMLElement | null>();
  private leaving = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly feedKeys = new Set<string>();

  get role(): SeatRole | null {
    return this.welcome?.role ?? null;
  }

  /** The state as this screen shows it (a delayed spectator's fields of the present come from its picture). */
  get state(): MatchState | null {
    return this.room ? shownState(this.room.state) : null;
  }

  /** Create a match; the creator takes the instructor seat and receives its key. */
  async create(options: CreateMatchOptions, name: string): Promise<void> {
    const room = await this.client.create("match", { ...options, seat: "instructor", name }, MatchState);
    await this.attach(room);
  }

  /** Join a running match by its code: reconnect with a stored token first, else take the seat afresh. */
  async join(
    code: string,
    options: Omit<JoinOptions, "instructorKey" | "spectatorKey" | "rejoinCode">,
  ): Promise<void> {
    const upper = code.trim().toUpperCase();
    const token = stored.token(upper);
    const welcome = stored.welcome(upper);
    if (token && welcome?.role === options.seat) {
      try {
        const room = await this.client.reconnect(token, MatchState);
        this.code = upper;
        this.welcome = welcome;
        await this.attach(room);
        return;
      } catch {
        stored.forgetToken(upper);
      }
    }
    const match = await lookupMatch(upper);
    const room = await this.client.joinById(
      match.roomId,
      { ...options, ...credentials(upper, options.seat) },
      MatchState,
    );
    await this.attach(room);
  }

  /** Send an order; `anchor` is the control that sent it, where a rejection will be shown. */
  send<T extends ClientMessageType>(
    type: T,
    message: OrderInput<T>,
    anchor: HTMLElement | null = null,
  ): string {
    const rid = `r${this.nextRid++}`;
    this.anchors.set(rid, anchor);
    if (this.anchors.size > 200) this.anchors.delete(this.anchors.keys().next().value as string);
    if (type === "set-view" && (message as OrderInput<"set-view">).view !== this.view) {
      this.setView((message as OrderInput<"set-view">).view);
      this.resetFeed();
    }
    this.room?.send(type, { ...message, rid });
    return rid;
  }

  /** Drop the socket without leaving the seat, as a network failure would (for tests and drills). */
  dropConnection(): void {
    void this.room?.leave(false);
  }

  async leave(): Promise<void> {
    this.leaving = true;
    this.stopRetry();
    stored.forgetToken(this.code);
    const room = this.room;
    this.room = null;
    if (room) await room.leave(true).catch(() => undefined);
    this.clear();
  }

  private resetFeed(): void {
    this.feed.length = 0;
    this.feedKeys.clear();
    this.emit("feed-reset");
  }

  private addFeed(entries: FeedEntry[]): FeedEntry[] {
    const fresh = entries.filter((e) => {
      const key = `${e.round}|${e.t}|${e.kind}|${e.text}`;
      if (this.feedKeys.has(key)) return false;
      this.feedKeys.add(key);
      return true;
    });
    this.feed.push(...fresh);
    if (this.feed.length > FEED_KEEP) {
      for (const old of this.feed.splice(0, this.feed.length - FEED_KEEP)) {
        this.feedKeys.delete(`${old.round}|${old.t}|${old.kind}|${old.text}`);
      }
    }
    return fresh;
  }

  private setView(view: ViewName): void {
    this.view = view;
    this.emit("view", view);
  }

  private attach(room: Room<MatchState>): Promise<void> {
    this.room = room;
    this.leaving = false;
    const welcomed = new Promise<void>((resolve) => {
      room.onMessage("welcome", (message: unknown) => {
        if (!isWelcome(message)) return;
        this.welcome = message;
        this.setView(message.view);
        if (this.code) stored.saveWelcome(this.code, message);
        if (message.instructorKey && this.code) stored.saveInstructorKey(this.code, message.instructorKey);
        keepCredentials(this.code, message);
        this.emit("welcome", message);
        resolve();
      });
      // A reconnected seat is not welcomed again: its earlier welcome still stands.
      if (this.welcome) {
        this.setView(this.welcome.view);
        resolve();
      }
    });
    room.onMessage("error", (message: unknown) => {
      if (!isErrorReply(message)) return;
      const anchor = message.rid ? (this.anchors.get(message.rid) ?? null) : null;
      if (message.type === "set-view" && this.welcome) this.setView(this.welcome.view);
      this.emit("rejected", message, anchor);
    });
    room.onMessage("feed", (message: unknown) => {
      if (!isFeed(message)) return;
      const fresh = this.addFeed(message.entries);
      if (fresh.length > 0) this.emit("feed", fresh);
    });
    room.onMessage("summary", (message: unknown) => {
      if (!isSummary(message)) return;
      this.summaries.push(message);
      this.emit("summary", message);
    });
    room.onMessage("chat", (message: unknown) => {
      if (!isChatPost(message)) return;
      keep(this.chats, message);
      this.emit("chat", message);
    });
    room.onMessage("marker", (message: unknown) => {
      if (!isMarkerPost(message)) return;
      keep(this.markers, message);
      this.emit("marker", message);
    });
    room.onStateChange((state) => {
      if (state.code && state.code !== this.code) {
        this.code = state.code;
        stored.saveToken(this.code, room.reconnectionToken);
        if (this.welcome) stored.saveWelcome(this.code, this.welcome);
        if (this.welcome?.instructorKey) stored.saveInstructorKey(this.code, this.welcome.instructorKey);
      }
      this.emit("state", shownState(state));
    });
    room.onLeave((code) => this.onLeave(code));
    this.emit("connection", { kind: "connected" });
    return welcomed;
  }

  private onLeave(code: number): void {
    if (this.leaving || code === CONSENTED || FINAL_CLOSE[code]) {
      this.room = null;
      stored.forgetToken(this.code);
      this.emit("connection", { kind: "lost", reason: FINAL_CLOSE[code] ?? "You left the match." });
      return;
    }
    const token = this.room?.reconnectionToken;
    this.room = null;
    if (!token) {
      this.emit("connection", { kind: "lost", reason: "The connection to the match was closed." });
      return;
    }
    this.retry(token, Date.now() + SEAT_HOLD_SEC * 1000, 1);
  }

  private retry(token: string, deadlineMs: number, attempt: number): void {
    const secondsLeft = Math.max(0, Math.round((deadlineMs - Date.now()) / 1000));
    if (secondsLeft <= 0) {
      this.emit("connection", { kind: "lost", reason: "The seat was not recovered within two minutes." });
      return;
    }
    this.emit("connection", { kind: "reconnecting", secondsLeft, attempt });
    this.client
      .reconnect(token, MatchState)
      .then((room) => {
        this.stopRetry();
        void this.attach(room);
        stored.saveToken(this.code, room.reconnectionToken);
        this.emit("state", shownState(room.state));
      })
      .catch(() => {
        if (this.leaving) return;
        this.retryTimer = setTimeout(() => this.retry(token, deadlineMs, attempt + 1), RETRY_EVERY_MS);
      });
  }

  private stopRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
