// /healthz, /readyz, /metrics, /openapi.json, JSON logs under request ids, and shutdown that finishes
// what is in flight while refusing what is new.
import { request as httpRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CnsError } from '../../src/core/shared/errors.js';
import { expectError, request } from './http.js';
import { startCnsd, type RunningServer } from './start-cnsd.js';

function captureLog() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return {
    stream,
    lines: () =>
      text
        .trim()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('a running server', () => {
  const log = captureLog();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCnsd({ logStream: log.stream });
  });
  afterAll(() => server.close());

  it('is alive and ready', async () => {
    expect(JSON.parse((await request(`${server.url}/healthz`)).text)).toEqual({ status: 'ok' });
    expect(JSON.parse((await request(`${server.url}/readyz`)).text)).toEqual({ status: 'ready' });
  });

  it('counts requests by route pattern and status, recipes built and cache lookups, in Prometheus text', async () => {
    await request(`${server.url}/v1/recipe?service=aks`);
    await request(`${server.url}/v1/recipe?service=aks`);
    await request(`${server.url}/no/such/path`);
    const metrics = await request(`${server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.text).toMatch(
      /cnsd_http_requests_total\{method="GET",route="\/v1\/recipe",status="200"\} 2/,
    );
    expect(metrics.text).toMatch(
      /cnsd_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/,
    );
    expect(metrics.text).toMatch(
      /cnsd_http_request_duration_seconds_bucket\{le="0.5",method="GET",route="\/v1\/recipe",status="200"\} 2/,
    );
    expect(metrics.text).toMatch(/cnsd_recipes_built_total 1/);
    expect(metrics.text).toMatch(/cnsd_recipe_cache_lookups_total\{result="hit"\} 1/);
    expect(metrics.text).toMatch(/cnsd_bundle_size_bytes_count 0/);
    expect(metrics.text).toMatch(/cnsd_process_resident_memory_bytes \d+/);
  });

  it('describes every route with its parameters, bodies and answers in /openapi.json', async () => {
    const document = JSON.parse((await request(`${server.url}/openapi.json`)).text) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/healthz',
        '/metrics',
        '/readyz',
        '/v1/bundle',
        '/v1/components',
        '/v1/criteria',
        '/v1/diff',
        '/v1/overlays',
        '/v1/query',
        '/v1/recipe',
        '/v1/validate',
        '/v1/values',
      ].sort(),
    );
    expect(Object.keys(document.paths['/v1/recipe']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/v1/values']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/v1/validate']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '413', '415', '429', '500']),
    );
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'Error',
        'RecipeResult',
        'Snapshot',
        'RecipeCriteria',
        'ValidationResult',
        'DiffReport',
        'ValuesProvenance',
        'OverlayList',
      ]),
    );
  });

  it('lists the components with their charts and the versions overlays pin', async () => {
    const list = JSON.parse((await request(`${server.url}/v1/components`)).text) as {
      components: { name: string; versions: { version: string }[] }[];
    };
    const gpuOperator = list.components.find((c) => c.name === 'gpu-operator');
    expect(gpuOperator?.versions.map((v) => v.version)).toContain('v25.10.1');
  });

  it('writes JSON log lines, each line of a request under its request id', async () => {
    await request(`${server.url}/v1/recipe?service=kind`, {
      headers: { 'x-request-id': 'log-probe-1' },
    });
    await request(`${server.url}/v1/recipe?service=nope`, {
      headers: { 'x-request-id': 'log-probe-2' },
    });
    const lines = log.lines();
    for (const id of ['log-probe-1', 'log-probe-2']) {
      const mine = lines.filter((line) => line.requestId === id);
      expect(mine.map((line) => line.msg)).toEqual(
        expect.arrayContaining(['incoming request', 'request completed']),
      );
    }
    expect(
      lines
        .filter((line) => 'req' in line || 'res' in line)
        .every((line) => typeof line.requestId === 'string'),
    ).toBe(true);
    expect(lines.find((line) => line.requestId === 'log-probe-2' && line.code)).toMatchObject({
      code: 'UNKNOWN_CRITERIA',
    });
  });
});

describe('readiness', () => {
  it('stays alive but not ready when the recipe data cannot be loaded, and says why', async () => {
    const server = await startCnsd({
      ports: {
        catalogLoader: {
          load: () => Promise.reject(new CnsError('NOT_FOUND', 'dist/catalog.json: no such file')),
          files: () => Promise.resolve({ files: {} }),
        },
      },
    });
    try {
      expect((await request(`${server.url}/healthz`)).status).toBe(200);
      expectError(await request(`${server.url}/readyz`), 503, 'UNAVAILABLE');
      expectError(await request(`${server.url}/v1/recipe`), 503, 'UNAVAILABLE');
    } finally {
      await server.close();
    }
  });
});

describe('shutdown', () => {
  it('finishes a request in flight and refuses new connections', async () => {
    const log = captureLog();
    const server = await startCnsd({ logStream: log.stream });
    const { port } = new URL(server.url);
    const body = JSON.stringify({
      kind: 'recipeCriteria',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      spec: { service: 'eks' },
    });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/recipe',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'x-request-id': 'in-flight',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      // Half the body now; the rest once the server is closing.
      req.write(body.slice(0, 20));
      const waitForArrival = setInterval(() => {
        if (log.lines().some((line) => line.requestId === 'in-flight')) {
          clearInterval(waitForArrival);
          closed = server.close();
          setTimeout(() => req.end(body.slice(20)), 50);
        }
      }, 5);
    });
    let closed: Promise<void> | undefined;
    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ kind: 'recipeResult' });
    await closed;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
