/** @module The formats of a diff report (`cnsctl diff`): pairwise, fleet or drift. */
import type { DiffReport } from '../../core/diff/diff-exit-code.js';
import type { Renderers } from './renderers.js';

export const diffRenderers = {
  yaml: async (report) => (await import('../../core/shared/serialize.js')).toYaml(report),
  json: async (report) => (await import('../../core/shared/serialize.js')).toJson(report),
  table: async (report, { color }) => {
    const [{ formatDiffTable }, { loadPaint }] = await Promise.all([
      import('./diff-table.js'),
      import('./diff-colors.js'),
    ]);
    return formatDiffTable(report, await loadPaint(color));
  },
} satisfies Renderers<DiffReport>;
