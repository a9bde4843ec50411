/**
 * The OpenAPI document drives schemathesis (a property-based API fuzzer) against a live cnsd on
 * loopback: a bounded number of generated requests per operation, valid and invalid, and every
 * answer must be no 5xx, a documented status with a documented content type, and match its schema;
 * undeclared methods must get 405 with Allow. Two checks are left out on purpose:
 * negative_data_rejection and positive_data_acceptance would demand refusing what cnsctl accepts
 * (criteria in any case, numbers where a document has strings) and accepting any value a schema
 * allows (a selector with no value is a 404 by design).
 * scripts/setup-schemathesis.sh installs it (.ci/run calls it); without it the test says so and skips,
 * unless CNS_REQUIRE_SCHEMATHESIS=1 (set by .ci/run once installed) makes its absence a failure.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { startCnsd, type RunningServer } from './start-cnsd.js';

const SCHEMATHESIS = `${REPO_ROOT}.cache/schemathesis/bin/schemathesis`;
const installed = existsSync(SCHEMATHESIS);
if (!installed) {
  if (process.env.CNS_REQUIRE_SCHEMATHESIS === '1') {
    throw new Error(`${SCHEMATHESIS} is missing: run scripts/setup-schemathesis.sh`);
  }
  console.warn(
    'schemathesis is not installed (scripts/setup-schemathesis.sh): the API fuzzing test is skipped',
  );
}

const EXAMPLES_PER_OPERATION = 25;
const SEED = 20261130;

function runSchemathesis(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      SCHEMATHESIS,
      [
        'run',
        `${url}/openapi.json`,
        '--checks',
        'all',
        '--exclude-checks',
        'negative_data_rejection,positive_data_acceptance',
        '--max-examples',
        String(EXAMPLES_PER_OPERATION),
        '--seed',
        String(SEED),
        '--generation-database',
        'none',
        // Hypothesis's health checks judge how fast it generates data, not the API; on a loaded CI
        // machine the large document schemas (a fleet of snapshots) trip them.
        '--suppress-health-check',
        'all',
        // One worker: CPython 3.11's parser is not thread-safe under hypothesis's code generation.
        '--workers',
        '1',
        '--no-color',
      ],
      { env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' }, cwd: `${REPO_ROOT}.cache` },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!installed)('schemathesis against the live server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCnsd();
  });
  afterAll(() => server.close());

  it(`finds no 5xx and no answer off its schema in ${EXAMPLES_PER_OPERATION} examples per operation`, async () => {
    const { code, output } = await runSchemathesis(server.url);
    const summary = output.slice(output.indexOf('SUMMARY'));
    expect(code, output.length > 20_000 ? summary : output).toBe(0);
    expect(output).toMatch(/\d+ generated, \d+ passed/);
  }, 300_000);
});
