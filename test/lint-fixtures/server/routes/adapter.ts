// expect-lint: @typescript-eslint/no-restricted-imports "Only server/main.ts (the composition root) imports adapters"
import { createDocumentStore } from '../../adapters/documents/document-store.js';

export const store = createDocumentStore;
