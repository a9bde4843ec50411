/**
 * @module Two criteria sets side by side, the way one reviews an upgrade: components added, removed or
 * at another version, constraints changed, overlays on one side only, and the values that differ with
 * the layer that set each side (compareRecipes, run here on the two recipes and their traced values).
 */
import type { ComponentChildren } from 'preact';
import { compareRecipes, type RecipeComparison } from '../core/recipe/compare-recipes.js';
import { api } from './api.js';
import { CriteriaForm, type DimensionValues } from './criteria-form.js';
import { useLoad, type Navigate } from './hooks.js';
import { criteriaQuery, type Criteria, type Route } from './route.js';
import { Busy, ErrorBox, formatValue, LayerBadge, Section, Table } from './widgets.js';

async function loadSide(criteria: Criteria) {
  const [recipe, trace] = await Promise.all([api.recipe(criteria), api.values(criteria)]);
  return {
    recipe,
    leaves: Object.fromEntries(trace.components.map((c) => [c.name, c.leaves])),
  };
}

export function CompareView(props: {
  route: Route;
  navigate: Navigate;
  dimensions: DimensionValues | undefined;
}) {
  const { route, navigate } = props;
  const key = `${criteriaQuery(route.criteria).toString()} vs ${criteriaQuery(route.other).toString()}`;
  const compared = useLoad(key, async () => {
    const [a, b] = await Promise.all([loadSide(route.criteria), loadSide(route.other)]);
    return compareRecipes(a, b);
  });
  return (
    <>
      <div class="compare-forms">
        <CriteriaForm
          id="criteria-a"
          legend="Recipe A (before)"
          criteria={route.criteria}
          dimensions={props.dimensions}
          onChange={(criteria) => navigate({ ...route, criteria })}
        />
        <CriteriaForm
          id="criteria-b"
          legend="Recipe B (after)"
          criteria={route.other}
          dimensions={props.dimensions}
          onChange={(other) => navigate({ ...route, other })}
        />
      </div>
      <Busy loading={compared.loading} />
      <ErrorBox error={compared.error} />
      <div class="results" aria-busy={compared.loading}>
        {compared.data && !compared.error && <Comparison comparison={compared.data} />}
      </div>
    </>
  );
}

/** One row of a change table: what changed, and how it reads on each side (— where it is absent). */
interface ChangeRow {
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly label: string;
  readonly a?: ComponentChildren;
  readonly b?: ComponentChildren;
}

function ChangeTable(props: { id: string; caption: string; subject: string; rows: ChangeRow[] }) {
  return (
    <Table caption={props.caption} id={props.id} columns={[props.subject, 'Change', 'A', 'B']}>
      {props.rows.map((row) => (
        <tr key={row.name} class={row.change}>
          <th scope="row">
            <code>{row.name}</code>
          </th>
          <td>{row.label}</td>
          <td>{row.a ?? '—'}</td>
          <td>{row.b ?? '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

const versionOf = (version: string | undefined) => <code>{version}</code>;
const constraintOf = (c: { value: string; severity?: string | undefined }) => (
  <>
    <code>{c.value}</code> {c.severity ?? 'error'}
  </>
);

function Comparison({ comparison }: { comparison: RecipeComparison }) {
  const { components, constraints, overlays, values } = comparison;
  const componentRows: ChangeRow[] = [
    ...components.added.map((c) => ({
      name: c.name,
      change: 'added' as const,
      label: 'added',
      b: versionOf(c.version),
    })),
    ...components.removed.map((c) => ({
      name: c.name,
      change: 'removed' as const,
      label: 'removed',
      a: versionOf(c.version),
    })),
    ...components.changed.map((c) => ({
      name: c.name,
      change: 'changed' as const,
      label: 'version',
      a: versionOf(c.from),
      b: versionOf(c.to),
    })),
  ];
  const constraintRows: ChangeRow[] = [
    ...constraints.added.map((c) => ({
      name: c.name,
      change: 'added' as const,
      label: 'added',
      b: constraintOf(c),
    })),
    ...constraints.removed.map((c) => ({
      name: c.name,
      change: 'removed' as const,
      label: 'removed',
      a: constraintOf(c),
    })),
    ...constraints.changed.map((c) => ({
      name: c.name,
      change: 'changed' as const,
      label: 'changed',
      a: constraintOf(c.from),
      b: constraintOf(c.to),
    })),
  ];
  return (
    <>
      <Section id="compare-components" title="Components">
        <ChangeTable
          caption="Component changes"
          id="compare-components-table"
          subject="Component"
          rows={componentRows}
        />
        <p class="muted">Unchanged: {components.unchanged.join(', ') || 'none'}.</p>
      </Section>
      <Section id="compare-constraints" title="Constraints">
        <ChangeTable
          caption="Constraint changes"
          id="compare-constraints-table"
          subject="Constraint"
          rows={constraintRows}
        />
      </Section>
      <Section id="compare-overlays" title="Overlays">
        <p>Only in A: {overlays.removed.join(', ') || 'none'}.</p>
        <p>Only in B: {overlays.added.join(', ') || 'none'}.</p>
      </Section>
      <Section
        id="compare-values"
        title={`Values that differ (${values.length})`}
        note="For components in both recipes."
      >
        <Table
          caption="Values that differ"
          id="compare-values-table"
          columns={['Component', 'Path', 'A', 'B']}
        >
          {values.map((difference) => (
            <tr key={`${difference.component} ${difference.path.join('.')}`}>
              <td>{difference.component}</td>
              <th scope="row">
                <code>{difference.path.join('.')}</code>
              </th>
              {[difference.from, difference.to].map((side, index) => (
                <td key={index}>
                  {side ? (
                    <>
                      <code>{formatValue(side.value)}</code> <LayerBadge layer={side.layer} />{' '}
                      <span class="source">{side.source}</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              ))}
            </tr>
          ))}
        </Table>
      </Section>
    </>
  );
}
