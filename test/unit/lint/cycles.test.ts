import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCircular, parseDependencyTree } from "dpdm";
import { afterAll, describe, expect, it } from "vitest";

/**
 * No module imports itself through others, not even for types: each concept stands on the ones below it
 * (docs/design.md, Architecture). dpdm reads every import of the program from its entry points.
 */
const ROOT = join(import.meta.dirname, "..", "..", "..");
const ENTRIES = ["server/main.ts", "client/main.ts", "server/cli/sim.ts", "scripts/*.ts", "test/**/*.ts"];

const graphOf = (cwd: string, entries: string[]) =>
  parseDependencyTree(entries, { cwd, context: cwd, transform: false, exclude: /node_modules/ });

const scratch = mkdtempSync(join(tmpdir(), "skyshield-cycles-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the import graph", () => {
  it("has no cycle, runtime or type-only", async () => {
    const graph = await graphOf(ROOT, ENTRIES);
    expect(Object.keys(graph).length, "every module of the program is read").toBeGreaterThan(250);
    expect(parseCircular(graph)).toEqual([]);
  }, 60_000);

  it("is checked by a tool that does find a cycle (the control)", async () => {
    writeFileSync(join(scratch, "tsconfig.json"), readFileSync(join(ROOT, "tsconfig.json")));
    writeFileSync(join(scratch, "a.ts"), 'import type { B } from "./b.js";\nexport type A = { b?: B };\n');
    writeFileSync(join(scratch, "b.ts"), 'import type { A } from "./a.js";\nexport type B = { a?: A };\n');
    expect(parseCircular(await graphOf(scratch, ["a.ts"]))).toEqual([["a.ts", "b.ts"]]);
  });
});
