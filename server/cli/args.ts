import { parseArgs } from "node:util";

/**
 * Arguments of `npm run sim`. Parsing only checks shapes; what the values refer to (scenario, plan
 * files, override paths) is checked by the loader before anything runs.
 */

export interface SimArgs {
  scenario: string;
  seed: number;
  /** Plan source per side: a plan file path, or "<kind>:<arg>" for a registered source (plan-sources.ts). */
  attacker?: string;
  defender?: string;
  ally?: string;
  rounds?: number;
  /** Scenario variants by id, applied in order before the overrides. */
  variants: string[];
  /** Raw `path=value` overrides, in order. */
  sets: string[];
  /** Write the match's events to this file as JSON lines. */
  events?: string;
  json: boolean;
  help: boolean;
  /** --batch N: play N seeds (batch.ts); the seeds start at --seed-start, else --seed, else 1. */
  batch?: number;
  seedStart?: number;
  /** The history database a `record:<match id>` source reads (default DEFAULT_DB). */
  db?: string;
}

/** Where `record:` sources look by default: the server's database (SKYSHIELD_DB, README). */
export const DEFAULT_DB = process.env.SKYSHIELD_DB ?? "data/skyshield.db";

/** A bad argument: which one and why. */
export class CliError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "CliError";
  }
}

export const USAGE = `usage: npm run sim -- --scenario <id|file> --seed N [--attacker <plan>] [--defender <plan>]
                        [--ally <plan>] [--rounds K] [--variant <id> ...] [--set path=value ...]
                        [--json] [--events FILE] [--batch N [--seed-start S]] [--db FILE]
  --scenario  a built-in scenario id or a scenario .json file
  --seed      the match seed (whole number ≥ 0)
  --attacker, --defender, --ally
              a plan file, bot:easy|normal|hard, plan:<name> (one of the scenario's named
              alternative plans) or record:<match id> (the orders that side gave in a recorded
              match, "as played"); default: the scenario's own plan for that side
  --rounds    play only the first K rounds (plan files lose their later rounds)
  --variant   apply one of the scenario's variants (repeatable, in order, before --set)
  --set       override a scenario field before validation, e.g. --set rounds.0.defenderBudgetUsd=2e8
  --json      print one JSON object (the match summary) instead of the table
  --events    write the match's events to FILE as JSON lines ({ t, round, kind, ... })
  --batch     play N seeds on every core: mean, stdev and 95% interval of each field (--json: and each run)
  --seed-start  the first seed of a batch (default: --seed, else 1)
  --db        the history database record: sources read (default: $SKYSHIELD_DB, else data/skyshield.db)`;

function wholeNumber(text: string, path: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new CliError(path, `expected a whole number ≥ ${min}, got '${text}'`);
  }
  return value;
}

export function parseSimArgs(argv: string[]): SimArgs {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CliError("arguments", (error as Error).message);
  }
  if (values.help) return { scenario: "", seed: 0, variants: [], sets: [], json: false, help: true };
  if (!values.scenario) throw new CliError("--scenario", "missing (a built-in id or a scenario file)");
  if (values.seed === undefined && values.batch === undefined)
    throw new CliError("--seed", "missing (a whole number ≥ 0)");
  if (values.events !== undefined && values.batch !== undefined)
    throw new CliError("--events", "writes the events of one match: not with --batch");
  const seedStart =
    values["seed-start"] === undefined ? undefined : wholeNumber(values["seed-start"], "--seed-start", 0);
  return {
    scenario: values.scenario,
    seed: values.seed === undefined ? (seedStart ?? 1) : wholeNumber(values.seed, "--seed", 0),
    attacker: values.attacker,
    defender: values.defender,
    ally: values.ally,
    rounds: values.rounds === undefined ? undefined : wholeNumber(values.rounds, "--rounds", 1),
    variants: values.variant ?? [],
    sets: values.set ?? [],
    events: values.events,
    json: values.json ?? false,
    help: false,
    batch: values.batch === undefined ? undefined : wholeNumber(values.batch, "--batch", 1),
    seedStart,
    db: values.db,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      scenario: { type: "string" },
      seed: { type: "string" },
      attacker: { type: "string" },
      defender: { type: "string" },
      ally: { type: "string" },
      rounds: { type: "string" },
      variant: { type: "string", multiple: true },
      set: { type: "string", multiple: true },
      events: { type: "string" },
      json: { type: "boolean" },
      batch: { type: "string" },
      "seed-start": { type: "string" },
      db: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
