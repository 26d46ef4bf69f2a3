import { type ChildProcess, spawn } from "node:child_process";
import { Client, type Room } from "colyseus.js";
import { createGameServer, type GameServer } from "../../server/app.js";
import { History } from "../../server/store/history.js";
import type { CreateMatchOptions } from "../../shared/protocol.js";
import { MatchState } from "../../shared/wire/state.js";
import type { MatchSummary } from "../../sim/api.js";

/**
 * Real servers for the history tests: in this process (createGameServer with a History on a temp
 * file), or as a child process running `node --import tsx server/main.ts` that can be SIGKILLed.
 */

export const ROOT = new URL("../../", import.meta.url).pathname;

export interface InProcessServer {
  game: GameServer;
  history: History;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startInProcess(dbPath: string): Promise<InProcessServer> {
  const history = new History({ path: dbPath });
  const game = createGameServer({ logLevel: "silent", history, debriefKeepSec: 30 });
  const port = await game.listen(0, "127.0.0.1");
  return { game, history, port, url: `http://127.0.0.1:${port}`, stop: () => game.shutdown() };
}

export interface ChildServer {
  child: ChildProcess;
  port: number;
  url: string;
  /** Every log line so far (JSON lines from pino). */
  lines: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `node --import tsx server/main.ts` with SKYSHIELD_DB, on `port` (0: a free one; a restart may take
 * the port of the process it replaces, so clients find it where they left it); resolves once it listens.
 */
export function startChild(
  dbPath: string,
  port = 0,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SKYSHIELD_DB: dbPath,
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void kill("SIGKILL");
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${lines.join("\n")}`));
    }, timeoutMs);
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        const port = /"msg":"listening"/.test(line) ? Number(/"port":(\d+)/.exec(line)?.[1]) : 0;
        if (port > 0) {
          clearTimeout(timer);
          resolve({ child, port, url: `http://127.0.0.1:${port}`, lines, kill });
        }
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${lines.join("\n")}`));
    });
  });
}

/** Scripted attacker and defender on the one-night training range, phases on timers. */
export function planMatch(seed: number, timeScale: number): CreateMatchOptions {
  return {
    scenario: "training-range",
    seed,
    pacing: { mode: "realtime", timeScale },
    seats: { attacker: "plan", defender: "plan" },
    autostart: true,
    planningSec: 5,
  };
}

export interface Watcher {
  room: Room<MatchState>;
  summaries: { final: boolean; summary: MatchSummary }[];
  welcome: Promise<{ seatId: string; matchId: string; instructorKey?: string }>;
}

function watch(room: Room<MatchState>): Watcher {
  const summaries: Watcher["summaries"] = [];
  room.onMessage("summary", (m: { final: boolean; summary: MatchSummary }) => summaries.push(m));
  room.onMessage("feed", () => {});
  room.onMessage("error", () => {});
  const welcome = new Promise<{ seatId: string; matchId: string; instructorKey?: string }>((resolve) =>
    room.onMessage("welcome", resolve),
  );
  return { room, summaries, welcome };
}

export async function createAs(url: string, options: CreateMatchOptions, seat: "instructor" | "spectator") {
  const room = await new Client(url).create("match", { ...options, seat, name: `${seat} one` }, MatchState);
  return watch(room);
}

export async function joinByCode(url: string, code: string, join: Record<string, unknown>): Promise<Watcher> {
  const lookup = (await (await fetch(`${url}/api/matches/${code}`)).json()) as { roomId: string };
  return watch(await new Client(url).joinById(lookup.roomId, join, MatchState));
}

export async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}
