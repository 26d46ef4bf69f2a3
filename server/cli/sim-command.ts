import { closeSync, openSync, writeSync } from "node:fs";
import { ScenarioError } from "../scenarios/loader.js";
import { CliError, parseSimArgs, USAGE } from "./args.js";
import { formatBatch, matchRunner, runBatch } from "./batch.js";
import { eventLines, formatSummary } from "./format.js";

/** Where `npm run sim` writes: its result, its refusals and reports, and a batch's progress. */
export interface SimOutput {
  out(text: string): void;
  err(text: string): void;
  /** A batch's progress bar (drawn only on a terminal). */
  progress?: NodeJS.WriteStream;
}

/**
 * `npm run sim`: one whole match headless, as fast as it runs, then the after-action summary (or,
 * with --json, exactly one JSON object: the MatchSummary; with --events, every event as a JSON line in a
 * file). Everything is loaded and checked before the match starts: a bad argument, scenario, variant,
 * override or plan prints its path and reason and exits with code 2, having run nothing. Orders the world
 * refuses during play are reported on stderr. Resolves with the exit code.
 */
export async function runSim(argv: string[], io: SimOutput): Promise<number> {
  try {
    return await play(argv, io);
  } catch (error) {
    if (!(error instanceof CliError || error instanceof ScenarioError)) throw error;
    io.err(`error: ${error.message}`);
    if (error instanceof CliError && error.path === "arguments") io.err(USAGE);
    return 2;
  }
}

async function play(argv: string[], io: SimOutput): Promise<number> {
  const args = parseSimArgs(argv);
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  if (args.batch !== undefined) {
    const result = await runBatch(args, args.batch, args.seedStart ?? args.seed, { progress: io.progress });
    io.out(args.json ? JSON.stringify(result) : formatBatch(result));
    return 0;
  }
  const events = args.events ? openSync(args.events, "w") : undefined;
  try {
    const summary = matchRunner(args, {
      onRefused: (side, command, reason, round) =>
        io.err(`round ${round}: ${side} order '${command.type}' refused: ${reason}`),
      onEvents: events === undefined ? undefined : (batch) => writeSync(events, eventLines(batch)),
    })(args.seed);
    io.out(args.json ? JSON.stringify(summary) : formatSummary(summary));
  } finally {
    if (events !== undefined) closeSync(events);
  }
  return 0;
}
