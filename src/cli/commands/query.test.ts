import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEMO_SNAPSHOT_YAML } from '../../../test/fixtures/mini-catalog.js';
import { DEMO_CRITERIA_FLAGS, cnsctl } from '../../../test/cli/run-cli-in-process.js';

const DEMO = ['query', ...DEMO_CRITERIA_FLAGS];

describe('cnsctl query', () => {
  it('prints a scalar bare', async () => {
    const run = await cnsctl([...DEMO, '--selector', 'components.gpu-operator.version']);
    expect(run).toMatchObject({ code: 0, stdout: 'v25.10.1\n' });
  });

  it('selects from the merged component values', async () => {
    const run = await cnsctl([
      ...DEMO,
      '--selector',
      'components.gpu-operator.values.driver',
      '-t',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ enabled: true, version: expect.any(String) });
  });

  it('sees the driver version a snapshot locks', async () => {
    const run = await cnsctl(
      [
        'query',
        '--snapshot',
        '-',
        '--intent',
        'training',
        '--selector',
        'components.gpu-operator.values.driver.version',
      ],
      {
        stdin: DEMO_SNAPSHOT_YAML,
      },
    );
    expect(run.stdout).toBe('570.133.20\n');
  });

  it('prints structures as YAML and keys with dots are addressable', async () => {
    const run = await cnsctl([...DEMO, '--selector', 'constraints.4']);
    expect(parse(run.stdout)).toMatchObject({
      name: 'OS.sysctl./proc/sys/kernel/osrelease',
      value: '>= 6.8',
    });
  });

  it('exits 3 and lists the keys that exist when the path is absent', async () => {
    const run = await cnsctl([...DEMO, '--selector', 'components.gpu-operator.values.driver.nope']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /no value at "components\.gpu-operator\.values\.driver\.nope": .*keys: .*version/,
    );
  });

  it('requires --selector', async () => {
    const run = await cnsctl(['query', '--service', 'eks']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--selector');
  });
});
