// Every error class cnsd answers, over real HTTP: each one JSON {code, message, details, requestId}
// with the status of the shared error table.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, request } from './http.js';
import { startCnsd, type RunningServer } from './start-cnsd.js';

const CRITERIA_YAML =
  'kind: recipeCriteria\napiVersion: cns.nvidia.com/v1alpha1\nspec:\n  service: eks\n';

describe('errors of one server with default limits', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCnsd({ config: { bodyLimitBytes: 4096 } });
  });
  afterAll(() => server.close());

  it('404: an unknown path', async () => {
    const body = expectError(await request(`${server.url}/v2/recipe`), 404, 'NOT_FOUND');
    expect(body.details).toEqual({ path: '/v2/recipe' });
  });

  it.each([
    ['DELETE', '/v1/recipe', 'GET, HEAD, POST'],
    ['PUT', '/healthz', 'GET, HEAD'],
    ['QUERY', '/v1/validate', 'POST'],
  ])('405: %s %s, with the methods it takes in Allow', async (method, path, allow) => {
    const answer = await request(`${server.url}${path}`, { method });
    expectError(answer, 405, 'METHOD_NOT_ALLOWED');
    expect(answer.headers.get('allow')).toBe(allow);
  });

  it('406: an Accept header that allows none of the formats offered', async () => {
    const body = expectError(
      await request(`${server.url}/v1/recipe?service=eks`, { accept: 'text/html' }),
      406,
      'NOT_ACCEPTABLE',
    );
    expect(body.details).toMatchObject({ offered: ['application/json', 'application/yaml'] });
  });

  it('413: a body over the limit', async () => {
    const body = `${CRITERIA_YAML}# ${'x'.repeat(5000)}\n`;
    expectError(
      await request(`${server.url}/v1/recipe`, { body, type: 'application/yaml' }),
      413,
      'INPUT_TOO_LARGE',
    );
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    '415: a body sent as %s',
    async (type) => {
      expectError(
        await request(`${server.url}/v1/recipe`, { body: CRITERIA_YAML, type }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    },
  );

  it('400: an empty body, saying which document was expected', async () => {
    const body = expectError(
      await request(`${server.url}/v1/validate`, { body: '', type: 'application/json' }),
      400,
      'INPUT_SCHEMA',
    );
    expect(body.message).toBe('request body: empty, expected a validate request document');
  });

  it('400: JSON with a duplicate key is refused with its line, not read with one value lost', async () => {
    const body = expectError(
      await request(`${server.url}/v1/recipe`, {
        body: 'kind: recipeCriteria\nkind: Snapshot\n',
        type: 'application/yaml',
      }),
      400,
      'INPUT_YAML',
    );
    expect(body.details).toMatchObject({ line: 2, yamlCode: 'DUPLICATE_KEY' });
  });

  it('takes a well-formed X-Request-Id and echoes it; replaces a malformed one', async () => {
    const given = await request(`${server.url}/nope`, {
      headers: { 'x-request-id': 'ci-run-42.step:7' },
    });
    expect(given.headers.get('x-request-id')).toBe('ci-run-42.step:7');
    expect(JSON.parse(given.text)).toMatchObject({ requestId: 'ci-run-42.step:7' });
    const forged = await request(`${server.url}/healthz`, {
      headers: { 'x-request-id': 'a b\tc' },
    });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('429: rate limiting by client address', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCnsd({ config: { rateLimit: { max: 3, windowMs: 60_000 } } });
  });
  afterAll(() => server.close());

  it('refuses the request past the limit with Retry-After, and never limits probes or metrics', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await request(`${server.url}/v1/criteria`)).status).toBe(200);
    }
    const refused = await request(`${server.url}/v1/criteria`);
    const body = expectError(refused, 429, 'RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(body.details).toMatchObject({ limit: 3, retryAfterSeconds: retryAfter });
    for (const path of ['/healthz', '/readyz', '/metrics', '/healthz']) {
      expect((await request(`${server.url}${path}`)).status).toBe(200);
    }
  });
});

describe('criteria allowlists (CNSD_ALLOWED_<DIMENSION>)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCnsd({
      config: { allowlist: { service: ['eks', 'any'], accelerator: ['h100'] } },
    });
  });
  afterAll(() => server.close());

  it('refuses a value outside the list with 400, listing the allowed values', async () => {
    const body = expectError(
      await request(`${server.url}/v1/recipe?service=gke&accelerator=h100`),
      400,
      'UNKNOWN_CRITERIA',
    );
    expect(body.message).toBe('service "gke" is not served here: allowed values are eks, any');
    expect(body.details).toEqual({ dimension: 'service', value: 'gke', allowed: ['eks', 'any'] });
  });

  it('refuses a dimension left to "any" when "any" is not on its list', async () => {
    const body = expectError(
      await request(`${server.url}/v1/recipe?service=eks`),
      400,
      'UNKNOWN_CRITERIA',
    );
    expect(body.details).toMatchObject({
      dimension: 'accelerator',
      value: 'any',
      allowed: ['h100'],
    });
  });

  it('serves what the lists allow, and lists only those values in /v1/criteria and the OpenAPI document', async () => {
    expect((await request(`${server.url}/v1/recipe?service=eks&accelerator=h100`)).status).toBe(
      200,
    );
    const criteria = JSON.parse((await request(`${server.url}/v1/criteria`)).text) as {
      criteria: Record<string, string[]>;
    };
    expect(criteria.criteria.service).toEqual(['eks', 'any']);
    expect(criteria.criteria.os).toContain('ubuntu');
    const openapi = (await request(`${server.url}/openapi.json`)).text;
    expect(openapi).toContain('"enum": [\n                "h100"\n              ]');
  });
});

describe('500 and 504', () => {
  it('500: an unexpected failure is answered without its message and logged with it under the request id', async () => {
    const log = new PassThrough();
    let lines = '';
    log.on('data', (chunk: Buffer) => (lines += chunk.toString()));
    const server = await startCnsd({
      logStream: log,
      ports: {
        clock: {
          now: () => {
            throw new Error('secret detail at /srv/internal/path');
          },
        },
      },
    });
    try {
      const answer = await request(`${server.url}/v1/recipe?service=oke`, {
        headers: { 'x-request-id': 'boom-1' },
      });
      const body = expectError(answer, 500, 'INTERNAL');
      expect(answer.text).not.toContain('secret');
      expect(body.details).toEqual({});
      const logged = lines
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { requestId?: string; err?: { message: string } })
        .find((line) => line.err);
      expect(logged).toMatchObject({
        requestId: 'boom-1',
        err: { message: 'secret detail at /srv/internal/path' },
      });
    } finally {
      await server.close();
    }
  });

  it('504: work that runs past the request time limit is answered as TIMEOUT', async () => {
    const server = await startCnsd({
      ports: {
        timeouts: { signal: () => AbortSignal.abort(new DOMException('late', 'TimeoutError')) },
      },
    });
    try {
      const answer = await request(`${server.url}/v1/diff`, {
        body: JSON.stringify({
          snapshots: [
            { kind: 'Snapshot', apiVersion: 'cns.nvidia.com/v1alpha1', measurements: [] },
          ],
        }),
        type: 'application/json',
      });
      expectError(answer, 504, 'TIMEOUT');
    } finally {
      await server.close();
    }
  });
});
