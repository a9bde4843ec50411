/**
 * Tables are safe to print whatever the documents hold: escape sequences (CSI, OSC, their C1 forms),
 * bidirectional overrides and carriage returns arrive as visible escapes, and no value makes an
 * endless line. The table test runs every table the CLI renders on real results whose strings were
 * all made hostile, so a table added or changed later is covered too.
 */
import { describe, expect, it } from 'vitest';
import { cnsctl, DEMO_CRITERIA_FLAGS } from '../../../test/cli/run-cli-in-process.js';
import {
  fixtureHostRoot,
  noCluster,
  openFixtureHost,
} from '../../../test/snapshot/fixture-host.js';
import { fixturePath } from '../../../test/validate/read-fixture.js';
import type { ActionDeps } from '../../actions/ports.js';
import type { CliContext } from '../cli-context.js';
import { writeResult } from '../write-result.js';
import { diffRenderers } from './diff-renderers.js';
import { recipeRenderers } from './recipe-renderers.js';
import type { Render } from './renderers.js';
import { snapshotRenderers } from './snapshot-renderers.js';
import {
  cutWithEllipsis,
  forTerminal,
  MAX_TERMINAL_TEXT,
  neutraliseControls,
  terminalLine,
} from './terminal-text.js';
import { validationRenderers } from './validation-renderers.js';

/** The SGR sequences our Paint writes (picocolors): ESC [ <digits> m. */
const OUR_COLOURS = new RegExp(`${String.fromCharCode(0x1b)}\\[\\d+m`, 'g');
const HOSTILE = '\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eFAIL\rPASS\u0000';

describe('neutraliseControls', () => {
  it.each([
    ['an OSC title sequence', '\u001b]0;owned\u0007', '\\x1b]0;owned\\x07'],
    ['a CSI clear screen', '\u001b[2J', '\\x1b[2J'],
    ['a C1 CSI', '\u009b31m', '\\x9b31m'],
    ['a right-to-left override', 'a\u202eb', 'a\\u202eb'],
    ['DEL and NUL', '\u007f\u0000', '\\x7f\\x00'],
    ['a carriage return', 'FAIL\rPASS', 'FAIL\\x0dPASS'],
    ['text with none', 'NVIDIA H100 80GB HBM3 ✓', 'NVIDIA H100 80GB HBM3 ✓'],
  ])('shows %s as escapes', (_name, text, shown) => {
    expect(neutraliseControls(text)).toBe(shown);
  });

  it('keeps newlines only when asked', () => {
    expect(neutraliseControls('a\nb', { keepNewlines: true })).toBe('a\nb');
    expect(neutraliseControls('a\nb')).toBe('a\\x0ab');
  });
});

describe('terminalLine and cutWithEllipsis', () => {
  it('puts a value on one line: line breaks and tabs become spaces', () => {
    expect(terminalLine('ExecStart=/usr/bin/containerd\n  --config\t/etc/c.toml\r\n')).toBe(
      'ExecStart=/usr/bin/containerd --config /etc/c.toml ',
    );
  });

  it('cuts by characters, never inside one, with an ellipsis', () => {
    expect(cutWithEllipsis('🙂'.repeat(10), 4)).toBe('🙂🙂🙂…');
    expect(cutWithEllipsis('abcd', 4)).toBe('abcd');
  });

  it('cuts a 10 MB value to MAX_TERMINAL_TEXT characters', () => {
    const line = terminalLine('x'.repeat(10_000_000));
    expect([...line]).toHaveLength(MAX_TERMINAL_TEXT);
    expect(line.endsWith('…')).toBe(true);
  });

  it('makes every string of a result safe, keys included', () => {
    expect(forTerminal({ [`k${HOSTILE}`]: [HOSTILE, 1, null, { v: 'plain' }] })).toEqual({
      [`k${terminalLine(HOSTILE)}`]: [terminalLine(HOSTILE), 1, null, { v: 'plain' }],
    });
  });
});

/** Values formatters branch on stay as they are; every other string value gets the hostile tail. */
const STRUCTURAL = new Set(['kind', 'apiVersion', 'status', 'severity', 'type']);
function poison(value: unknown, key = ''): unknown {
  if (typeof value === 'string')
    return STRUCTURAL.has(key) ? value : `${value}${HOSTILE}${'x'.repeat(3 * MAX_TERMINAL_TEXT)}`;
  if (Array.isArray(value)) return value.map((item) => poison(item, key));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
}

const ports = { openHost: openFixtureHost, openKube: noCluster };
const TABLES: readonly (readonly [string, Render<never, never>, readonly string[]])[] = [
  ['recipe', recipeRenderers.table, ['recipe', ...DEMO_CRITERIA_FLAGS]],
  [
    'snapshot',
    snapshotRenderers.table,
    ['snapshot', '--host-root', fixtureHostRoot('h100-minimal')],
  ],
  [
    'validate',
    validationRenderers.table,
    [
      'validate',
      '--recipe',
      fixturePath('validate/recipe-h100-checks.yaml'),
      '--snapshot',
      fixturePath('validate/h100-snapshot.yaml'),
    ],
  ],
  [
    'diff of two',
    diffRenderers.table,
    ['diff', fixturePath('diff/eks-node-before.yaml'), fixturePath('diff/eks-node-after.yaml')],
  ],
  [
    'diff of a fleet',
    diffRenderers.table,
    [
      'diff',
      fixturePath('diff/eks-node-before.yaml'),
      fixturePath('diff/eks-node-after.yaml'),
      fixturePath('diff/eks-node-after.yaml'),
    ],
  ],
  [
    'drift',
    diffRenderers.table,
    [
      'diff',
      '--recipe',
      fixturePath('validate/recipe-h100-eks-training.yaml'),
      fixturePath('validate/eks-h100-snapshot.yaml'),
    ],
  ],
];

/** The table text writeResult writes for `result`, coloured as on a terminal when `color`. */
async function renderedTable(render: Render<never, never>, result: unknown, color: boolean) {
  let written = '';
  const context = {
    io: {
      stdout: { write: () => true, isTTY: color },
      stderr: { write: () => true },
      env: {},
      runtime: { node: 'test', platform: 'test/test' },
    },
    deps: {
      documents: {
        read: () => Promise.reject(new Error('unused')),
        write: (_location: string | undefined, text: string) => {
          written += text;
          return Promise.resolve();
        },
      },
    } as unknown as ActionDeps,
    globals: { debug: false, logJson: false },
    log: { log: () => undefined, passThrough: () => undefined },
    exitCode: 0,
  } satisfies CliContext;
  await writeResult(
    context,
    { format: 'table' },
    render,
    result as never,
    { failOn: 'error' } as never,
  );
  return written;
}

describe('every table, on results whose strings are all hostile', () => {
  it.each(TABLES)(
    '%s shows no control character and no endless line',
    async (_name, render, argv) => {
      const run = await cnsctl([...argv, '-t', 'json'], { ports });
      expect([0, 1]).toContain(run.code);
      const hostile = poison(JSON.parse(run.stdout));
      for (const color of [false, true]) {
        const text = await renderedTable(render, hostile, color);
        // Only our own colour codes (SGR) may remain, and only when colouring.
        const withoutColour = color ? text.replace(OUR_COLOURS, '') : text;
        expect(neutraliseControls(withoutColour, { keepNewlines: true })).toBe(withoutColour);
        expect(text).toContain('\\x1b]0;owned\\x07');
        // A line may join a few values (criteria, overlays), each cut: never a poisoned value whole.
        for (const line of text.split('\n'))
          expect(line.length).toBeLessThan(10 * MAX_TERMINAL_TEXT);
      }
    },
  );
});
