import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchListing } from "../../shared/history.js";
import type { MatchSummary } from "../../sim/api.js";
import type { AfterActionReview } from "../../sim/review/aar.js";
import { tempDir } from "../unit/store/helpers.js";
import { createAs, getJson, type InProcessServer, startInProcess, until } from "./history-harness.js";

/**
 * The debrief per crew (docs/classroom.md, "Debrief per crew") of a recorded compact-shield match played
 * by the scenario's plans: the AAR's rows per sector and per strike planner add up to the match's totals.
 * Both nights play whole at ×600 (about two minutes).
 */

describe("debrief per crew of a recorded compact-shield match", () => {
  const tmp = tempDir("skyshield-crew-debrief-");
  let server: InProcessServer;
  let matchId = "";
  let final: MatchSummary;

  beforeAll(async () => {
    server = await startInProcess(join(tmp.dir, "history.db"));
    const watcher = await createAs(
      server.url,
      {
        scenario: "compact-shield",
        seed: 5,
        pacing: { mode: "realtime", timeScale: 600 },
        seats: { attacker: "plan", defender: "plan", ally: "plan" },
        autostart: true,
        planningSec: 5,
      },
      "instructor",
    );
    const { room } = watcher;
    final = (await until("the match to end", () => watcher.summaries.find((s) => s.final), 200_000)).summary;
    matchId = (await watcher.welcome).matchId;
    await room.leave();
    await until("the record to finish", async () => {
      const m = await getJson<MatchListing>(`${server.url}/api/history/${matchId}`);
      return m.status === "finished";
    });
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it("adds the sectors' and planners' figures up to the match totals", async () => {
    const aar = await getJson<AfterActionReview>(`${server.url}/api/history/${matchId}/aar`);
    expect(aar.summary).toEqual(final);
    const { sectors, planners } = aar.crews;
    const sum = <T>(rows: T[], of: (row: T) => number) => rows.reduce((n, row) => n + of(row), 0);

    expect(sectors.map((s) => s.role)).toEqual([
      "sector-north",
      "sector-centre",
      "sector-jerusalem",
      "sector-south",
    ]);
    expect(final.threats_leaked).toBeGreaterThan(0);
    expect(sum(sectors, (s) => s.leaked)).toBe(final.threats_leaked);
    expect(sum(sectors, (s) => s.kills)).toBe(final.threats_intercepted);
    expect(sum(sectors, (s) => s.shots)).toBe(sum(aar.layers, (l) => l.shots));
    expect(sum(sectors, (s) => s.spendUsd)).toBeCloseTo(final.defender_spend_usd, 3);
    expect(sum(sectors, (s) => s.casualties)).toBeCloseTo(final.casualties, 3);
    expect(sum(sectors, (s) => s.aimed)).toBeLessThanOrEqual(final.threats_launched);
    expect(sectors.filter((s) => s.shots > 0).length).toBeGreaterThan(1);

    expect(planners.map((p) => p.role)).toEqual(["planner-north", "planner-centre", "planner-south"]);
    expect(sum(planners, (p) => p.launched)).toBe(final.threats_launched);
    expect(sum(planners, (p) => p.leaked)).toBe(final.threats_leaked);
    expect(sum(planners, (p) => p.intercepted)).toBe(final.threats_intercepted);
    expect(sum(planners, (p) => p.crashed)).toBe(final.threats_crashed);
    expect(sum(planners, (p) => p.decoys)).toBe(final.decoys_launched);
    expect(sum(planners, (p) => p.spendUsd)).toBeCloseTo(final.attacker_spend_usd, 3);
    expect(planners.filter((p) => p.launched > 0).length).toBeGreaterThan(1);
  });
});
