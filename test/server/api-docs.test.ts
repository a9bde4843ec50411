/**
 * Keeps docs/api.md true: every `curl` example is sent to a live cnsd (the shell lines before it run
 * in a scratch directory holding the documents it names), and the answer must be the block shown
 * after it: the whole answer, or its first lines where the block ends with `…`. Durations, which
 * change from run to run, are compared as `<duration>`. UPDATE_GOLDEN=1 rewrites the blocks.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExplorerAssets } from '../../src/adapters/explorer/read-explorer-assets.js';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { fixturePath } from '../validate/read-fixture.js';
import { startCnsd, type RunningServer } from './start-cnsd.js';

const DOC = `${REPO_ROOT}docs/api.md`;
const TRUNCATED = '…';
/** The documents the examples name, as files in the scratch directory. */
const FILES: Readonly<Record<string, string>> = {
  'recipe.yaml': 'validate/recipe-h100-eks-training.yaml',
  'snapshot.yaml': 'validate/eks-h100-snapshot.yaml',
  'before.yaml': 'diff/eks-node-before.yaml',
  'after.yaml': 'diff/eks-node-after.yaml',
};

interface Example {
  readonly shell: string;
  /** Offsets of the answer block's content in the document. */
  readonly answerStart: number;
  readonly answerEnd: number;
  readonly answer: string;
}

function readExamples(text: string): Example[] {
  const blocks = [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1],
    content: m[2] ?? '',
    start: (m.index ?? 0) + 4 + (m[1]?.length ?? 0),
  }));
  return blocks.flatMap((block, i) => {
    const next = blocks[i + 1];
    if (block.lang !== 'sh' || !block.content.includes('curl ') || !next) return [];
    return [
      {
        shell: block.content,
        answerStart: next.start,
        answerEnd: next.start + next.content.length,
        answer: next.content,
      },
    ];
  });
}

/** Splits a command line as the shell would, for the quoting the examples use ('...' and bare words). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

async function runExample(shell: string, base: string, dir: string): Promise<string> {
  const lines = shell
    .replace(/\\\n\s*/g, '')
    .trimEnd()
    .split('\n');
  const curlLine = lines.find((line) => line.startsWith('curl ')) ?? '';
  const setup = lines.filter((line) => line !== curlLine).join('\n');
  if (setup) execFileSync('bash', ['-euo', 'pipefail', '-c', setup], { cwd: dir });
  const [command, filter] = curlLine.split(' | ');
  const args = words(command ?? '').slice(1);
  const headers: Record<string, string> = {};
  let body: string | undefined;
  let url = '';
  let output: string | undefined;
  let dumpHeaders = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-s') continue;
    if (arg === '-H') {
      const [name, ...value] = (args[++i] ?? '').split(':');
      headers[(name ?? '').toLowerCase()] = value.join(':').trim();
    } else if (arg === '-d') body = args[++i];
    else if (arg === '--data-binary')
      body = readFileSync(join(dir, (args[++i] ?? '').slice(1)), 'utf8');
    else if (arg === '-o') output = args[++i];
    else if (arg === '-D' && args[++i] === '-') dumpHeaders = true;
    else url = arg;
  }
  const response = await fetch(url.replace('http://127.0.0.1:8080', base), {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (output) writeFileSync(join(dir, output), bytes);
  // As curl -D - prints them: the status line, then the headers (the ones a reader looks for first).
  const first = ['content-type', 'content-disposition'];
  const rank = (name: string) => (first.includes(name) ? first.indexOf(name) : first.length);
  const headerLines = [
    `HTTP/1.1 ${response.status} ${response.statusText}`,
    ...[...response.headers]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([name, value]) => `${name}: ${value}`),
  ];
  const text = `${dumpHeaders ? `${headerLines.join('\n')}\n` : ''}${output ? '' : bytes.toString()}`;
  if (!filter) return text;
  // grep's basic and extended (-E) patterns the examples use read the same as JavaScript's.
  const pattern = /^grep (?:-E )?'(.+)'$/.exec(filter)?.[1] ?? '';
  return text
    .split('\n')
    .filter((line) => new RegExp(pattern).test(line))
    .map((line) => `${line}\n`)
    .join('');
}

const normalize = (text: string) =>
  text
    .replace(/"duration": "[^"]*"/g, '"duration": "<duration>"')
    .replace(/ time="[^"]*"/g, ' time="<duration>"');

/** What the block shows of `actual`: all of it, or its first lines when the block is cut with `…`. */
function shown(documented: string, actual: string): string {
  const lines = documented.split('\n');
  if (lines.at(-2) !== TRUNCATED) return actual;
  return `${actual
    .split('\n')
    .slice(0, lines.length - 2)
    .join('\n')}\n${TRUNCATED}\n`;
}

/** The block to write for `actual` where the document has none yet: short answers whole. */
function fresh(actual: string): string {
  const lines = actual.split('\n');
  return lines.length <= 45 ? actual : `${lines.slice(0, 30).join('\n')}\n${TRUNCATED}\n`;
}

let server: RunningServer;
let dir: string;
beforeAll(async () => {
  // The built explorer, as cnsd serves it (npm test builds before it tests).
  server = await startCnsd({ explorer: await readExplorerAssets(`${REPO_ROOT}dist/explorer`) });
  dir = mkdtempSync(join(tmpdir(), 'cnsd-api-docs-'));
  for (const [name, fixture] of Object.entries(FILES))
    copyFileSync(fixturePath(fixture), join(dir, name));
});
afterAll(() => server.close());

describe('docs/api.md', () => {
  const text = readFileSync(DOC, 'utf8');
  const examples = readExamples(text);

  it('shows an example for every endpoint', () => {
    const shown = examples.map((e) => e.shell).join('\n');
    for (const path of [
      '/v1/recipe',
      '/v1/values',
      '/v1/query',
      '/v1/validate',
      '/v1/diff',
      '/v1/components',
      '/v1/criteria',
      '/v1/overlays',
      '/readyz',
      '/metrics',
    ]) {
      expect(shown).toContain(`8080${path}`);
    }
  });

  it('shows the real answer of each example', async () => {
    // In order: an example may read a file one before it wrote.
    const actuals: string[] = [];
    for (const example of examples) actuals.push(await runExample(example.shell, server.url, dir));
    if (process.env.UPDATE_GOLDEN === '1') {
      let updated = text;
      for (const [index, example] of [...examples.entries()].reverse()) {
        const actual = actuals[index] ?? '';
        const block =
          example.answer === `${TRUNCATED}\n` ? fresh(actual) : shown(example.answer, actual);
        updated = updated.slice(0, example.answerStart) + block + updated.slice(example.answerEnd);
      }
      writeFileSync(DOC, updated);
      return;
    }
    for (const [index, example] of examples.entries()) {
      expect(normalize(example.answer), example.shell).toBe(
        normalize(shown(example.answer, actuals[index] ?? '')),
      );
    }
  });
});
