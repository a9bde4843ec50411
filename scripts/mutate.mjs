// Mutation testing of src/core, one folder at a time: npm run mutate [-- folder ...] [--option value]
// (every folder of src/core by default; options go to Stryker, e.g. --concurrency 2). Each folder is
// a separate Stryker run (stryker.config.mjs) writing reports/mutation/<folder>.json and .html, so a
// long session can stop and resume by folder; then the scores of every folder with a report are
// printed as the table docs/testing.md keeps.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const core = `${root}src/core`;
const folders = readdirSync(core, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const args = process.argv.slice(2);
// An option's value follows it: `--concurrency 2`.
const isOption = (arg, i) => arg.startsWith('--') || args[i - 1]?.startsWith('--');
const strykerOptions = args.filter(isOption);
const wanted = args.filter((arg, i) => !isOption(arg, i));
for (const name of wanted) {
  if (!folders.includes(name))
    throw new Error(`src/core has no folder ${name}: ${folders.join(', ')}`);
}

for (const name of wanted.length > 0 ? wanted : folders) {
  process.stderr.write(`\n== mutating src/core/${name}\n`);
  const result = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      '--mutate',
      `src/core/${name}/**/*.ts,!src/core/**/*.test.ts`,
      ...strykerOptions,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, CNS_MUTATE_REPORT: name } },
  );
  if (result.status !== 0) process.exitCode = 1;
}

// Stryker's mutation score: detected (killed or timed out) over all mutants that ran or had no test.
const rows = [];
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
for (const name of folders) {
  const file = `${root}reports/mutation/${name}.json`;
  if (!existsSync(file)) continue;
  const counts = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const { mutants } of Object.values(report.files)) {
    for (const { status } of mutants) {
      if (status === 'Killed') counts.killed++;
      else if (status === 'Timeout') counts.timeout++;
      else if (status === 'Survived') counts.survived++;
      else if (status === 'NoCoverage') counts.noCoverage++;
    }
  }
  for (const key of Object.keys(total)) total[key] += counts[key];
  rows.push([`src/core/${name}`, counts]);
}
rows.push(['**src/core**', total]);
const score = ({ killed, timeout, survived, noCoverage }) =>
  `${((100 * (killed + timeout)) / (killed + timeout + survived + noCoverage)).toFixed(1)} %`;
console.log('\n| folder | mutants | killed | timed out | survived | no coverage | score |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, c] of rows) {
  const mutants = c.killed + c.timeout + c.survived + c.noCoverage;
  console.log(
    `| ${name} | ${mutants} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${score(c)} |`,
  );
}
