/**
 * docs/commands/bundle.md stays true: every flag of `cnsctl bundle --help` and every deployer is
 * documented, and the examples show the real output (the summary and verify table goldens of
 * src/cli/commands/bundle.test.ts, and the files of the demo's bundle).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cnsctl } from '../cli/run-cli-in-process.js';
import { DEPLOYER_NAMES, demoBundle } from './bundle-fixtures.js';

const doc = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
const golden = (name: string) =>
  readFileSync(new URL(`../golden/${name}`, import.meta.url), 'utf8');
const bundleDoc = doc('commands/bundle.md');

describe('docs/commands/bundle.md', () => {
  it('documents every flag the command has', async () => {
    const help = (await cnsctl(['bundle', '--help'])).stdout;
    const options = help.slice(help.indexOf('Options:'), help.indexOf('Commands:'));
    const flags = [...options.matchAll(/--[a-z][a-z-]+/g)]
      .map((m) => m[0])
      .filter((f) => f !== '--help');
    expect(flags.length).toBeGreaterThan(10);
    for (const flag of flags) expect(bundleDoc).toContain(`\`${flag}`);
  });

  it('has a section for every deployer', () => {
    for (const deployer of DEPLOYER_NAMES) expect(bundleDoc).toContain(`\n### ${deployer}\n`);
  });

  it.each(['bundle-demo-argocd.txt', 'bundle-verify-tampered.txt'])(
    'shows the real output of %s',
    (name) => {
      expect(bundleDoc).toContain(golden(name));
    },
  );

  it("lists the files of the demo's bundle", async () => {
    const { tree } = await demoBundle('argocd');
    expect(bundleDoc).toContain(
      `\`\`\`\n${[...tree.keys()].map((path) => `bundles/${path}`).join('\n')}\n\`\`\``,
    );
  });

  it('is linked from the command reference', () => {
    expect(doc('cli.md')).toContain('[commands/bundle.md](commands/bundle.md)');
  });
});
