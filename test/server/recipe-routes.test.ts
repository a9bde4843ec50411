// GET/POST /v1/recipe and GET /v1/query over real HTTP, answered byte for byte as cnsctl writes them.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnsctl, DEMO_CRITERIA_FLAGS } from '../cli/run-cli-in-process.js';
import { fixturePath } from '../validate/read-fixture.js';
import { expectError, request } from './http.js';
import { startCnsd, type RunningServer } from './start-cnsd.js';

const DEMO_QUERY = 'service=eks&accelerator=h100&os=ubuntu&intent=training';
const SNAPSHOT = fixturePath('validate/eks-h100-snapshot.yaml');

let server: RunningServer;
beforeAll(async () => {
  server = await startCnsd();
});
afterAll(() => server.close());

describe('GET /v1/recipe', () => {
  it('answers the recipeResult as `cnsctl recipe -t json` writes it', async () => {
    const answer = await request(`${server.url}/v1/recipe?${DEMO_QUERY}`);
    const cli = await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS, '-t', 'json']);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.text).toBe(cli.stdout);
  });

  it('answers YAML, as `cnsctl recipe` writes it, when the Accept header asks', async () => {
    const answer = await request(`${server.url}/v1/recipe?${DEMO_QUERY}`, {
      accept: 'application/yaml',
    });
    const cli = await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS]);
    expect(answer.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(answer.text).toBe(cli.stdout);
  });

  it('reads criteria in any case, as the CLI flags do, and serves them from one cache entry', async () => {
    const a = await request(`${server.url}/v1/recipe?service=GKE&os=cos`);
    const b = await request(`${server.url}/v1/recipe?os=cos&service=gke`);
    expect(a.status).toBe(200);
    expect(a.text).toBe(b.text);
    const metrics = await request(`${server.url}/metrics`);
    expect(metrics.text).toMatch(/cnsd_recipe_cache_lookups_total\{result="hit"\} [1-9]/);
  });

  it.each([
    ['an unknown service', 'service=ecs', 'service', 'eks, gke, aks, oke, kind, any'],
    ['a negative node count', 'nodes=-1', 'nodes', undefined],
  ])('refuses %s with 400 naming the field', async (_name, query, field, accepted) => {
    const body = expectError(
      await request(`${server.url}/v1/recipe?${query}`),
      400,
      field === 'nodes' ? 'INPUT_SCHEMA' : 'UNKNOWN_CRITERIA',
    );
    expect(JSON.stringify(body.details)).toContain(field);
    if (accepted) expect(body.message).toContain(accepted);
  });

  it('refuses a misspelt parameter, naming the keys it accepts', async () => {
    const body = expectError(
      await request(`${server.url}/v1/recipe?servce=eks`),
      400,
      'INPUT_SCHEMA',
    );
    expect(body.message).toMatch(/query string: .*servce/);
  });
});

describe('POST /v1/recipe', () => {
  it('builds from a recipeCriteria document in YAML, query parameters winning as flags do', async () => {
    const criteria = `kind: recipeCriteria\napiVersion: cns.nvidia.com/v1alpha1\nspec:\n  service: eks\n  accelerator: h100\n  os: ubuntu\n  intent: inference\n`;
    const answer = await request(`${server.url}/v1/recipe?intent=training`, {
      body: criteria,
      type: 'application/yaml',
    });
    const cli = await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS, '-t', 'json']);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(cli.stdout);
  });

  it('builds from a Snapshot as `cnsctl recipe --snapshot` does', async () => {
    const answer = await request(`${server.url}/v1/recipe?intent=training`, {
      body: readFileSync(SNAPSHOT, 'utf8'),
      type: 'application/yaml',
    });
    const cli = await cnsctl([
      'recipe',
      '--snapshot',
      SNAPSHOT,
      '--intent',
      'training',
      '-t',
      'json',
    ]);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(cli.stdout);
  });

  it('refuses malformed YAML with 400, naming the line and column', async () => {
    const body = expectError(
      await request(`${server.url}/v1/recipe`, {
        body: 'kind: recipeCriteria\nspec: [unclosed\n',
        type: 'application/yaml',
      }),
      400,
      'INPUT_YAML',
    );
    expect(body.message).toMatch(/^request body:\d+:\d+: not valid YAML or JSON/);
    expect(body.details).toMatchObject({
      source: 'request body',
      line: expect.any(Number) as number,
    });
  });

  it('refuses a document of another kind, naming the kinds it reads', async () => {
    const body = expectError(
      await request(`${server.url}/v1/recipe`, {
        body: '{"kind": "ValidationResult"}',
        type: 'application/json',
      }),
      400,
      'INPUT_SCHEMA',
    );
    expect(body.details).toMatchObject({ path: 'kind', accepted: ['recipeCriteria', 'Snapshot'] });
  });

  it('refuses a Snapshot with a mistyped field, naming its path', async () => {
    const body = expectError(
      await request(`${server.url}/v1/recipe`, {
        body: JSON.stringify({
          kind: 'Snapshot',
          apiVersion: 'cns.nvidia.com/v1alpha1',
          measurements: [{ type: 7 }],
        }),
        type: 'application/json',
      }),
      400,
      'INPUT_SCHEMA',
    );
    expect(body.details).toMatchObject({ path: 'measurements[0].type' });
  });
});

describe('GET /v1/query', () => {
  it.each([
    ['a scalar', 'components.gpu-operator.values.driver.version'],
    ['a structure', 'deploymentOrder'],
  ])('answers %s as `cnsctl query` prints it, in YAML and JSON', async (_name, selector) => {
    const flags = [...DEMO_CRITERIA_FLAGS, '--selector', selector];
    const [yaml, json, cliYaml, cliJson] = await Promise.all([
      request(`${server.url}/v1/query?${DEMO_QUERY}&selector=${selector}`, {
        accept: 'application/yaml',
      }),
      request(`${server.url}/v1/query?${DEMO_QUERY}&selector=${selector}`),
      cnsctl(['query', ...flags]),
      cnsctl(['query', ...flags, '-t', 'json']),
    ]);
    expect([yaml.status, json.status]).toEqual([200, 200]);
    expect(yaml.text).toBe(cliYaml.stdout);
    expect(json.text).toBe(cliJson.stdout);
  });

  it('answers 404 for a path with no value, naming the keys there', async () => {
    const body = expectError(
      await request(`${server.url}/v1/query?${DEMO_QUERY}&selector=components.nope`),
      404,
      'NOT_FOUND',
    );
    expect(body.details).toMatchObject({ selector: 'components.nope', at: 'components' });
  });
});
