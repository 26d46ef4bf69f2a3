import { describe, expect, it } from "vitest";
import { EVENT_COLUMNS, eventsCsv, layersCsv, toCsv } from "../../../server/store/export.js";
import type { SimEvent } from "../../../sim/api.js";
import { parseCsv } from "../../integration/history-harness.js";

describe("CSV exports", () => {
  it("quotes commas, quotes and line breaks, and defuses spreadsheet formulas", () => {
    const csv = toCsv(
      ["a", "b", "c", "d"],
      [
        ["x,y", 'say "hi"', "two\nlines", "=SUM(A1)"],
        [1.5, null, true, -2],
      ],
    );
    expect(csv).toBe('a,b,c,d\r\n"x,y","say ""hi""","two\nlines",\'=SUM(A1)\r\n1.5,,true,-2\r\n');
    expect(parseCsv(csv)).toEqual([
      ["a", "b", "c", "d"],
      ["x,y", 'say "hi"', "two\nlines", "'=SUM(A1)"],
      ["1.5", "", "true", "-2"],
    ]);
  });

  it("writes one row per event with its own columns and the rest as JSON", () => {
    const events: SimEvent[] = [
      {
        type: "launch",
        t: 10,
        round: 1,
        visibleTo: ["attacker", "truth"],
        threatId: "t1",
        threatType: "shahed",
        zone: "z1",
        target: "city",
        costUsd: 35000,
      },
      {
        type: "impact",
        t: 99.5,
        round: 1,
        visibleTo: ["truth"],
        threatId: "t1",
        threatType: "shahed",
        x: 1.25,
        y: -3,
        hits: [{ assetId: "city", damage: 1 }],
        casualties: 2,
        leakReason: "out-of-range",
      },
    ];
    const rows = parseCsv(eventsCsv(events));
    expect(rows[0]).toEqual([...EVENT_COLUMNS]);
    expect(rows[1]).toEqual([
      "1",
      "10",
      "launch",
      "attacker truth",
      "t1",
      "shahed",
      "",
      "",
      "",
      "35000",
      "",
      '{"zone":"z1","target":"city"}',
    ]);
    expect(rows[2].slice(0, 11)).toEqual([
      "1",
      "99.5",
      "impact",
      "truth",
      "t1",
      "shahed",
      "",
      "1.25",
      "-3",
      "",
      "out-of-range",
    ]);
    expect(JSON.parse(rows[2][11])).toEqual({ hits: [{ assetId: "city", damage: 1 }], casualties: 2 });
  });

  it("writes the per-layer table with empty cells where a ratio has no meaning", () => {
    const csv = layersCsv([
      {
        layer: "gun",
        name: "Gun",
        shots: 10,
        kills: 4,
        misses: 5,
        spendUsd: 50000,
        costPerKillUsd: 12500,
        pkAchieved: 4 / 9,
        spoofed: 0,
      },
      {
        layer: "ew",
        name: "Jammer",
        shots: 0,
        kills: 0,
        misses: 0,
        spendUsd: 0,
        costPerKillUsd: null,
        pkAchieved: null,
        spoofed: 7,
      },
    ]);
    expect(parseCsv(csv).slice(1)).toEqual([
      ["gun", "Gun", "10", "4", "5", "0", "50000", "12500", String(4 / 9)],
      ["ew", "Jammer", "0", "0", "0", "7", "0", "", ""],
    ]);
  });
});
