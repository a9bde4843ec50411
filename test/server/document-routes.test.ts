// POST /v1/validate and POST /v1/diff over real HTTP: the same results cnsctl validate and diff give.
import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/core/shared/serialize.js';
import { cnsctl } from '../cli/run-cli-in-process.js';
import { generateFleet } from '../diff/generate-fleet.js';
import { fixturePath } from '../validate/read-fixture.js';
import { expectError, request } from './http.js';
import { startCnsd, type RunningServer } from './start-cnsd.js';

const read = (name: string) => readFileSync(fixturePath(name), 'utf8');
const RECIPE = 'validate/recipe-h100-eks-training.yaml';
const SNAPSHOT = 'validate/eks-h100-snapshot.yaml';
const BEFORE = 'diff/eks-node-before.yaml';
const AFTER = 'diff/eks-node-after.yaml';

/** A YAML body whose fields are whole documents, as a shell script would assemble it. */
const yamlBody = (fields: Record<string, string | string[]>): string =>
  Object.entries(fields)
    .map(([key, value]) =>
      Array.isArray(value)
        ? `${key}:\n${value.map((doc) => `  - ${doc.trimEnd().split('\n').join('\n    ')}`).join('\n')}`
        : `${key}:\n  ${value.trimEnd().split('\n').join('\n  ')}`,
    )
    .join('\n');

const withoutVolatile = (text: string) =>
  JSON.parse(text.replace(/"duration": "[^"]*"/, '"duration": ""')) as Record<string, unknown>;

let server: RunningServer;
beforeAll(async () => {
  server = await startCnsd();
});
afterAll(() => server.close());

describe('POST /v1/validate', () => {
  const body = yamlBody({ recipe: read(RECIPE), snapshot: read(SNAPSHOT) });

  it('answers the ValidationResult cnsctl validate gives for the same documents', async () => {
    const answer = await request(`${server.url}/v1/validate`, { body, type: 'application/yaml' });
    const cli = await cnsctl([
      'validate',
      '--recipe',
      fixturePath(RECIPE),
      '--snapshot',
      fixturePath(SNAPSHOT),
      '-t',
      'json',
    ]);
    expect(answer.status).toBe(200);
    const fromCli = withoutVolatile(cli.stdout) as { metadata: Record<string, unknown> };
    delete fromCli.metadata.recipe;
    delete fromCli.metadata.snapshot;
    expect(withoutVolatile(answer.text)).toEqual(fromCli);
  });

  it('answers JUnit XML when the Accept header asks for XML', async () => {
    const answer = await request(`${server.url}/v1/validate?failOn=warning`, {
      body,
      type: 'application/yaml',
      accept: 'application/xml',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(XMLValidator.validate(answer.text)).toBe(true);
    expect(answer.text).toMatch(/<testsuite [^>]*tests="4"/);
  });

  it('takes the same documents as JSON', async () => {
    const json = JSON.stringify({
      recipe: JSON.parse(
        (await cnsctl(['recipe', '--snapshot', fixturePath(SNAPSHOT), '-t', 'json'])).stdout,
      ) as unknown,
      snapshot: { kind: 'Snapshot', apiVersion: 'cns.nvidia.com/v1alpha1', measurements: [] },
    });
    const answer = await request(`${server.url}/v1/validate`, {
      body: json,
      type: 'application/json',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ summary: { status: 'incomplete' } });
  });

  it('refuses a body without the snapshot, naming the missing field', async () => {
    const error = expectError(
      await request(`${server.url}/v1/validate`, {
        body: yamlBody({ recipe: read(RECIPE) }),
        type: 'application/yaml',
      }),
      400,
      'INPUT_SCHEMA',
    );
    expect(error.details).toMatchObject({ source: 'request body', path: 'snapshot' });
  });

  it('refuses a malformed constraint with 400 BAD_CONSTRAINT', async () => {
    const recipe = read(RECIPE).replace(/value: .*/, 'value: ">= r570"');
    expectError(
      await request(`${server.url}/v1/validate`, {
        body: yamlBody({ recipe, snapshot: read(SNAPSHOT) }),
        type: 'application/yaml',
      }),
      400,
      'BAD_CONSTRAINT',
    );
  });
});

describe('POST /v1/diff', () => {
  it('compares two snapshots as cnsctl diff does, naming them by their place in the request', async () => {
    const answer = await request(`${server.url}/v1/diff`, {
      body: yamlBody({ snapshots: [read(BEFORE), read(AFTER)] }),
      type: 'application/yaml',
    });
    const cli = await cnsctl(['diff', fixturePath(BEFORE), fixturePath(AFTER), '-t', 'json']);
    expect(answer.status).toBe(200);
    const report = JSON.parse(answer.text) as { metadata: { a: { source: string } } };
    expect(report.metadata.a.source).toBe('snapshots[0]');
    const renamed = cli.stdout
      .replaceAll(JSON.stringify(fixturePath(BEFORE)), '"snapshots[0]"')
      .replaceAll(JSON.stringify(fixturePath(AFTER)), '"snapshots[1]"');
    expect(answer.text).toBe(renamed);
  });

  it('reports a fleet of snapshots by majority and outliers', async () => {
    const fleet = generateFleet({ nodes: 5, outliers: { 3: { 'K8s.server.version': 'v1.33.0' } } });
    const answer = await request(`${server.url}/v1/diff`, {
      body: JSON.stringify({ snapshots: fleet.map((n) => n.snapshot) }),
      type: 'application/json',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      kind: 'FleetDiff',
      summary: { nodes: 5, outlierNodes: 1 },
      outliers: [{ source: 'snapshots[3]' }],
    });
  });

  it('checks one snapshot against a recipe as drift, and answers YAML when asked', async () => {
    const answer = await request(`${server.url}/v1/diff`, {
      body: yamlBody({ recipe: read(RECIPE), snapshots: [read(SNAPSHOT)] }),
      type: 'application/yaml',
      accept: 'application/yaml',
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/^kind: RecipeDrift\n/);
    expect(answer.text).toContain('status: in-sync');
  });

  it('refuses a recipe with two snapshots as USAGE, saying to send one', async () => {
    const error = expectError(
      await request(`${server.url}/v1/diff`, {
        body: toJson({
          recipe: { kind: 'recipeResult', apiVersion: 'cns.nvidia.com/v1alpha1' },
          snapshots: [
            { kind: 'Snapshot', apiVersion: 'cns.nvidia.com/v1alpha1', measurements: [] },
            { kind: 'Snapshot', apiVersion: 'cns.nvidia.com/v1alpha1', measurements: [] },
          ],
        }),
        type: 'application/json',
      }),
      400,
      'USAGE',
    );
    expect(error.details).toEqual({ snapshots: 2 });
  });
});
