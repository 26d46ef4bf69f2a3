import { runSim } from "./sim-command.js";

/** `npm run sim` (server/cli/sim-command.ts does the work; this is its process). */
runSim(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  progress: process.stderr,
}).then((code) => {
  process.exitCode = code;
});
