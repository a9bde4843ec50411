/**
 * @module The human summary of a recipeResult: criteria, overlays applied and excluded, constraints
 * (with the excluded overlay that requires them, where one does), and components in deployment order.
 */
import type { RecipeResult } from '../../core/recipe/recipe-result.js';
import { renderTable } from './render-table.js';

export function formatRecipeTable(recipe: RecipeResult): string {
  const criteria = Object.entries(recipe.criteria)
    .filter(([, value]) => value !== undefined && value !== null && value !== 'any' && value !== 0)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
  const parts = [
    `Recipe for ${criteria || 'any'}`,
    `Overlays applied: ${recipe.metadata.appliedOverlays.join(' → ') || '(none)'}`,
  ];
  const excluded = recipe.metadata.excludedOverlays ?? [];
  if (excluded.length > 0) parts.push(`Overlays excluded by the snapshot: ${excluded.join(', ')}`);
  parts.push('');
  // Constraints kept from excluded overlays get a third column, so the table shows why they are there.
  const marked = recipe.constraints.some((c) => c.excludedOverlay !== undefined);
  parts.push(
    recipe.constraints.length > 0
      ? renderTable(
          marked
            ? ['CONSTRAINT', 'EXPECTED', 'REQUIRED BY EXCLUDED OVERLAY']
            : ['CONSTRAINT', 'EXPECTED'],
          recipe.constraints.map((c) =>
            marked ? [c.name, c.value, c.excludedOverlay ?? ''] : [c.name, c.value],
          ),
        )
      : 'No constraints.\n',
  );
  const position = new Map(recipe.deploymentOrder.map((name, index) => [name, index + 1]));
  parts.push(
    renderTable(
      ['#', 'COMPONENT', 'VERSION', 'NAMESPACE', 'CHART', 'DEPENDS ON'],
      recipe.componentRefs.map((ref) => [
        String(position.get(ref.name) ?? ''),
        ref.name,
        ref.version ?? '',
        ref.namespace ?? '',
        ref.source && ref.chart
          ? `${ref.source.replace(/\/$/, '')}/${ref.chart}`
          : (ref.source ?? ''),
        (ref.dependencyRefs ?? []).join(', '),
      ]),
    ),
  );
  return parts.join('\n');
}
