/**
 * @module What `cnsctl bundle` prints once the bundle is written: where, with which deployer, and the
 * components in deployment order.
 */
import type { FileTree } from '../../core/bundle/file-tree.js';
import type { BundlePlan } from '../../core/bundle/plan-bundle.js';
import { renderTable } from './render-table.js';

export function formatBundleSummary(plan: BundlePlan, tree: FileTree, output: string): string {
  const count = plan.components.length;
  return `Wrote the ${plan.options.deployer} bundle of ${count} component${count === 1 ? '' : 's'} to ${output} (${tree.size} files):
${renderTable(
  ['#', 'component', 'version', 'namespace'],
  plan.components.map((c) => [String(c.position + 1), c.name, c.version, c.namespace]),
)
  .split('\n')
  .map((line) => (line === '' ? line : `  ${line}`))
  .join('\n')}Its README.md says how to deploy and check it.
`;
}
