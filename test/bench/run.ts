import os from "node:os";
import { bandwidthBench } from "./bandwidth.bench.js";
import { durableBench } from "./durable.bench.js";
import { frameBench } from "./frame.bench.js";
import type { BenchModule } from "./harness.js";
import { simBench } from "./sim.bench.js";

/**
 * `npm run bench [-- <name> ...] [-- --strict]`: runs the bench modules (all, or those named) one
 * after the other and prints each one's workload, figures and targets. With --strict a missed target
 * makes the exit code 1. Add a module: one file exporting a BenchModule, and one line below.
 */
const BENCHES: BenchModule[] = [simBench, frameBench, bandwidthBench, durableBench];

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const strict = args.includes("--strict");
  const names = args.filter((a) => !a.startsWith("--"));
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(", ")} (known: ${BENCHES.map((b) => b.name).join(", ")})`);
    return 2;
  }
  const selected = names.length > 0 ? BENCHES.filter((b) => names.includes(b.name)) : BENCHES;
  console.log(
    `node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`,
  );
  let missed = 0;
  for (const bench of selected) {
    console.log(`\n== ${bench.name}`);
    const report = await bench.run();
    for (const line of report.workload) console.log(`  ${line}`);
    const width = Math.max(...report.figures.map(([label]) => label.length));
    for (const [label, value] of report.figures) console.log(`  ${label.padEnd(width)}  ${value}`);
    for (const target of report.targets) {
      console.log(`  ${target.met ? "✓" : "✗"} ${target.label}`);
      if (!target.met) missed++;
    }
  }
  return strict && missed > 0 ? 1 : 0;
}

process.exitCode = await main();
