import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchRecorder } from "../../server/match/recorder.js";
import { botFactory } from "../../server/match/scripted.js";
import type { MatchState } from "../../shared/wire/state.js";
import type { SimEvent } from "../../sim/api.js";
import { LEAK_WORDS } from "../../sim/review/narration.js";
import { sightingId } from "../../sim/views.js";
import { FAST_MATCH, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * Hidden information over a whole match. The server records every sim event (through the recorder hook)
 * before it copies state to clients, so at each patch a client receives we know what its side could have
 * known: the defender holds a track only after detecting it and learns its type only by identifying it;
 * the attacker knows a defender unit only when the scenario says so or the unit revealed itself, and
 * then only what it is and where (no status, stock or doctrine, so no tooltip can show them); its feed
 * never names a defender unit, a miss, a shot or why a strike got through. The scoreboards are fogged too: the defender counts no launch it has not seen (detected, struck or
 * crashed), the attacker never reads the defender's interceptors, not even in a round's summary.
 */
interface Knowledge {
  launchedTypes: Map<string, string>;
  detected: Set<string>;
  /** Threats whose strike or crash was public. */
  ended: Set<string>;
  identified: Set<string>;
  /** The types the defender's identifications named, per track (a decoy: its mimic, then itself). */
  identifiedAs: Map<string, Set<string>>;
  revealedUnits: Set<string>;
}

const knowledge: Knowledge = {
  launchedTypes: new Map(),
  detected: new Set(),
  ended: new Set(),
  identified: new Set(),
  identifiedAs: new Map(),
  revealedUnits: new Set(),
};

function learn(event: SimEvent): void {
  if (event.type === "launch") knowledge.launchedTypes.set(event.threatId, event.threatType);
  if (event.type === "detect" && event.side === "defender") knowledge.detected.add(event.threatId);
  if (event.type === "identify" && event.side === "defender") {
    knowledge.identified.add(event.threatId);
    const named = knowledge.identifiedAs.get(event.threatId) ?? new Set<string>();
    knowledge.identifiedAs.set(event.threatId, named.add(event.threatType));
  }
  if (event.type === "unit-revealed") knowledge.revealedUnits.add(event.unitId);
  if (event.type === "impact" || event.type === "crash") knowledge.ended.add(event.threatId);
}

const recorder: MatchRecorder = {
  command: (_record, apply) => apply(),
  events: (events) => events.forEach(learn),
};
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ recorders: () => recorder, bots: botFactory });
});
afterAll(async () => {
  await server.close();
});

const KNOWN_TO_ATTACKER = new Set(["radar-central"]); // "known": true in training-range.json
const SEED = 7;
const violations: string[] = [];
/** What a sighting may tell: the decoded fields of the attacker's SightedUnit, nothing more. */
const SIGHTING_FIELDS = ["id", "kind", "side", "x", "y"];

function checkDefenderView(state: MatchState): void {
  for (const [key, track] of state.tracks) {
    if (!key.startsWith("d:")) violations.push(`defender decoded foreign item ${key}`);
    if (!knowledge.detected.has(track.id)) violations.push(`defender decoded undetected track ${track.id}`);
    if (track.kind !== "" && !knowledge.identified.has(track.id)) {
      violations.push(`defender decoded the type of unidentified track ${track.id}`);
    }
    // A decoy shows as the drone it mimics until unmasked: the kind is what the defender identified.
    if (track.kind !== "" && !knowledge.identifiedAs.get(track.id)?.has(track.kind)) {
      violations.push(`defender decoded a type it never identified for ${track.id}`);
    }
    if (track.identity === "unknown" && track.threatClass !== "")
      violations.push(`class leaked for ${track.id}`);
  }
  if (state.salvos.size > 0) violations.push("defender decoded planned salvos");
  for (const economy of state.economy.values()) {
    if (economy.side !== "defender") violations.push(`defender decoded the ${economy.side} economy`);
  }
  for (const key of [...state.units.keys(), ...state.interceptors.keys(), ...state.scores.keys()]) {
    if (!key.startsWith("d:")) violations.push(`defender decoded foreign item ${key}`);
  }
  if (state.phase === "live") {
    const seen = new Set([...knowledge.detected, ...knowledge.ended]).size;
    const launched = state.scores.get("d:score")?.threats_launched ?? 0;
    if (launched > seen) violations.push(`defender scoreboard counts ${launched} launches, seen ${seen}`);
  }
}

function checkAttackerView(state: MatchState): void {
  if (state.units.size > 0) violations.push("attacker decoded defence units (not sightings)");
  const allowed = new Set(
    [...KNOWN_TO_ATTACKER, ...knowledge.revealedUnits].map((id) => sightingId(SEED, id)),
  );
  for (const [key, sighting] of state.sightings) {
    if (!key.startsWith("a:")) violations.push(`attacker decoded foreign item ${key}`);
    if (!allowed.has(sighting.id)) violations.push(`attacker decoded an unrevealed unit as ${sighting.id}`);
    const fields = Object.keys(sighting.toJSON()).sort().join();
    if (fields !== SIGHTING_FIELDS.join()) violations.push(`attacker decoded sighting fields ${fields}`);
  }
  for (const track of state.tracks.values()) {
    if (knowledge.launchedTypes.get(track.id) !== track.kind)
      violations.push(`attacker track ${track.id} mismatch`);
  }
  if (state.interceptors.size > 0) violations.push("attacker decoded interceptors");
  for (const [key, score] of state.scores) {
    if (key !== "a:score") violations.push(`attacker decoded foreign scoreboard ${key}`);
    if (score.interceptors_left !== -1) violations.push("attacker decoded the defender's interceptors");
  }
  for (const economy of state.economy.values()) {
    if (economy.side !== "attacker") violations.push(`attacker decoded the ${economy.side} economy`);
  }
}

describe("fog of war over a whole match", () => {
  it("never lets a side decode what it could not know", async () => {
    const truth = await TestClient.create(server.client(), {
      ...FAST_MATCH,
      seed: SEED,
      pacing: { mode: "realtime", timeScale: 240 },
      // The scripted attack against an easy defender bot: strikes get through, so there are reasons to hide.
      seats: { attacker: "plan", defender: "bot:easy" },
      seat: "spectator",
      name: "Truth",
    });
    const roomId = truth.room.roomId;
    const defender = await TestClient.join(server.client(), roomId, {
      seat: "spectator",
      name: "D",
      view: "defender",
    });
    const attacker = await TestClient.join(server.client(), roomId, {
      seat: "spectator",
      name: "A",
      view: "attacker",
    });
    defender.room.onStateChange((state) => checkDefenderView(state));
    attacker.room.onStateChange((state) => checkAttackerView(state));

    let defenderMax = 0;
    let unknownSeen = 0;
    let undetectedInTruth = 0;
    let attackerUnitsMax = 0;
    defender.room.onStateChange((state) => {
      defenderMax = Math.max(defenderMax, state.tracks.size);
      unknownSeen += [...state.tracks.values()].filter((t) => t.identity === "unknown").length;
    });
    truth.room.onStateChange((state) => {
      undetectedInTruth += [...state.tracks.values()].filter((t) => !knowledge.detected.has(t.id)).length;
    });
    attacker.room.onStateChange((state) => {
      attackerUnitsMax = Math.max(attackerUnitsMax, state.sightings.size);
    });
    // Undetected threats in the air: the defender's scoreboard counts fewer launches than the truth's
    // (which counts no decoy; the defender counts the decoys it sees, not knowing them for what they are).
    let launchesHidden = 0;
    defender.room.onStateChange((state) => {
      const decoysSeen = [...truth.state.tracks.values()].filter(
        (t) => t.kind === "gerbera" && knowledge.detected.has(t.id) && !knowledge.ended.has(t.id),
      ).length;
      const gap =
        truth.score.threats_launched + decoysSeen - (state.scores.get("d:score")?.threats_launched ?? 0);
      if (state.phase === "live") launchesHidden = Math.max(launchesHidden, gap);
    });

    await truth.waitFor(() => truth.state.phase === "debrief", "the debrief", 60_000);
    expect(violations).toEqual([]);
    // The match exercised the fog: threats flew undetected, tracks were held unidentified, and units
    // revealed themselves to the attacker (which never saw all of them).
    expect(undetectedInTruth).toBeGreaterThan(0);
    expect(defenderMax).toBeGreaterThan(0);
    expect(unknownSeen).toBeGreaterThan(0);
    expect(knowledge.revealedUnits.size).toBeGreaterThan(0);
    expect(attackerUnitsMax).toBeGreaterThan(KNOWN_TO_ATTACKER.size);
    expect(attackerUnitsMax).toBeLessThan(truth.state.units.size);
    expect(launchesHidden).toBeGreaterThan(0);
    // The attacker's feed: what it could observe, and not one word of the defence's own picture.
    const unitIds = [...truth.state.units.values()].map((u) => u.id);
    const attackerText = attacker.feed.map((e) => e.text).join("\n");
    expect(attacker.feed.map((e) => e.kind)).toEqual(expect.arrayContaining(["launch", "intercept"]));
    expect(attacker.feed.filter((e) => e.kind === "miss" || e.kind === "fire")).toEqual([]);
    for (const id of unitIds) expect(attackerText).not.toMatch(new RegExp(`\\b${id}\\b`));
    for (const words of Object.values(LEAK_WORDS)) expect(attackerText).not.toContain(words);
    // The defender's feed names the reasons; the white cell's too.
    const defenderStrikes = defender.feed.filter((e) => e.kind === "impact");
    expect(defenderStrikes.length).toBeGreaterThan(0);
    const reasons = Object.values(LEAK_WORDS);
    expect(defenderStrikes.every((e) => reasons.some((r) => e.text.endsWith(r)))).toBe(true);
    // Summaries: between nights the attacker's hides the defender's interceptors; the final one does not.
    const roundSummary = (client: TestClient) => client.summaries.find((s) => !s.final)?.summary;
    const finalSummary = (client: TestClient) => client.summaries.find((s) => s.final)?.summary;
    expect(roundSummary(attacker)?.interceptors_left).toBe(-1);
    expect(roundSummary(truth)?.interceptors_left).toBeGreaterThan(0);
    expect(roundSummary(defender)?.interceptors_left).toBe(roundSummary(truth)?.interceptors_left);
    expect(finalSummary(attacker)?.interceptors_left).toBe(finalSummary(truth)?.interceptors_left);
    // Nor what each layer has left, who made the kills, or when the defence saw each threat.
    for (const field of ["layers", "intercepted_by", "warning_sec"]) {
      expect(roundSummary(attacker)?.[field], field).toEqual({});
      expect(Object.keys(roundSummary(truth)?.[field] as object).length, field).toBeGreaterThan(0);
      expect(finalSummary(attacker)?.[field], field).toEqual(finalSummary(truth)?.[field]);
    }
    await Promise.all([truth.leave(), defender.leave(), attacker.leave()]);
  });
});
