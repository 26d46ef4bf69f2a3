import { type DestinationStream, type Level, type Logger, pino } from "pino";

/**
 * Structured logs (JSON lines). Everything a match logs goes through `matchLogger`, so every line of a
 * match carries its `matchId` (the room id) and join `code`.
 */
export type { Logger };
export type LogLevel = Level | "silent";

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino({ name: "skyshield", level, base: { pid: process.pid } }, destination);
}

export function matchLogger(base: Logger, matchId: string, code: string): Logger {
  return base.child({ matchId, code });
}
