/**
 * The test process described to composePorts as cli/main.ts describes the real one, with the
 * repository's data/ compiled as the embedded catalog (dist/ may not be built).
 */
import { fileURLToPath } from 'node:url';
import { compileCatalogDirectory } from '../../src/adapters/catalog/compile-catalog-directory.js';
import type { EmbeddedCatalog } from '../../src/adapters/catalog/read-embedded-catalog.js';
import type { ComposeInput } from '../../src/adapters/compose/compose-ports.js';

const DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

let embedded: Promise<EmbeddedCatalog> | undefined;
export function loadRepositoryCatalog(): Promise<EmbeddedCatalog> {
  embedded ??= compileCatalogDirectory(DATA_DIR);
  return embedded;
}

export function thisProcess(replaced: Partial<ComposeInput> = {}): ComposeInput {
  return {
    env: process.env,
    processId: process.pid,
    userId: process.getuid?.(),
    killProcessGroup: (groupId, signal) => process.kill(-groupId, signal),
    loadEmbeddedCatalog: loadRepositoryCatalog,
    ...replaced,
  };
}
