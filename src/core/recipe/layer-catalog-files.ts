/**
 * @module Lays a user's data files over the embedded ones: a file replaces the embedded file with the
 * same path, except registry.yaml, whose components merge by name (a user entry replaces the embedded
 * entry of that name; new names are added). The result goes through parseCatalog like any data.
 */
import { parseDocument } from 'yaml';
import { CnsError } from '../shared/errors.js';
import { toYaml } from '../shared/serialize.js';
import { REGISTRY_FILE } from './catalog.js';
import { isPlainObject } from './parse-catalog.js';

export function layerCatalogFiles(
  base: Readonly<Record<string, string>>,
  user: Readonly<Record<string, string>>,
  userLabel: string,
): Record<string, string> {
  const files: Record<string, string> = { ...base };
  for (const [path, text] of Object.entries(user)) {
    if (path.split('/').includes('..')) {
      throw new CnsError('BAD_DATA', `${userLabel}/${path}: ".." is not allowed in a data path`, {
        details: { path },
      });
    }
    files[path] =
      path === REGISTRY_FILE && base[REGISTRY_FILE] !== undefined
        ? mergeRegistryText(base[REGISTRY_FILE], text, `${userLabel}/${REGISTRY_FILE}`)
        : text;
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function mergeRegistryText(baseText: string, userText: string, userFile: string): string {
  const baseRegistry = readRegistry(baseText, REGISTRY_FILE);
  const userRegistry = readRegistry(userText, userFile);
  const byName = new Map<unknown, unknown>();
  for (const component of [...componentsOf(baseRegistry), ...componentsOf(userRegistry)]) {
    byName.set(isPlainObject(component) ? component.name : component, component);
  }
  return toYaml({ ...baseRegistry, ...userRegistry, components: [...byName.values()] });
}

function readRegistry(text: string, file: string): Record<string, unknown> {
  const doc = parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0].line;
    throw new CnsError(
      'BAD_DATA',
      `${file}${line ? `:${line}` : ''}: ${error.message.split('\n', 1)[0] ?? ''}`,
      {
        details: { problems: [{ file, line, message: error.message }] },
      },
    );
  }
  const value: unknown = doc.toJS();
  if (!isPlainObject(value)) {
    throw new CnsError('BAD_DATA', `${file}: a registry must be a mapping with a components list`, {
      details: { problems: [{ file, message: 'not a mapping' }] },
    });
  }
  return value;
}

function componentsOf(registry: Record<string, unknown>): unknown[] {
  return Array.isArray(registry.components) ? registry.components : [];
}
