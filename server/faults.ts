import type { Logger } from "./log.js";

/**
 * What clients get wrong (refused joins, floods, malformed frames) is worth a line in the log, not a
 * stack trace, and a client must not be able to fill the log at will: each kind of fault is logged at
 * `warn`, without stack, at most `perWindow` times per window; the next line after a quiet spell says how
 * many were left out.
 */
export const FAULT_WINDOW_MS = 60_000;
export const FAULTS_PER_WINDOW = 20;

type Windows = Map<string, { startMs: number; logged: number; suppressed: number }>;

export class FaultLog {
  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly perWindow = FAULTS_PER_WINDOW,
    /** Shared with children: the limits hold for the whole process. */
    private readonly windows: Windows = new Map(),
  ) {}

  /** Log one fault of `kind` (a stable name: "join refused", "flood", "bad frame"). */
  fault(kind: string, fields: Record<string, unknown>, message: string): void {
    const nowMs = this.now();
    let window = this.windows.get(kind);
    if (!window || nowMs - window.startMs >= FAULT_WINDOW_MS) {
      const suppressed = window?.suppressed ?? 0;
      window = { startMs: nowMs, logged: 0, suppressed: 0 };
      this.windows.set(kind, window);
      if (suppressed > 0) this.log.warn({ kind, suppressed }, "client faults left out of the log");
    }
    if (window.logged >= this.perWindow) {
      window.suppressed++;
      return;
    }
    window.logged++;
    this.log.warn({ kind, ...fields }, message);
  }

  /** A child for one match: its lines carry the match's fields, its limits are shared with the parent. */
  child(fields: Record<string, unknown>): FaultLog {
    return new FaultLog(this.log.child(fields), this.now, this.perWindow, this.windows);
  }
}

/**
 * Colyseus prints the stack of whatever it could not handle, including frames a client sent that are not
 * MessagePack at all. Its lines go through this adapter: those caused by a client's frame become faults,
 * everything else passes through unchanged.
 */
export function colyseusLogger(log: Logger, faults: FaultLog): Logger {
  const clientCaused = (text: string) =>
    /couldn't decode message|_onMessage|onMessage for ".*" not registered|msgpackr|Unexpected end of|Data read, but end of buffer/i.test(
      text,
    );
  const error = (...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" ");
    if (clientCaused(text)) {
      faults.fault("bad frame", { reason: text.split("\n")[0].slice(0, 200) }, "undecodable client frame");
      return;
    }
    (log.error as (...a: unknown[]) => void)(...args);
  };
  return new Proxy(log, {
    get: (target, property, receiver) =>
      property === "error" ? error : Reflect.get(target, property, receiver),
  });
}
