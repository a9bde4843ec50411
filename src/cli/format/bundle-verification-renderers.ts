/**
 * @module The formats of a bundle verification (`cnsctl bundle verify`): a table of the files that
 * differ, or the report as JSON or YAML for scripts.
 */
import type { BundleVerification } from '../../actions/bundle/verify-bundle.js';
import type { Renderers } from './renderers.js';

export const bundleVerificationRenderers = {
  table: async (report) =>
    (await import('./bundle-verification-table.js')).formatVerificationTable(report),
  json: async (report) => (await import('../../core/shared/serialize.js')).toJson(report),
  yaml: async (report) => (await import('../../core/shared/serialize.js')).toYaml(report),
} satisfies Renderers<BundleVerification>;
