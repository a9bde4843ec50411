// What the recipe explorer asks of cnsd over real HTTP: GET/POST /v1/values (merged values with the
// layer of each leaf), GET /v1/overlays, and the explorer's own files at `/` with their types and caching.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValuesTrace } from '../../src/actions/recipe/trace-recipe-values.js';
import type { OverlayListing } from '../../src/core/recipe/list-overlays.js';
import type { RecipeResult } from '../../src/core/recipe/recipe-result.js';
import { selectPath } from '../../src/core/recipe/select-path.js';
import { fixturePath } from '../validate/read-fixture.js';
import { expectError, request } from './http.js';
import { startCnsd, type RunningServer } from './start-cnsd.js';

const DEMO_QUERY = 'service=eks&accelerator=h100&os=ubuntu&intent=training';
const SNAPSHOT = readFileSync(fixturePath('validate/eks-h100-snapshot.yaml'), 'utf8');

const enc = (text: string) => new TextEncoder().encode(text);
/** A built explorer as scripts/build-explorer.mjs leaves it: a page and content-hashed assets. */
const EXPLORER = new Map([
  ['index.html', enc('<!doctype html><script src="/assets/main-ABCD1234.js"></script>')],
  ['assets/main-ABCD1234.js', enc('console.log("explorer")')],
  ['assets/styles-EFGH5678.css', enc('body{margin:0}')],
]);

let server: RunningServer;
let bare: RunningServer;
beforeAll(async () => {
  [server, bare] = await Promise.all([startCnsd({ explorer: EXPLORER }), startCnsd()]);
});
afterAll(() => Promise.all([server.close(), bare.close()]));

async function values(query: string, init: Parameters<typeof request>[1] = {}) {
  const answer = await request(`${server.url}/v1/values?${query}`, init);
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as ValuesTrace;
}

const leafOf = (trace: ValuesTrace, component: string, path: string) =>
  trace.components
    .find((c) => c.name === component)
    ?.leaves.find((leaf) => leaf.path.join('.') === path);

describe('GET /v1/values', () => {
  it('gives each component of the recipe the values /v1/query hydrates, every leaf among them', async () => {
    const trace = await values(DEMO_QUERY);
    const recipe = JSON.parse(
      (await request(`${server.url}/v1/recipe?${DEMO_QUERY}`)).text,
    ) as RecipeResult;
    expect(trace.components.map((c) => c.name).sort()).toEqual(
      recipe.componentRefs.map((ref) => ref.name).sort(),
    );
    for (const component of trace.components) {
      const hydrated = await request(
        `${server.url}/v1/query?${DEMO_QUERY}&selector=components.${component.name}.values`,
      );
      expect(component.values, component.name).toEqual(JSON.parse(hydrated.text));
      for (const leaf of component.leaves)
        expect(selectPath(component.values, leaf.path.join('.')), leaf.path.join('.')).toEqual(
          leaf.value,
        );
    }
  });

  it('names the file of each leaf: the base values file, and the overlay’s values file over it', async () => {
    const trace = await values(DEMO_QUERY);
    expect(trace.layers).toEqual([
      'base',
      'values-file',
      'override',
      'snapshot-lock',
      'bundle-flag',
    ]);
    const gpu = trace.components.find((c) => c.name === 'gpu-operator');
    const sources = new Set(gpu?.leaves.map((leaf) => `${leaf.layer} ${leaf.source}`));
    expect(sources).toContain('base components/gpu-operator/values.yaml');
    expect(sources).toContain('values-file components/gpu-operator/values-eks-training.yaml');
  });

  it('marks what a bundle flag sets, with the flag as given', async () => {
    const trace = await values(`${DEMO_QUERY}&acceleratedNodeSelector=nodeGroup%3Dgpu`);
    expect(leafOf(trace, 'gpu-operator', 'daemonsets.nodeSelector.nodeGroup')).toEqual({
      path: ['daemonsets', 'nodeSelector', 'nodeGroup'],
      value: 'gpu',
      layer: 'bundle-flag',
      source: '--accelerated-node-selector',
    });
  });

  it.each([
    ['an unknown service', 'service=ecs', 'UNKNOWN_CRITERIA'],
    ['a misspelt parameter', 'servce=eks', 'INPUT_SCHEMA'],
  ] as const)('refuses %s with 400', async (_name, query, code) => {
    expectError(await request(`${server.url}/v1/values?${query}`), 400, code);
  });

  it('answers JSON only: YAML asked for is 406', async () => {
    expectError(
      await request(`${server.url}/v1/values?${DEMO_QUERY}`, { accept: 'application/yaml' }),
      406,
      'NOT_ACCEPTABLE',
    );
  });
});

describe('POST /v1/values', () => {
  it('locks the driver a snapshot measured, naming the measurement', async () => {
    const trace = await values('intent=training', { body: SNAPSHOT, type: 'application/yaml' });
    expect(trace.criteria).toMatchObject({
      service: 'eks',
      accelerator: 'h100',
      intent: 'training',
    });
    const driver = /^\s+driver: (\S+)$/m.exec(SNAPSHOT)?.[1];
    expect(leafOf(trace, 'gpu-operator', 'driver.version')).toEqual({
      path: ['driver', 'version'],
      value: driver,
      layer: 'snapshot-lock',
      source: 'GPU.smi.driver',
    });
  });

  it('takes a recipeCriteria document, its criteria under the query’s', async () => {
    const document = JSON.stringify({
      kind: 'recipeCriteria',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      spec: { service: 'eks', accelerator: 'h100', os: 'ubuntu', intent: 'inference' },
    });
    const trace = await values('intent=training', { body: document, type: 'application/json' });
    expect(trace).toEqual(await values(DEMO_QUERY));
  });
});

describe('GET /v1/overlays', () => {
  it('lists every overlay a recipe applies, with the criteria it matches', async () => {
    const { overlays } = JSON.parse((await request(`${server.url}/v1/overlays`)).text) as {
      overlays: OverlayListing[];
    };
    const recipe = JSON.parse(
      (await request(`${server.url}/v1/recipe?${DEMO_QUERY}`)).text,
    ) as RecipeResult;
    const byName = new Map(overlays.map((overlay) => [overlay.name, overlay]));
    for (const name of recipe.metadata.appliedOverlays ?? [])
      expect(byName.has(name), name).toBe(true);
    expect(byName.get('base')?.criteria).toEqual({});
    expect(byName.get('eks-training')?.criteria).toEqual({ service: 'eks', intent: 'training' });
  });
});

describe('the explorer’s files', () => {
  it('serves the page at / without caching it past a revalidation', async () => {
    const answer = await request(`${server.url}/`, { accept: 'text/html' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expect(answer.text).toContain('/assets/main-ABCD1234.js');
  });

  it.each([
    ['assets/main-ABCD1234.js', 'text/javascript; charset=utf-8'],
    ['assets/styles-EFGH5678.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s, cached for good (its name changes with its content)', async (path, type) => {
    const answer = await request(`${server.url}/${path}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(type);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.text).toBe(new TextDecoder().decode(EXPLORER.get(path)));
  });

  it('answers a browser that loads a view’s link (/compare?…) with the page', async () => {
    const answer = await request(`${server.url}/compare?${DEMO_QUERY}`, {
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it.each([
    ['an asset that is not there', '/assets/main-OLD00000.js', 'text/html', 404, 'NOT_FOUND'],
    ['an API path no route has, even for a browser', '/v1/nothing', 'text/html', 404, 'NOT_FOUND'],
    ['a path asked for by a client that is not a browser', '/compare', '*/*', 404, 'NOT_FOUND'],
    ['a POST to the page', '/', 'text/html', 405, 'METHOD_NOT_ALLOWED'],
  ] as const)('answers %s as the API answers errors', async (_name, path, accept, status, code) => {
    const method = status === 405 ? 'POST' : 'GET';
    expectError(await request(`${server.url}${path}`, { method, accept }), status, code);
  });

  it('is absent, not broken, where cnsd was started without a built explorer', async () => {
    expectError(await request(`${bare.url}/`, { accept: 'text/html' }), 404, 'NOT_FOUND');
  });
});
