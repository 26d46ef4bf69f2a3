import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The layering of docs/design.md is enforced by the linter (biome.json overrides and
 * lint/no-math-random.grit). These probes are files placed in each folder of a copy of the project's lint
 * configuration and linted in one run: a forbidden line must be reported in pure code and the client,
 * and the same line must pass in server code.
 */
const ROOT = join(import.meta.dirname, "..", "..", "..");
const BIOME = join(ROOT, "node_modules", ".bin", "biome");

const FORBIDDEN_IN_PURE_CODE: Record<string, string> = {
  "a Colyseus import": 'import { Room } from "@colyseus/core";\nexport type R = Room;\n',
  "a Phaser import": 'import Phaser from "phaser";\nexport const p = Phaser;\n',
  "Node file I/O": 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
  "a server import":
    'import { createGameServer } from "../server/app.js";\nexport const s = createGameServer;\n',
  "the wall clock": "export const now = Date.now();\n",
  "a timer": "export const t = performance.now();\n",
  "Math.random": "export const r = Math.random();\n",
};
const SCHEMA = 'import { Schema } from "@colyseus/schema";\nexport class S extends Schema {}\n';
const SERVER_IN_CLIENT = 'import { Match } from "../server/match/match.js";\nexport type M = Match;\n';

const probes = new Map<string, string>();
const probe = (folder: string, source: string): string => {
  const file = `${folder}/probe-${probes.size}.ts`;
  probes.set(file, source);
  return file;
};
const pure = ["sim", "bots", "shared"].flatMap((folder) =>
  Object.entries(FORBIDDEN_IN_PURE_CODE).map(([what, source]) => ({
    folder,
    what,
    file: probe(folder, source),
  })),
);
const serverFiles = Object.values(FORBIDDEN_IN_PURE_CODE).map((source) => probe("server", source));
const wireFile = probe("shared/wire", SCHEMA);
const clientFile = probe("client", SERVER_IN_CLIENT);

let report = "";
const sandbox = mkdtempSync(join(tmpdir(), "skyshield-lint-"));
beforeAll(() => {
  cpSync(join(ROOT, "biome.json"), join(sandbox, "biome.json"));
  cpSync(join(ROOT, "lint"), join(sandbox, "lint"), { recursive: true });
  for (const [file, source] of probes) {
    mkdirSync(join(sandbox, dirname(file)), { recursive: true });
    writeFileSync(join(sandbox, file), source);
  }
  const run = spawnSync(BIOME, ["lint", "--vcs-enabled=false", "--max-diagnostics=none", "."], {
    cwd: sandbox,
    encoding: "utf8",
  });
  report = `${run.stdout}${run.stderr}`;
});
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

/** The file got a diagnostic of one of the layering rules (other lint rules do not count here). */
const reported = (file: string) =>
  new RegExp(`${file.replace(".", "\\.")}:\\d+:\\d+ (lint/style/noRestricted(Imports|Globals)|plugin)`).test(
    report,
  );

describe("the import and purity rules of the linter", () => {
  for (const { folder, what, file } of pure) {
    it(`refuses ${what} in ${folder}/`, () => {
      expect(reported(file)).toBe(true);
    });
  }

  it("lets the Colyseus schema in shared/wire/ and the server use what it needs", () => {
    expect(reported(wireFile)).toBe(false);
    for (const file of serverFiles) expect(reported(file)).toBe(false);
  });

  it("refuses server code in the client", () => {
    expect(reported(clientFile)).toBe(true);
    expect(report).toContain("client/ never imports server/");
  });

  it("finds no import of server/ anywhere in client/ (vite needs no fs.allow)", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? files(join(dir, entry.name))
          : entry.name.endsWith(".ts")
            ? [join(dir, entry.name)]
            : [],
      );
    const offenders = files(join(ROOT, "client")).filter((file) =>
      /from "(\.\.\/)+server\//.test(readFileSync(file, "utf8")),
    );
    expect(offenders.map((file) => relative(ROOT, file))).toEqual([]);
    expect(readFileSync(join(ROOT, "vite.config.ts"), "utf8")).not.toContain("fs:");
  });
});
