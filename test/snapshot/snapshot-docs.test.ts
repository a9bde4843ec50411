import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOT_A_VALUE } from '../../src/core/snapshot/parse-nvidia-smi.js';
import { VOLATILE_SYSCTL_PATHS } from '../../src/core/snapshot/sysctl-filter.js';
import {
  CREDENTIAL_SYSTEMD_PATTERNS,
  VOLATILE_SYSTEMD_PROPERTIES,
} from '../../src/core/snapshot/systemd-property-filter.js';
import { DEFAULT_SYSTEMD_UNITS } from '../../src/actions/snapshot/collect-systemd.js';
import { cnsctl } from '../cli/run-cli-in-process.js';

const doc = (name: string): string =>
  readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
const snapshotDoc = doc('snapshot.md');

describe('docs/snapshot.md', () => {
  it('lists exactly the volatile /proc/sys paths left out by default', () => {
    const table = snapshotDoc.slice(snapshotDoc.indexOf('| path under /proc/sys |'));
    const rows = table
      .slice(0, table.indexOf('\n\n'))
      .split('\n')
      .slice(2)
      .map((line) => /^\| `([^`]+)` \|$/.exec(line)?.[1]);
    expect(rows).toEqual([...VOLATILE_SYSCTL_PATHS]);
  });

  it('names every volatile systemd property left out by default', () => {
    const row =
      snapshotDoc.split('\n').find((line) => line.startsWith('| process ids, counters')) ?? '';
    const names = [...row.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]);
    expect(names).toEqual([...VOLATILE_SYSTEMD_PROPERTIES]);
  });

  it('names the credential properties and the nvidia-smi placeholders', () => {
    expect(CREDENTIAL_SYSTEMD_PATTERNS.map(String)).toEqual(['/^(Load|Set|Import)Credential/']);
    expect(snapshotDoc).toContain('`LoadCredential…`, `SetCredential…`, `ImportCredential…`');
    for (const marker of NOT_A_VALUE) expect(snapshotDoc).toContain(`\`${marker}\``);
  });

  it('gives the default systemd units', () => {
    for (const unit of DEFAULT_SYSTEMD_UNITS) expect(snapshotDoc).toContain(`\`${unit}\``);
  });
});

describe('docs/commands/snapshot.md', () => {
  const commandDoc = doc('commands/snapshot.md');

  it('documents every flag the command has', async () => {
    const help = (await cnsctl(['snapshot', '--help'])).stdout;
    const options = help.slice(
      help.indexOf('Options:'),
      help.indexOf('\n\n', help.indexOf('Options:')),
    );
    const flags = [...options.matchAll(/--[a-z][a-z-]+/g)]
      .map((m) => m[0])
      .filter((f) => f !== '--help');
    expect(flags.length).toBeGreaterThan(8);
    for (const flag of flags) expect(commandDoc).toContain(flag);
  });

  it('shows the real table output', () => {
    const table = readFileSync(
      new URL('golden/table-ubuntu-gpu-node.txt', import.meta.url),
      'utf8',
    );
    expect(commandDoc).toContain(table);
  });
});
