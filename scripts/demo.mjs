// The main job on this machine: snapshot it, build a recipe from the snapshot, validate the machine
// against the recipe. Documents go to demo-output/; readable summaries go to the terminal.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const out = `${root}demo-output`;
mkdirSync(out, { recursive: true });

class DemoStepFailed extends Error {}

/** Runs one cnsctl command in view of the user; exit codes outside `accepted` stop the demo. */
function cnsctl(args, accepted = [0]) {
  process.stdout.write(`\n$ cnsctl ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [`${root}bin/cnsctl.cjs`, ...args], {
    stdio: 'inherit',
  });
  if (!accepted.includes(result.status ?? -1)) {
    throw new DemoStepFailed(`demo: cnsctl ${args[0]} exited ${result.status}`);
  }
  return result.status;
}

const snapshot = `${out}/snapshot.yaml`;
const recipe = `${out}/recipe.yaml`;
const validation = `${out}/validation.yaml`;
try {
  cnsctl(['snapshot', '-t', 'table']);
  cnsctl(['snapshot', '-o', snapshot]);
  cnsctl(['recipe', '--snapshot', snapshot, '--intent', 'training', '-t', 'table']);
  cnsctl(['recipe', '--snapshot', snapshot, '--intent', 'training', '-o', recipe]);
  // Exit 1 means "this machine does not meet the recipe": a finding of the demo, not a failure of it.
  cnsctl(['validate', '--recipe', recipe, '--snapshot', snapshot, '-t', 'table'], [0, 1]);
  const status = cnsctl(
    ['validate', '--recipe', recipe, '--snapshot', snapshot, '-o', validation],
    [0, 1],
  );
  process.stdout.write(
    `\nWritten to demo-output/: snapshot.yaml, recipe.yaml, validation.yaml (validation ${status === 0 ? 'passed' : 'found failures'}).\n`,
  );
} catch (error) {
  if (!(error instanceof DemoStepFailed)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
