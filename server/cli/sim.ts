import { closeSync, openSync, writeSync } from "node:fs";
import { ScenarioError } from "../scenarios/loader.js";
import { CliError, parseSimArgs, USAGE } from "./args.js";
import { formatBatch, matchRunner, runBatch } from "./batch.js";
import { eventLines, formatSummary } from "./format.js";

/**
 * `npm run sim`: one whole match headless, as fast as it runs, then the after-action summary (or,
 * with --json, exactly one JSON object: the MatchSummary; with --events, every event as a JSON line in a
 * file). Everything is loaded and checked before the match starts: a bad argument, scenario, variant,
 * override or plan prints its path and reason and exits with code 2, having run nothing. Orders the world
 * refuses during play are reported on stderr.
 */

async function main(argv: string[]): Promise<number> {
  const args = parseSimArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.batch !== undefined) {
    const result = await runBatch(args, args.batch, args.seedStart ?? args.seed, {
      progress: process.stderr,
    });
    console.log(args.json ? JSON.stringify(result) : formatBatch(result));
    return 0;
  }
  const events = args.events ? openSync(args.events, "w") : undefined;
  try {
    const summary = matchRunner(args, {
      onRefused: (side, command, reason, round) =>
        console.error(`round ${round}: ${side} order '${command.type}' refused: ${reason}`),
      onEvents: events === undefined ? undefined : (batch) => writeSync(events, eventLines(batch)),
    })(args.seed);
    console.log(args.json ? JSON.stringify(summary) : formatSummary(summary));
  } finally {
    if (events !== undefined) closeSync(events);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError || error instanceof ScenarioError) {
      console.error(`error: ${error.message}`);
      if (error instanceof CliError && error.path === "arguments") console.error(USAGE);
      process.exitCode = 2;
    } else throw error;
  },
);
