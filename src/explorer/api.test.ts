import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../core/shared/parse-document-text.js';
import { fixturePath } from '../../test/validate/read-fixture.js';
import { bundleQuery, documentType, readDropped } from './api.js';
import { emptyLists } from './route.js';

describe('readDropped', () => {
  it.each([
    'validate/eks-h100-snapshot.yaml',
    'validate/h100-snapshot.yaml',
    'aicr/snapshot-b200.yaml',
    'aicr/snapshot-eks-h100.yaml',
  ])('reads the real snapshot %s as the server does', async (name) => {
    const text = readFileSync(fixturePath(name), 'utf8');
    expect(await readDropped({ name, text })).toEqual(parseDocumentText(text, name));
  });

  it('reads a JSON document as JSON', async () => {
    expect(await readDropped({ name: 'x.json', text: '{"a": [1, "2"]}' })).toEqual({ a: [1, '2'] });
  });
});

describe('documentType', () => {
  it.each([
    ['{"kind": "Snapshot"}', 'application/json'],
    ['  \n[1]', 'application/json'],
    ['kind: Snapshot', 'application/yaml'],
  ])('reads %j as %s', (text, type) => {
    expect(documentType(text)).toBe(type);
  });
});

describe('bundleQuery', () => {
  it('names each flag as the API does, repeated in order', () => {
    const lists = emptyLists();
    lists['accelerated-node-selector'] = ['pool=gpu'];
    lists.set = ['a:b=1', 'c:d=2'];
    expect(bundleQuery({ deployer: 'flux', lists }).toString()).toBe(
      'acceleratedNodeSelector=pool%3Dgpu&set=a%3Ab%3D1&set=c%3Ad%3D2',
    );
  });
});
