// The main job on this machine: snapshot it, build a recipe from the snapshot, validate the machine
// against the recipe, and write the recipe's deployment bundle. Each stage runs once and writes to
// demo-output/ (CNS_DEMO_OUTPUT elsewhere); the terminal shows each document as a table read back
// from that very file, and the bundle command's own summary of what it wrote.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const out = process.env.CNS_DEMO_OUTPUT ?? `${root}demo-output`;
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

/** The CLI's own table formatters, bundled from the sources (esbuild comes with npm ci). */
async function loadTables() {
  const outfile = `${root}.cache/demo/demo-tables.mjs`;
  await build({
    entryPoints: [`${root}scripts/demo-tables.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return import(outfile);
}

const show = (table) => process.stdout.write(`\n${table.trimEnd()}\n`);
const text = (file) => readFileSync(file, 'utf8');

const snapshot = `${out}/snapshot.yaml`;
const recipe = `${out}/recipe.yaml`;
const validation = `${out}/validation.yaml`;
const bundle = `${out}/bundle`;
try {
  const tables = await loadTables();
  cnsctl(['snapshot', '-o', snapshot]);
  show(tables.snapshotTable(text(snapshot), snapshot));
  cnsctl(['recipe', '--snapshot', snapshot, '--intent', 'training', '-o', recipe]);
  show(tables.recipeTable(text(recipe), recipe));
  // Exit 1 means "this machine does not meet the recipe": a finding of the demo, not a failure of it.
  cnsctl(['validate', '--recipe', recipe, '--snapshot', snapshot, '-o', validation], [0, 1]);
  const { table, summary } = tables.validationTable(text(validation), validation);
  show(table);
  const verdict = {
    pass: 'validation passed',
    fail: 'validation found failures',
    incomplete: `validation incomplete: ${summary.skipped} of ${summary.total} constraint${summary.total === 1 ? '' : 's'} not measured on this machine, so not a pass`,
  }[summary.status];
  // The script deployer (the default): its deploy.sh installs the components in order with helm.
  cnsctl(['bundle', '--recipe', recipe, '-o', bundle, '--force']);
  process.stdout.write(
    `\nWritten to ${out}: snapshot.yaml, recipe.yaml, validation.yaml (${verdict}), bundle/.\n`,
  );
} catch (error) {
  if (!(error instanceof DemoStepFailed)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
