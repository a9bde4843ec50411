import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRecipeFixture, readSnapshotFixture } from '../../test/validate/read-fixture.js';
import { renderJunit } from './validation-junit.js';
import { validateRecipe } from '../core/validate/validate-recipe.js';
import {
  buildValidationResult,
  type ValidationResult,
} from '../core/validate/validation-result.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  trimValues: false,
  parseTagValue: false,
  isArray: (name) => ['testcase', 'property'].includes(name),
});

interface Testcase {
  name: string;
  classname: string;
  failure?: { '#text': string; message: string; type: string };
  skipped?: { message: string };
  'system-out'?: string;
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as {
    testsuites: {
      tests: string;
      failures: string;
      skipped: string;
      time?: string;
      testsuite: Record<string, unknown> & { testcase: Testcase[] };
    };
  };
  return doc.testsuites;
}

function h100Result(): ValidationResult {
  const recipe = readRecipeFixture('validate/recipe-h100-checks.yaml');
  const { results, counts } = validateRecipe(
    recipe.constraints,
    readSnapshotFixture('validate/h100-snapshot.yaml'),
  );
  return buildValidationResult(results, counts, '11.5µs', {
    generatedAt: '2026-11-26T15:30:00Z',
    version: '0.1.0',
    recipe: 'recipe-h100-checks.yaml',
    snapshot: 'h100-snapshot.yaml',
    node: 'h100-vm-0',
  });
}

describe('renderJunit', () => {
  it('writes one test case per constraint, failures and skips counted as CI systems read them', () => {
    const suites = parse(renderJunit(h100Result(), { failOn: 'error' }));
    expect(suites).toMatchObject({ tests: '10', failures: '1', skipped: '2', time: '0.0000115' });
    const suite = suites.testsuite;
    expect(suite).toMatchObject({
      name: 'recipe-h100-checks.yaml',
      hostname: 'h100-vm-0',
      timestamp: '2026-11-26T15:30:00Z',
    });
    expect(suite.testcase).toHaveLength(10);
    const swappiness = suite.testcase.find((t) => t.name === 'OS.sysctl./proc/sys/vm/swappiness');
    expect(swappiness?.classname).toBe('OS');
    expect(swappiness?.failure?.type).toBe('error');
    expect(swappiness?.failure?.['#text']).toContain('remediation: sysctl -w vm.swappiness=10');
    expect(suite.testcase.find((t) => t.name === 'K8s.server.version')?.skipped).toBeDefined();
  });

  it('reports a failed warning as a passing case with output, unless --fail-on warning', () => {
    const mig = (xml: string) =>
      parse(xml).testsuite.testcase.find((t) => t.name === 'GPU.gpu-0.mig-mode');
    expect(mig(renderJunit(h100Result(), { failOn: 'error' }))?.failure).toBeUndefined();
    expect(mig(renderJunit(h100Result(), { failOn: 'error' }))?.['system-out']).toContain(
      'warning: ',
    );
    expect(mig(renderJunit(h100Result(), { failOn: 'warning' }))?.failure?.type).toBe('warning');
    expect(parse(renderJunit(h100Result(), { failOn: 'warning' })).failures).toBe('2');
  });

  it('still reports failed errors under --fail-on never', () => {
    expect(parse(renderJunit(h100Result(), { failOn: 'never' })).failures).toBe('1');
  });

  it('leaves out the time when the duration cannot be read', () => {
    const result = h100Result();
    const xml = renderJunit(
      { ...result, summary: { ...result.summary, duration: 'soon' } },
      { failOn: 'error' },
    );
    expect(parse(xml).time).toBeUndefined();
  });

  it('escapes any text so the XML stays well formed and reads back the same (property)', () => {
    const base = h100Result();
    const text = fc.string({ unit: 'binary', maxLength: 20 });
    fc.assert(
      fc.property(text, text, text, (name, message, remediation) => {
        const result: ValidationResult = {
          ...base,
          metadata: { ...base.metadata, recipe: name },
          results: [
            {
              name: `OS.x.${name}`,
              expected: message,
              actual: remediation,
              status: 'failed',
              severity: 'error',
              message,
              remediation,
            },
          ],
        };
        const suites = parse(renderJunit(result, { failOn: 'error' }));
        const clean = (s: string) =>
          s.replace(
            // eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
            /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
            '\uFFFD',
          );
        const testcase = suites.testsuite.testcase[0];
        expect(testcase?.name).toBe(clean(`OS.x.${name}`));
        expect(testcase?.failure?.message).toBe(clean(message));
        expect(suites.testsuite.name).toBe(clean(name));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the document the CLI golden shows, line for line', () => {
    const result = h100Result();
    const golden = readFileSync(
      new URL('../../test/validate/golden/h100-checks-junit.xml', import.meta.url),
      'utf8',
    );
    const xml = renderJunit(
      { ...result, metadata: { ...result.metadata, generatedAt: '2026-01-13T13:05:58.000Z' } },
      { failOn: 'error' },
    );
    expect(xml.replace(/time="[^"]*"/g, 'time="<seconds>"')).toBe(golden);
  });

  it('keeps markup characters and line breaks in names, messages and details', () => {
    const text = `a&b <c> "d" 'e'\nf`;
    const base = h100Result();
    const result: ValidationResult = {
      ...base,
      results: [
        {
          name: `OS.x.${text}`,
          expected: text,
          actual: text,
          status: 'failed',
          severity: 'error',
          message: text,
          remediation: text,
        },
        { name: 'OS.y.z', expected: '1', status: 'skipped', severity: 'error', message: text },
      ],
    };
    const [failed, skipped] = parse(renderJunit(result, { failOn: 'error' })).testsuite.testcase;
    expect(failed?.name).toBe(`OS.x.${text}`);
    expect(failed?.failure?.message).toBe(text);
    expect(failed?.failure?.['#text']).toBe(
      `expected: ${text}\nactual: ${text}\nremediation: ${text}`,
    );
    expect(skipped?.skipped?.message).toBe(text);
  });

  it('names a suite without a recipe, and leaves out what the result does not know', () => {
    const result: ValidationResult = {
      ...h100Result(),
      metadata: { version: '0.1.0' },
      summary: { ...h100Result().summary, duration: '0s' },
    };
    const suites = parse(renderJunit(result, { failOn: 'never' }));
    expect(suites.time).toBe('0');
    const { testcase: _cases, properties, '#text': _whitespace, ...suite } = suites.testsuite;
    expect(suite).toEqual({
      name: 'recipe constraints',
      tests: '10',
      failures: '1',
      errors: '0',
      skipped: '2',
      time: '0',
    });
    expect(properties).toMatchObject({
      property: [
        { name: 'status', value: 'fail' },
        { name: 'fail-on', value: 'never' },
        { name: 'version', value: '0.1.0' },
      ],
    });
  });

  it('describes a result read back without a message, severity or measured value', () => {
    const result: ValidationResult = {
      ...h100Result(),
      results: [
        { name: 'OS.a.b', expected: '>= 6.8', actual: '5.15', status: 'failed' },
        { name: 'OS.c.d', expected: 'true', status: 'failed' },
        { name: 'OS.e.f', expected: 'x', status: 'skipped' },
      ],
    };
    const [found, notMeasured, skipped] = parse(renderJunit(result, { failOn: 'error' })).testsuite
      .testcase;
    expect(found?.failure).toEqual({
      message: 'expected >= 6.8, found 5.15',
      type: 'error',
      '#text': 'expected: >= 6.8\nactual: 5.15',
    });
    expect(notMeasured?.failure).toEqual({
      message: 'expected true',
      type: 'error',
      '#text': 'expected: true\nactual: (not measured)',
    });
    expect(skipped?.skipped?.message).toBe('expected x');
  });
});
