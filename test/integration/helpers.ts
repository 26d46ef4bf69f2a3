/**
 * Test support: a real server on a free loopback port and real colyseus.js clients over WebSocket.
 * `TestClient` wraps one client room and keeps every message it receives, so tests can wait for
 * conditions and count replies.
 */
import { Client, type Room } from "colyseus.js";
import { expect } from "vitest";
import { createGameServer, type GameServer, type GameServerConfig } from "../../server/app.js";
import type { ErrorReply, FeedEntry, ServerMessage } from "../../shared/protocol.js";
import { MatchState, type ScoreBoard, scoresOf } from "../../shared/wire/state.js";

export interface TestServer {
  game: GameServer;
  port: number;
  httpUrl: string;
  client(): Client;
  close(): Promise<void>;
}

export async function startServer(config: GameServerConfig = {}): Promise<TestServer> {
  const game = createGameServer({ logLevel: "silent", ...config });
  const port = await game.listen(0, "127.0.0.1");
  return {
    game,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    client: () => new Client(`ws://127.0.0.1:${port}`),
    close: () => game.shutdown(),
  };
}

/** A quick match: one short night at full speed. */
export const FAST_MATCH = {
  scenario: "training-range",
  autostart: true,
  planningSec: 5,
  pacing: { mode: "realtime", timeScale: 600 },
} as const;

/**
 * The phases a watcher saw over a one-night match, in order, each once. The first patch may still show
 * the lobby: autostart moves on to planning within the same second.
 */
export function expectWholeMatch(phases: readonly string[]): void {
  expect(phases.filter((phase) => phase !== "lobby")).toEqual(["planning", "live", "assessment", "debrief"]);
  expect(phases.indexOf("lobby")).toBeLessThanOrEqual(0);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class TestClient {
  readonly errors: ErrorReply[] = [];
  readonly feed: FeedEntry[] = [];
  readonly summaries: ServerMessage<"summary">[] = [];
  welcome: ServerMessage<"welcome"> | undefined;
  leftWith: number | undefined;
  patches = 0;

  private constructor(readonly room: Room<MatchState>) {
    room.onMessage("error", (reply: ErrorReply) => this.errors.push(reply));
    room.onMessage("feed", (message: ServerMessage<"feed">) => this.feed.push(...message.entries));
    room.onMessage("summary", (message: ServerMessage<"summary">) => this.summaries.push(message));
    room.onMessage("welcome", (message: ServerMessage<"welcome">) => {
      this.welcome = message;
    });
    room.onStateChange(() => this.patches++);
    room.onLeave((code) => {
      this.leftWith = code;
    });
  }

  static async create(client: Client, options: Record<string, unknown>): Promise<TestClient> {
    return new TestClient(await client.create("match", options, MatchState));
  }

  static async join(client: Client, roomId: string, options: Record<string, unknown>): Promise<TestClient> {
    return new TestClient(await client.joinById(roomId, options, MatchState));
  }

  static async reconnect(client: Client, token: string): Promise<TestClient> {
    return new TestClient(await client.reconnect(token, MatchState));
  }

  get state(): MatchState {
    return this.room.state;
  }

  /** The scoreboard this client's view receives. */
  get score(): ScoreBoard {
    return scoresOf(this.room.state);
  }

  send(type: string, message?: unknown): void {
    this.room.send(type, message);
  }

  /** Resolve once `check` holds (tested on every patch and every 20 ms); fail after `timeoutMs`. */
  async waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(20);
    }
  }

  /** Wait until `count` more patches arrived (the state has settled that many ticks). */
  async patchesPass(count: number): Promise<void> {
    const target = this.patches + count;
    await this.waitFor(() => this.patches >= target, `${count} patches`);
  }

  /** The decoded state as plain JSON (a copy). */
  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.room.state.toJSON()));
  }

  keys(map: "tracks" | "units" | "interceptors" | "salvos" | "economy" | "delayed" | "scores"): string[] {
    return [...this.room.state[map].keys()];
  }

  async leave(): Promise<void> {
    if (this.leftWith === undefined) await this.room.leave(true);
  }
}
