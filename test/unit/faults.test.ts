import pino from "pino";
import { describe, expect, it } from "vitest";
import { colyseusLogger, FAULT_WINDOW_MS, FaultLog } from "../../server/faults.js";

/** Client faults: a line each, at warn, without stack, at most so many per kind and minute. */
function capture() {
  const lines: { level: number; msg: string; suppressed?: number; kind?: string }[] = [];
  const log = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, log };
}

describe("the fault log", () => {
  it("logs each kind at most N times a window, then says how many it left out", () => {
    const { lines, log } = capture();
    let now = 0;
    const faults = new FaultLog(log, () => now, 3);
    for (let i = 0; i < 10; i++) faults.fault("flood", { i }, "disconnected for flooding");
    faults.child({ matchId: "m" }).fault("flood", {}, "one more, from a match"); // shares the limit
    faults.fault("refused", {}, "refused");
    expect(lines.map((l) => [l.level, l.kind])).toEqual([
      [40, "flood"],
      [40, "flood"],
      [40, "flood"],
      [40, "refused"],
    ]);
    now += FAULT_WINDOW_MS;
    faults.fault("flood", {}, "disconnected for flooding");
    expect(lines.slice(-2)).toEqual([
      expect.objectContaining({ level: 40, kind: "flood", suppressed: 8 }),
      expect.objectContaining({ level: 40, kind: "flood", msg: "disconnected for flooding" }),
    ]);
  });

  it("turns Colyseus's stack traces of undecodable client frames into faults, and passes the rest", () => {
    const { lines, log } = capture();
    const colyseus = colyseusLogger(log, new FaultLog(log));
    const decodeError = new Error("Data read, but end of buffer not reached");
    colyseus.error(decodeError.stack);
    colyseus.error("something else broke");
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, kind: "bad frame", msg: "undecodable client frame" }),
      expect.objectContaining({ level: 50, msg: "something else broke" }),
    ]);
    expect(JSON.stringify(lines[0])).not.toContain("    at ");
  });
});
