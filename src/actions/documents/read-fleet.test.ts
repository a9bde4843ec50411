import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/validate/read-fixture.js';
import { CnsError } from '../../core/shared/errors.js';
import type { DocumentLister, DocumentStore } from '../ports.js';
import { readFleet } from './read-fleet.js';

const BEFORE = readFileSync(fixturePath('diff/eks-node-before.yaml'), 'utf8');
const AFTER = readFileSync(fixturePath('diff/eks-node-after.yaml'), 'utf8');

/** Documents in memory, under the DocumentStore contract: an unknown location is NOT_FOUND. */
function memoryStore(
  texts: Readonly<Record<string, string>>,
): DocumentStore & { reads: string[]; mostInFlight: () => number } {
  const reads: string[] = [];
  let inFlight = 0;
  let most = 0;
  return {
    reads,
    mostInFlight: () => most,
    read: async (location) => {
      reads.push(location);
      most = Math.max(most, ++inFlight);
      // Answer on a later turn, as a file read does, so reads can overlap.
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      const text = texts[location];
      if (text === undefined) {
        throw new CnsError('NOT_FOUND', `${location}: no such file or directory`);
      }
      return text;
    },
    write: () => Promise.reject(new Error('not written in these tests')),
  };
}

/** Directories in memory: a listed location expands to its documents, others are one document. */
const memoryLister = (
  directories: Readonly<Record<string, readonly string[]>>,
): DocumentLister => ({
  list: (location) => Promise.resolve(directories[location]),
});

describe('readFleet', () => {
  it('expands each directory in place, keeping the order the locations were given in', async () => {
    const documents = memoryStore({ '-': AFTER, 'fleet/a.yaml': BEFORE, 'fleet/b.yaml': AFTER });
    const fleet = await readFleet(['-', 'fleet/'], {
      documents,
      documentLister: memoryLister({ 'fleet/': ['fleet/a.yaml', 'fleet/b.yaml'] }),
    });
    expect(fleet.map((s) => s.source)).toEqual(['<stdin>', 'fleet/a.yaml', 'fleet/b.yaml']);
    expect(fleet.map((s) => s.snapshot.kind)).toEqual(['Snapshot', 'Snapshot', 'Snapshot']);
  });

  it('reads a large fleet completely and in order, a few documents at a time', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `node-${String(i).padStart(2, '0')}.yaml`);
    const documents = memoryStore(Object.fromEntries(names.map((n) => [n, BEFORE])));
    const fleet = await readFleet(names, { documents, documentLister: memoryLister({}) });
    expect(fleet.map((s) => s.source)).toEqual(names);
    expect([...documents.reads].sort()).toEqual(names);
    expect(documents.mostInFlight()).toBe(16);
  });

  it('refuses a directory without snapshot files as NOT_FOUND, naming it', async () => {
    const reading = { documents: memoryStore({}), documentLister: memoryLister({ 'empty/': [] }) };
    await expect(readFleet(['empty/'], reading)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'empty/: no snapshot files (.yaml, .yml, .json) in this directory',
    });
  });

  it('names a document that is not a snapshot, as the user named it', async () => {
    const reading = {
      documents: memoryStore({ '-': 'kind: recipeResult\n' }),
      documentLister: memoryLister({}),
    };
    await expect(readFleet(['-'], reading)).rejects.toMatchObject({
      code: 'INPUT_SCHEMA',
      message: expect.stringMatching(/^<stdin>: not a valid Snapshot/) as unknown,
    });
  });
});
