// POST /v1/bundle over real HTTP: the archive `cnsctl bundle --output x.zip` writes, byte for byte,
// even when many are asked for at once; and the errors of a bad recipe or bad options.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnsctl, DEMO_CRITERIA_FLAGS } from '../cli/run-cli-in-process.js';
import { expectError } from './http.js';
import { SOURCE_DATE_EPOCH, startCnsd, type RunningServer } from './start-cnsd.js';

const OPTIONS = [
  ['--deployer', 'argocd'],
  ['--accelerated-node-selector', 'nodeGroup=customer-gpu'],
  ['--accelerated-node-toleration', 'dedicated=user-workload:NoSchedule'],
  ['--set', 'gpu-operator:driver.version=580.82.07'],
  ['--set', 'gpu-operator:dcgmExporter.enabled=false'],
  ['--repo', 'https://github.com/org/gitops.git'],
] as const;
const QUERY = OPTIONS.map(
  ([flag, value]) =>
    `${flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}=${encodeURIComponent(value)}`,
).join('&');

async function bundle(url: string, body: string, init: { accept?: string; query?: string } = {}) {
  const response = await fetch(`${url}/v1/bundle?${init.query ?? QUERY}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/yaml',
      ...(init.accept ? { accept: init.accept } : {}),
    },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

let server: RunningServer;
let dir: string;
let recipe: string;
beforeAll(async () => {
  server = await startCnsd();
  dir = mkdtempSync(join(tmpdir(), 'cnsd-bundle-'));
  await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS, '-o', join(dir, 'recipe.yaml')], {
    env: { SOURCE_DATE_EPOCH },
  });
  recipe = readFileSync(join(dir, 'recipe.yaml'), 'utf8');
});
afterAll(() => server.close());

describe('POST /v1/bundle', () => {
  it.each([
    ['zip', 'application/zip', 'bundle.zip'],
    ['tar.gz', 'application/gzip', 'bundle.tar.gz'],
  ])(
    'answers the %s cnsctl bundle writes, byte for byte, with a file name',
    async (format, accept, file) => {
      const cli = await cnsctl(
        ['bundle', '--recipe', join(dir, 'recipe.yaml'), '-o', join(dir, file), ...OPTIONS.flat()],
        {
          env: { SOURCE_DATE_EPOCH },
        },
      );
      expect(cli.stderr).toBe('');
      const answer = await bundle(server.url, recipe, { accept });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe(accept);
      expect(answer.headers.get('content-disposition')).toBe(
        `attachment; filename="cns-bundle-eks-h100-ubuntu-training-argocd.${format}"`,
      );
      expect(answer.bytes.equals(readFileSync(join(dir, file)))).toBe(true);
    },
  );

  it('gives identical zips to 12 requests at once, equal to the CLI’s', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => bundle(server.url, recipe)));
    const expected = readFileSync(join(dir, 'bundle.zip'));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(answers.every((a) => a.bytes.equals(expected))).toBe(true);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/cnsd_bundle_size_bytes_count 1[3-9]/);
  });

  it('refuses a recipe whose components depend on each other in a cycle, naming the cycle', async () => {
    const cyclic = [
      'kind: recipeResult',
      'apiVersion: cns.nvidia.com/v1alpha1',
      'componentRefs:',
      '  - name: cert-manager',
      '    dependencyRefs: [gpu-operator]',
      '  - name: gpu-operator',
      '    dependencyRefs: [cert-manager]',
      '',
    ].join('\n');
    const answer = await bundle(server.url, cyclic, { query: 'deployer=script' });
    const body = expectError(
      { status: answer.status, headers: answer.headers, text: answer.bytes.toString() },
      400,
      'BAD_DATA',
    );
    expect(body.message).toBe('dependency cycle: cert-manager -> gpu-operator -> cert-manager');
  });

  it.each([
    [
      'an unknown deployer',
      'deployer=ansible',
      'USAGE',
      /unknown deployer; use one of script, argocd, flux, helm/,
    ],
    [
      'a malformed toleration',
      'acceleratedNodeToleration=dedicated%3Dx%3ASometimes',
      'USAGE',
      /Sometimes/,
    ],
    ['a misspelt option', 'deploy=helm', 'INPUT_SCHEMA', /deploy/],
  ])('refuses %s with 400', async (_name, query, code, message) => {
    const answer = await bundle(server.url, recipe, { query });
    const body = expectError(
      { status: answer.status, headers: answer.headers, text: answer.bytes.toString() },
      400,
      code as 'USAGE',
    );
    expect(body.message).toMatch(message);
  });

  it('refuses a body that is not a recipeResult, naming the field', async () => {
    const answer = await bundle(
      server.url,
      'kind: recipeResult\napiVersion: cns.nvidia.com/v1alpha1\ncomponentRefs: 3\n',
    );
    const body = expectError(
      { status: answer.status, headers: answer.headers, text: answer.bytes.toString() },
      400,
      'INPUT_SCHEMA',
    );
    expect(body.details).toMatchObject({ path: 'componentRefs' });
  });
});
