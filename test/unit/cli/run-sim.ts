import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { runSim } from "../../../server/cli/sim-command.js";

/** What `npm run sim` printed and its exit code. */
export interface SimRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run sim` in this process (server/cli/sim-command.ts, what the CLI runs), output captured. */
export async function sim(...args: string[]): Promise<SimRun> {
  let stdout = "";
  let stderr = "";
  const code = await runSim(args, {
    out: (text) => {
      stdout += `${text}\n`;
    },
    err: (text) => {
      stderr += `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}

const run = promisify(execFile);

/** `npm run sim` as a real process, for what only a process shows (its exit code, its whole stdout). */
export async function simProcess(...args: string[]): Promise<SimRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "server/cli/sim.ts", ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
