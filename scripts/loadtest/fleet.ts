/**
 * The load test's clients: plain colyseus.js clients, as a browser would use them, spread over the
 * given endpoints. Every WebSocket frame they receive is counted (messages and payload bytes), and
 * everything that goes wrong is kept as an error: a refused create or join, a room error, an `error`
 * reply, or a connection that closes before the test ends it.
 */
import { Client, type Room } from "colyseus.js";
import type { CreateMatchOptions, ErrorReply, JoinOptions } from "../../shared/protocol.js";
import { MatchState } from "../../shared/wire/state.js";

/** colyseus.js's close code for a leave the client asked for. */
const CONSENTED_CLOSE = 4000;

interface FrameSource {
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

function frameBytes(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof data === "string") return Buffer.byteLength(data);
  return 0;
}

export interface FleetTotals {
  messages: number;
  bytes: number;
  clients: number;
  errors: number;
}

export class Fleet {
  readonly errors: string[] = [];
  private readonly rooms: Room<MatchState>[] = [];
  private messages = 0;
  private bytes = 0;
  private closing = false;
  private readonly clients: Client[];

  constructor(
    readonly endpoints: string[],
    private readonly startedAtMs: number,
  ) {
    this.clients = endpoints.map((url) => new Client(url));
  }

  error(what: string): void {
    this.errors.push(`[${((Date.now() - this.startedAtMs) / 1000).toFixed(1)} s] ${what}`);
  }

  /** Create a match through endpoint `via` (modulo the endpoint count); the creator takes a seat too. */
  async create(
    via: number,
    options: CreateMatchOptions & JoinOptions,
  ): Promise<Room<MatchState> | undefined> {
    return this.connect(via, `create ${options.scenario}`, (client) =>
      client.create("match", options, MatchState),
    );
  }

  /** Like `create`, but a refusal is thrown to the caller instead of counted as an error. */
  async tryCreate(via: number, options: CreateMatchOptions & JoinOptions): Promise<Room<MatchState>> {
    const room = await this.clients[via % this.clients.length].create("match", options, MatchState);
    this.watch(room, `create ${options.scenario} via ${this.endpoints[via % this.endpoints.length]}`);
    return room;
  }

  async join(via: number, roomId: string, options: JoinOptions): Promise<Room<MatchState> | undefined> {
    return this.connect(via, `join ${roomId} as ${options.seat}`, (client) =>
      client.joinById(roomId, options, MatchState),
    );
  }

  totals(): FleetTotals {
    return {
      messages: this.messages,
      bytes: this.bytes,
      clients: this.rooms.length,
      errors: this.errors.length,
    };
  }

  /** Leave every room (consented), waiting at most `timeoutMs`. */
  async close(timeoutMs = 5000): Promise<void> {
    this.closing = true;
    const leaves = this.rooms.map((room) => room.leave(true).catch(() => undefined));
    await Promise.race([Promise.all(leaves), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  }

  private async connect(
    via: number,
    what: string,
    open: (client: Client) => Promise<Room<MatchState>>,
  ): Promise<Room<MatchState> | undefined> {
    const endpoint = this.endpoints[via % this.endpoints.length];
    try {
      const room = await open(this.clients[via % this.clients.length]);
      this.watch(room, `${what} via ${endpoint}`);
      return room;
    } catch (error) {
      this.error(`${what} via ${endpoint} failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private watch(room: Room<MatchState>, label: string): void {
    this.rooms.push(room);
    const ws = (room.connection as unknown as { transport: { ws: FrameSource } }).transport.ws;
    ws.addEventListener("message", (event) => {
      this.messages++;
      this.bytes += frameBytes(event.data);
    });
    room.onMessage("error", (reply: ErrorReply) =>
      this.error(`${label}: error reply ${reply.code}: ${reply.message}`),
    );
    room.onMessage("*", () => undefined);
    room.onError((code, message) => this.error(`${label}: room error ${code} ${message ?? ""}`));
    room.onLeave((code) => {
      if (!this.closing || code !== CONSENTED_CLOSE) this.error(`${label}: connection closed (code ${code})`);
    });
  }
}
