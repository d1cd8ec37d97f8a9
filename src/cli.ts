/**
 * Headless runs in Node with the same Trainer as the browser.
 *   npm run cli -- train --preset classic [--lr X] [--wd X] [--train-frac X] [--seed N] [--p N]
 *        [--width N] [--task add|sub|mul|div] [--model quadratic|mlp] [--loss ce|mse] [--steps N]
 *        [--backend cpu|wasm|webgpu] [--out run.json]
 * Progress goes to stderr, the Run record (JSON) to --out or stdout. Bad arguments exit 2 with one line.
 */
import { writeFileSync } from 'node:fs';
import { parseTrainArgs, UsageError } from './node/args';
import { useNodeBackend } from './node/backend';
import { trainHeadless } from './node/headless';

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command !== 'train') throw new UsageError(`unknown command "${command ?? ''}"; try: train --preset classic`);
  const args = parseTrainArgs(rest);
  await useNodeBackend(args.backend);
  const record = await trainHeadless(args.config, args.backend, (line) => process.stderr.write(line + '\n'));
  const json = JSON.stringify(record, null, 1);
  if (args.out) {
    writeFileSync(args.out, json);
    process.stderr.write(`wrote ${args.out}\n`);
  } else {
    process.stdout.write(json + '\n');
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const usage = err instanceof UsageError;
  process.stderr.write(`grokscope: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(usage ? 2 : 1);
});
