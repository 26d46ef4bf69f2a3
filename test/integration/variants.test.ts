import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRecord } from "../../server/store/records.js";
import type { CompiledScenario } from "../../shared/compiled.js";
import type { MatchListing } from "../../shared/history.js";
import { MatchState } from "../../shared/wire/state.js";
import { tempDir } from "../unit/store/helpers.js";
import {
  createAs,
  getJson,
  type InProcessServer,
  planMatch,
  startInProcess,
  until,
} from "./history-harness.js";

/**
 * A match plays the scenario variants its creator picks (the `variants` create option): the room's
 * scenario is the variant's, clients see which variants are in play and load the same scenario, and the
 * record and the history list keep them. An unknown variant is refused naming the known ones.
 */

const VARIANT = "trigger-happy-sam";

type Doctrine = NonNullable<CompiledScenario["catalogue"]["layers"][string]["doctrine"]>;
const mediumSamDoctrine = (scenario: CompiledScenario): Doctrine =>
  scenario.catalogue.layers["medium-sam"].doctrine ?? {};

describe("scenario variants in a live match", () => {
  const tmp = tempDir("skyshield-variants-");
  let server: InProcessServer;

  beforeAll(async () => {
    server = await startInProcess(`${tmp.dir}/history.db`);
  });

  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it("serves a scenario with variants applied, changing exactly the fields the variant sets", async () => {
    const shipped = await getJson<CompiledScenario>(`${server.url}/api/scenarios/training-range`);
    const varied = await getJson<CompiledScenario>(
      `${server.url}/api/scenarios/training-range?variants=${VARIANT}`,
    );
    expect(mediumSamDoctrine(shipped).weapons).not.toBe("free");
    expect(mediumSamDoctrine(varied).weapons).toBe("free");
    expect(mediumSamDoctrine(varied).reserve).toEqual([]);
    // Everything else is the scenario as shipped.
    const rest = structuredClone(varied);
    rest.catalogue.layers["medium-sam"].doctrine = mediumSamDoctrine(shipped);
    expect(rest).toEqual(shipped);
  });

  it("refuses an unknown variant over HTTP and for a new match, naming the known ones", async () => {
    const response = await fetch(`${server.url}/api/scenarios/training-range?variants=nope`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /unknown variant 'nope' \(known: 'trigger-happy-sam'\)/,
    );
    await expect(
      new Client(server.url).create(
        "match",
        { ...planMatch(1, 600), variants: ["nope"], seat: "instructor", name: "instructor" },
        MatchState,
      ),
    ).rejects.toThrow(/unknown variant 'nope' \(known: 'trigger-happy-sam'\)/);
  });

  it("plays the chosen variant, shows it to clients and in the lobby, and records it", async () => {
    const instructor = await createAs(
      server.url,
      { ...planMatch(7, 600), variants: [VARIANT] },
      "instructor",
    );
    const { matchId } = await instructor.welcome;
    await until("the state", () => instructor.room.state.code !== "");
    expect(instructor.room.state.variants).toBe(VARIANT);
    const lookup = await getJson<{ variants: string[] }>(
      `${server.url}/api/matches/${instructor.room.state.code}`,
    );
    expect(lookup.variants).toEqual([VARIANT]);

    await until("the match to end", () => instructor.summaries.some((s) => s.final), 120_000);
    await instructor.room.leave();
    const listing = await until("the record", async () => {
      const m = await getJson<MatchListing>(`${server.url}/api/history/${matchId}`);
      return m.status === "finished" && m;
    });
    expect(listing.variants).toEqual([VARIANT]);
    const history = await getJson<MatchListing[]>(`${server.url}/api/history`);
    expect(history.find((m) => m.id === matchId)?.variants).toEqual([VARIANT]);
    const record = loadRecord(server.history.db, matchId)!;
    expect(record.options).toMatchObject({ variants: [VARIANT] });
    expect(mediumSamDoctrine(record.scenarioFile).weapons).toBe("free");
  });
});
