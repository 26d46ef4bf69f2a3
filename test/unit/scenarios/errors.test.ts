import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario, type Override, ScenarioError } from "../../../server/scenarios/loader.js";

const SCENARIOS = join(import.meta.dirname, "../../../server/scenarios");
const dir = mkdtempSync(join(tmpdir(), "skyshield-scenarios-"));

function builtInJson(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCENARIOS, `${id}.json`), "utf8"));
}

/** Writes an edited copy of a built-in scenario and returns its path. */
// biome-ignore lint/suspicious/noExplicitAny: the edits deliberately break the typed format.
function edited(id: string, edit: (raw: any) => void): string {
  const raw = builtInJson(id);
  edit(raw);
  const file = join(dir, `${id}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

/** Loads and returns the ScenarioError it must throw. */
function failure(idOrPath: string, overrides: Override[] = []): ScenarioError {
  try {
    loadScenario(idOrPath, overrides);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

/** The issue at exactly `path`, whose message must contain `text`. */
function expectIssue(error: ScenarioError, path: string, text: string): void {
  const at = error.issues.filter((issue) => issue.path === path);
  expect(at.map((issue) => issue.message).join(" | "), `issues: ${error.message}`).toContain(text);
  expect(error.message).toContain(`${path}: `);
}

const set = (path: string, value: unknown): Override[] => [{ path, value }];

describe("scenario errors", () => {
  it("names the known ids for an unknown scenario id", () => {
    const error = failure("nope");
    expect(error.message).toContain("unknown scenario id 'nope'");
    for (const id of ["training-range", "wide-front", "compact-shield"])
      expect(error.message).toContain(`'${id}'`);
  });

  it("names the file when it is missing or not JSON", () => {
    const missing = join(dir, "missing.json");
    const notFound = failure(missing);
    expect(notFound.message).toContain(missing);
    expect(notFound.message).toContain("file not found");
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    const notJson = failure(broken);
    expect(notJson.message).toContain(broken);
    expect(notJson.message).toContain("not valid JSON");
  });

  it("reports schema problems with their paths: bad values, missing and unknown fields, ROE syntax", () => {
    expectIssue(
      failure("training-range", set("rounds.0.durationSec", -5)),
      "rounds[0].durationSec",
      "expected number to be >0",
    );
    expectIssue(
      failure("training-range", set("nations.0.roe", "buffer:lots")),
      "nations[0].roe",
      "ROE is 'none'",
    );
    const file = edited("training-range", (raw) => {
      delete raw.name;
      raw.launchZones[0].blastKm = 3;
    });
    const error = failure(file);
    expect(error.message).toContain(file);
    expectIssue(error, "name", "missing");
    expectIssue(error, "launchZones[0].blastKm", "unknown field");
  });

  it("reports unknown references with the path and the known ids", () => {
    const zone = failure("training-range", set("launchZones.0.threatTypes.1", "foo"));
    expectIssue(zone, "launchZones[0].threatTypes[1]", "unknown threat type 'foo'");
    expect(zone.message).toContain("'shahed'");
    expectIssue(
      failure("training-range", set("gridLinks.0.1", "atlantis")),
      "gridLinks[0][1]",
      "unknown asset 'atlantis'",
    );
    expectIssue(
      failure("training-range", set("theatre.regions.2.nation", "narnia")),
      "theatre.regions[2].nation",
      "unknown nation 'narnia'",
    );
    expectIssue(
      failure("training-range", set("catalogue.layers.gun.sensor", "eyeball")),
      "catalogue.layers.gun.sensor",
      "unknown sensor type 'eyeball'",
    );
    expectIssue(
      failure("training-range", set("msel.0.inject.unit", "radar-9")),
      "msel[0].inject.unit",
      "unknown fixed or allied unit 'radar-9'",
    );
    expectIssue(failure("training-range", set("msel.0.round", 3)), "msel[0].round", "round 3 does not exist");
    const stocks = edited("training-range", (raw) => {
      raw.stocks.laser = 3;
    });
    expectIssue(failure(stocks), "stocks.laser", "unknown layer 'laser'");
  });

  it("reports duplicate ids and region rules (sea needs accessible, neighbour needs nation)", () => {
    expectIssue(
      failure("training-range", set("assets.1.id", "westmark-city")),
      "assets[1].id",
      "duplicate asset id 'westmark-city'",
    );
    expectIssue(
      failure("training-range", set("theatre.regions.2.owner", "sea")),
      "theatre.regions[2].accessible",
      "required for sea regions",
    );
    const noNation = edited("training-range", (raw) => {
      delete raw.theatre.regions[2].nation;
    });
    expectIssue(failure(noNation), "theatre.regions[2].nation", "required for neighbour regions");
  });

  it("checks allies: their nation, airspace and unit types", () => {
    const file = edited("training-range", (raw) => {
      raw.allies = [
        {
          id: "friends",
          name: "Friends",
          nation: "elbonia",
          airspace: ["atlantis"],
          units: [{ id: "l-1", type: "laser", at: { x: -100, y: -80 } }],
        },
      ];
    });
    const error = failure(file);
    expectIssue(error, "allies[0].nation", "unknown nation 'elbonia'");
    expectIssue(error, "allies[0].airspace[0]", "unknown region 'atlantis'");
    expectIssue(error, "allies[0].units[0].type", "unknown layer or sensor type 'laser'");
  });

  it("checks placement: inside the extent, assets on defender ground, allied units in their airspace", () => {
    expectIssue(
      failure("training-range", set("assets.0.at.x", 500)),
      "assets[0].at",
      "outside the theatre extent (±150 × ±100 km)",
    );
    expectIssue(
      failure("training-range", set("assets.0.at.x", 100)),
      "assets[0].at",
      "is in region 'eastreach', not a defender region",
    );
    // A BMD ship moved onto Jordanian land.
    const ship = failure("compact-shield", set("allies.1.units.0.at", { lon: 36.0, lat: 31.0 }));
    expectIssue(ship, "allies[1].units[0].at", "not a sea region of the ally's airspace");
  });

  it("needs theatre.center for lon/lat positions", () => {
    expectIssue(
      failure("training-range", set("assets.0.at", { lon: 10, lat: 10 })),
      "assets[0].at",
      "lon/lat positions need theatre.center",
    );
  });

  it("suggests Natural Earth names on a miss and lists them all", () => {
    const file = edited("training-range", (raw) => {
      raw.theatre.center = { lon: 31, lat: 49 };
      raw.theatre.regions[0].geometry = { naturalEarth: "Ukrain" };
    });
    const error = failure(file);
    expectIssue(
      error,
      "theatre.regions[0].geometry.naturalEarth",
      "unknown Natural Earth country 'Ukrain'. Did you mean 'Ukraine'?",
    );
    expect(error.message).toContain("Available names: Afghanistan");
  });

  it("lists every problem at once, one path per line", () => {
    const error = failure("training-range", [
      { path: "launchZones.0.threatTypes.0", value: "foo" },
      { path: "gridLinks.0.0", value: "bar" },
    ]);
    expect(error.issues.map((issue) => issue.path)).toEqual([
      "gridLinks[0][0]",
      "launchZones[0].threatTypes[0]",
    ]);
    expect(error.message.split("\n")).toHaveLength(3);
  });
});

describe("scenario overrides", () => {
  it("change values before validation without touching the cached built-in", () => {
    const changed = loadScenario("training-range", set("rounds.0.defenderBudgetUsd", 1234));
    expect(changed.rounds[0].defenderBudgetUsd).toBe(1234);
    expect(loadScenario("training-range").rounds[0].defenderBudgetUsd).toBe(50_000_000);
    const roe = loadScenario("training-range", set("nations.0.roe", "buffer:20"));
    expect(roe.nations[0].roe).toBe("buffer:20");
  });

  it("apply to scenario files given by path too", () => {
    const file = edited("training-range", () => {});
    expect(loadScenario(file, set("rounds.0.durationSec", 900)).rounds[0].durationSec).toBe(900);
  });

  it("reject paths that do not exist", () => {
    const index = failure("training-range", set("rounds.5.defenderBudgetUsd", 1));
    expectIssue(index, "rounds.5.defenderBudgetUsd", "cannot override: no field '5' in 'rounds'");
    const field = failure("training-range", set("rounds.0.budget", 1));
    expectIssue(field, "rounds.0.budget", "no field 'budget' in 'rounds.0'");
    expectIssue(failure("training-range", set("rounds.length", 1)), "rounds.length", "no field 'length'");
    expectIssue(
      failure("training-range", set("name.first", "x")),
      "name.first",
      "'name' is not an object or array",
    );
  });

  it("checks the crews: unique sectors, orders of the role's side, and the zones and allies roles name", () => {
    const file = edited("compact-shield", (raw) => {
      raw.sectors.push({ ...raw.sectors[0] });
      raw.roles.attacker[1].zones = ["tabriz", "atlantis"];
      raw.roles.attacker[2].orders = ["plan-salvo", "deploy"];
      raw.roles.ally = [{ id: "navy", title: "Navy", orders: ["ready"], ally: "nobody" }];
      raw.roles.defender = [{ id: "boss", title: "Boss", orders: ["ready"], sector: "east" }];
    });
    const error = failure(file);
    expectIssue(error, "sectors[4].id", "duplicate sector id 'north'");
    expectIssue(error, "roles.attacker[1].zones[1]", "unknown launch zone 'atlantis'");
    expectIssue(error, "roles.attacker[2].orders[1]", "the attacker gives no 'deploy' orders");
    expectIssue(error, "roles.ally[0].ally", "unknown ally 'nobody'");
    expectIssue(error, "roles.defender[0].sector", "unknown sector 'east'");
  });
});
