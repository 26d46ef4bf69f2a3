/**
 * Writes the JSON Schemas of scenario and plan files (`npm run schema`), so editors validate and complete
 * them: put `"$schema": "<relative path>/shared/scenario.schema.json"` at the top of a scenario file.
 * The schemas describe the input form (fields with defaults are optional).
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AllyPlan, AttackerPlan, DefaultPlans, DefenderPlan } from "../shared/plan.js";
import { Scenario } from "../shared/scenario.js";

const SHARED = join(dirname(fileURLToPath(import.meta.url)), "..", "shared");

/** Files may name their schema; the loader ignores the field. */
const schemaField = { $schema: z.string().optional() };

function write(file: string, title: string, schema: z.ZodType): void {
  const json = { title, ...z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) };
  writeFileSync(join(SHARED, file), `${JSON.stringify(json, null, 2)}\n`);
  console.log(`wrote shared/${file}`);
}

write("scenario.schema.json", "Skyshield scenario", Scenario.extend(schemaField));
write(
  "plan.schema.json",
  "Skyshield plan (one side) or default plans (all sides)",
  z.union([
    DefenderPlan.extend(schemaField),
    AttackerPlan.extend(schemaField),
    AllyPlan.extend(schemaField),
    DefaultPlans.extend(schemaField),
  ]),
);
