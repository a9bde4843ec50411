/**
 * @module A recipe as people read it: its components (version, chart, namespace), the deployment
 * order as a graph, its constraints with severity and remediation, and the overlays applied (with the
 * criteria that made them match) and excluded (with why). Shared by the recipe and snapshot views.
 */
import { useLayoutEffect } from 'preact/hooks';
import type { OverlayListing, RecipeResult } from './api.js';
import { DependencyGraph } from './dependency-graph.js';
import { markRendered } from './perf.js';
import type { Route } from './route.js';
import { Section, Table } from './widgets.js';

export function RecipeParts(props: {
  recipe: RecipeResult;
  overlays: readonly OverlayListing[] | undefined;
  valuesLink?: (component: string) => Route | undefined;
  onLink?: (route: Route) => (event: MouseEvent) => void;
  href?: (route: Route) => string;
}) {
  const { recipe } = props;
  useLayoutEffect(markRendered, [recipe]);
  return (
    <>
      <Section id="components" title={`Components (${recipe.componentRefs.length})`}>
        <Table
          caption="Components"
          id="components-table"
          columns={['#', 'Component', 'Version', 'Chart', 'Namespace', 'Depends on']}
        >
          {recipe.componentRefs.map((ref, index) => {
            const link = props.valuesLink?.(ref.name);
            return (
              <tr key={ref.name}>
                <td>{index + 1}</td>
                <th scope="row">
                  {link && props.href && props.onLink ? (
                    <a
                      href={props.href(link)}
                      onClick={props.onLink(link)}
                      title={`Values of ${ref.name}`}
                    >
                      {ref.name}
                    </a>
                  ) : (
                    ref.name
                  )}
                </th>
                <td>
                  <code>{ref.version ?? '—'}</code>
                </td>
                <td>
                  <span class="chart">{ref.chart ?? ref.name}</span>
                  <span class="repo">{ref.source}</span>
                </td>
                <td>
                  <code>{ref.namespace ?? '—'}</code>
                </td>
                <td>{(ref.dependencyRefs ?? []).join(', ') || '—'}</td>
              </tr>
            );
          })}
        </Table>
      </Section>
      <Section id="order" title="Deployment order">
        <DependencyGraph components={recipe.componentRefs} />
      </Section>
      <Section id="constraints" title={`Constraints (${recipe.constraints.length})`}>
        <Table
          caption="Constraints"
          id="constraints-table"
          columns={['Constraint', 'Expected', 'Severity', 'Remediation']}
        >
          {recipe.constraints.map((constraint) => (
            <tr key={constraint.name}>
              <th scope="row">
                <code>{constraint.name}</code>
                {constraint.excludedOverlay && (
                  <span class="muted"> (from excluded overlay {constraint.excludedOverlay})</span>
                )}
              </th>
              <td>
                <code>{constraint.value}</code>
              </td>
              <td>
                <span class={`badge severity-${constraint.severity ?? 'error'}`}>
                  {constraint.severity ?? 'error'}
                </span>
              </td>
              <td>{constraint.remediation ?? '—'}</td>
            </tr>
          ))}
        </Table>
      </Section>
      <OverlaysSection recipe={recipe} overlays={props.overlays} />
    </>
  );
}

function OverlaysSection({
  recipe,
  overlays,
}: {
  recipe: RecipeResult;
  overlays: readonly OverlayListing[] | undefined;
}) {
  const byName = new Map((overlays ?? []).map((overlay) => [overlay.name, overlay]));
  const why = (name: string) => {
    const criteria = Object.entries(byName.get(name)?.criteria ?? {});
    return criteria.length === 0
      ? 'matches every recipe'
      : `matches ${criteria.map(([key, value]) => `${key}=${value}`).join(', ')}`;
  };
  const excluded = recipe.metadata.excludedOverlays ?? [];
  const reasons = (name: string) => {
    const own = (recipe.metadata.constraintWarnings ?? []).filter((w) => w.overlay === name);
    const fromConstraint = recipe.constraints.find(
      (c) => c.excludedOverlay === name,
    )?.excludedBecause;
    return own.length > 0
      ? own.map((w) => `${w.name}: ${w.message}`).join('; ')
      : (fromConstraint ?? 'its parent overlay was excluded');
  };
  return (
    <Section id="overlays" title="Overlays">
      <h3>Applied, from general to specific</h3>
      <ol class="overlays">
        {recipe.metadata.appliedOverlays.map((name) => (
          <li key={name}>
            <code>{name}</code> — {why(name)}
            {byName.get(name)?.base && <span class="muted"> (after {byName.get(name)?.base})</span>}
            {byName.get(name)?.description && (
              <div class="muted">{byName.get(name)?.description}</div>
            )}
          </li>
        ))}
      </ol>
      {excluded.length > 0 && (
        <>
          <h3>Excluded by the snapshot</h3>
          <ul class="overlays" id="excluded-overlays">
            {excluded.map((name) => (
              <li key={name}>
                <code>{name}</code> — {reasons(name)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
