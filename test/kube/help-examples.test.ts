/**
 * The `cm://` examples of the commands' help, run as written against a real kube-apiserver (the
 * harness plays the cluster's controllers): the demo's agent deployment into gpu-operator, then the
 * recipe, validation and drift that read its ConfigMap. Local file names are placed in a temporary
 * directory; nothing else is changed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cnsctl } from '../cli/run-cli-in-process.js';
import { startHarness, type Harness } from './harness/harness.js';
import { clients, describeCluster, KUBECONFIG, uniqueName } from './test-cluster.js';

/** The one-line example commands of `command --help` that name a ConfigMap of gpu-operator. */
async function examples(command: string): Promise<string[][]> {
  const help = (await cnsctl([command, '--help'])).stdout;
  return help
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) => line.startsWith('cnsctl ') && !line.endsWith('\\') && line.includes('gpu-operator'),
    )
    .map((line) => line.split(/\s+/).slice(1));
}

describeCluster('the cm:// examples of the help', { timeout: 60_000 }, () => {
  let harness: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'cns-examples-'));

  beforeAll(async () => {
    const api = clients();
    await api.core
      .createNamespace({ body: { metadata: { name: 'gpu-operator' } } })
      .catch(() => undefined);
    await api.core
      .createNamespacedServiceAccount({
        namespace: 'gpu-operator',
        body: { metadata: { name: 'default' } },
      })
      .catch(() => undefined);
    harness = await startHarness({
      namespace: 'gpu-operator',
      nodes: [
        {
          name: uniqueName('customer-gpu'),
          labels: { nodeGroup: 'customer-gpu' },
          host: 'ubuntu-gpu-node',
        },
      ],
    });
  });
  afterAll(() => harness.stop());

  it('run as written, in the demo’s order', async () => {
    const commands = [
      ...(await examples('snapshot')),
      ...(await examples('recipe')),
      ...(await examples('validate')),
      ...(await examples('diff')),
    ];
    expect(commands.map((argv) => argv[0])).toEqual(['snapshot', 'recipe', 'validate', 'diff']);
    for (const argv of commands) {
      const local = argv.map((arg) => (/^[\w-]+\.yaml$/.test(arg) ? join(dir, arg) : arg));
      const run = await cnsctl([...local, '--kubeconfig', KUBECONFIG]);
      // validate and diff exit 1 when the node fails the recipe: a result, not an error.
      expect([0, 1], `cnsctl ${argv.join(' ')}\n${run.stderr}`).toContain(run.code);
      expect(run.stderr).not.toMatch(/^error:/m);
    }
  });
});
