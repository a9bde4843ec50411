/**
 * @module DocumentLister over local directories: a directory given where documents are expected (a
 * fleet of snapshots) stands for its .yaml, .yml and .json files in file-name order. Only local paths
 * are directories; `-` and URLs are always one document.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentLister } from '../../actions/ports.js';
import { STDIO_LOCATION } from '../../core/shared/document-source.js';
import { toFsError } from '../fs-errors.js';

const DOCUMENT_FILE = /\.(ya?ml|json)$/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

export function createDocumentLister(): DocumentLister {
  return {
    async list(location) {
      if (location === STDIO_LOCATION || SCHEME.test(location)) return undefined;
      // A location that cannot be inspected is not a directory: reading it reports why.
      const isDirectory = await stat(location).then(
        (info) => info.isDirectory(),
        () => false,
      );
      if (!isDirectory) return undefined;
      const entries = await readdir(location, { withFileTypes: true }).catch((error: unknown) => {
        throw toFsError(error, location, 'list');
      });
      return entries
        .filter(
          (entry) =>
            (entry.isFile() || entry.isSymbolicLink()) &&
            !entry.name.startsWith('.') &&
            DOCUMENT_FILE.test(entry.name),
        )
        .map((entry) => entry.name)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((name) => join(location, name));
    },
  };
}
