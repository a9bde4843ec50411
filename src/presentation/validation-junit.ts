/**
 * @module A ValidationResult as JUnit XML, so CI systems show each constraint as a test case: results
 * that fail the run are `<failure>`, other skipped ones `<skipped>`. A failed warning is a failure only
 * under `--fail-on warning` or stricter; otherwise it passes with the finding in `<system-out>`, so CI
 * and the exit code agree. Under `--fail-on skipped` an unmeasured constraint is a
 * `<failure type="skipped">`. `--fail-on never` changes the exit code only, not what the report says.
 */
import { parseDuration } from '../core/validate/format-duration.js';
import { failsRun, type FailOn } from '../core/validate/validation-exit-code.js';
import type { ValidationEntry, ValidationResult } from '../core/validate/validation-result.js';

export interface JunitOptions {
  readonly failOn: FailOn;
}

/**
 * Renders `result` as a JUnit XML document (one testsuite, one testcase per constraint).
 * @example renderJunit(result, { failOn: 'error' }).startsWith('<?xml') // true
 */
export function renderJunit(result: ValidationResult, options: JunitOptions): string {
  const failOn = options.failOn === 'never' ? 'error' : options.failOn;
  const failures = result.results.filter((entry) => failsRun(entry, failOn)).length;
  const skipped = result.results.filter(
    (entry) => entry.status === 'skipped' && !failsRun(entry, failOn),
  ).length;
  const seconds =
    result.summary.duration === undefined ? undefined : parseDuration(result.summary.duration);
  const { metadata } = result;
  const counts = {
    tests: String(result.results.length),
    failures: String(failures),
    errors: '0',
    skipped: String(skipped),
    ...(seconds === undefined ? {} : { time: formatSeconds(seconds) }),
  };
  const properties = [
    ['recipe', metadata.recipe],
    ['snapshot', metadata.snapshot],
    ['node', metadata.node],
    ['status', result.summary.status],
    ['fail-on', options.failOn],
    ['version', metadata.version],
  ].filter((entry): entry is [string, string] => entry[1] !== undefined);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: 'cnsctl validate', ...counts })}>`,
    `  <testsuite${attributes({
      name: metadata.recipe ?? 'recipe constraints',
      ...counts,
      ...(metadata.generatedAt === undefined ? {} : { timestamp: metadata.generatedAt }),
      ...(metadata.node === undefined ? {} : { hostname: metadata.node }),
    })}>`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property${attributes({ name, value })}/>`),
    '    </properties>',
    ...result.results.flatMap((entry) => testcase(entry, failOn)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ];
  return lines.join('\n');
}

function testcase(entry: ValidationEntry, failOn: FailOn): string[] {
  const classname = entry.name.slice(0, Math.max(0, entry.name.indexOf('.'))) || entry.name;
  const open = `    <testcase${attributes({ name: entry.name, classname })}`;
  const message = entry.message ?? describe(entry);
  if (entry.status === 'passed') return [`${open}/>`];
  const body = escapeText(details(entry));
  const type = entry.status === 'skipped' ? 'skipped' : (entry.severity ?? 'error');
  if (failsRun(entry, failOn)) {
    return [
      `${open}>`,
      `      <failure${attributes({ message, type })}>${body}</failure>`,
      '    </testcase>',
    ];
  }
  if (entry.status === 'skipped') {
    return [`${open}>`, `      <skipped${attributes({ message })}/>`, '    </testcase>'];
  }
  return [
    `${open}>`,
    `      <system-out>${escapeText(`${type}: ${message}\n`)}${body}</system-out>`,
    '    </testcase>',
  ];
}

function describe(entry: ValidationEntry): string {
  return entry.actual === undefined
    ? `expected ${entry.expected}`
    : `expected ${entry.expected}, found ${entry.actual}`;
}

function details(entry: ValidationEntry): string {
  return [
    `expected: ${entry.expected}`,
    `actual: ${entry.actual ?? '(not measured)'}`,
    ...(entry.remediation === undefined ? [] : [`remediation: ${entry.remediation}`]),
  ].join('\n');
}

function formatSeconds(seconds: number): string {
  // Plain decimal notation: JUnit readers parse xs:decimal, which has no exponent form (1.15e-5).
  return seconds.toFixed(9).replace(/\.?0+$/, '') || '0';
}

function attributes(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
}

// XML 1.0 forbids these code points even as character references; they become U+FFFD.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeText(value: string): string {
  return value
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  // Newlines and tabs in attributes would be normalised to spaces by parsers; references keep them.
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
