/**
 * @module Two criteria sets side by side, the way one reviews an upgrade: components added, removed or
 * at another version, constraints changed, overlays on one side only, and the values that differ with
 * the layer that set each side (compareRecipes, run here on the two recipes and their traced values).
 */
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

function Comparison({ comparison }: { comparison: RecipeComparison }) {
  const { components, constraints, overlays, values } = comparison;
  return (
    <>
      <Section id="compare-components" title="Components">
        <Table caption="Component changes" id="compare-components-table">
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Change</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
            {components.added.map((c) => (
              <tr key={c.name} class="added">
                <th scope="row">{c.name}</th>
                <td>added</td>
                <td>—</td>
                <td>
                  <code>{c.version}</code>
                </td>
              </tr>
            ))}
            {components.removed.map((c) => (
              <tr key={c.name} class="removed">
                <th scope="row">{c.name}</th>
                <td>removed</td>
                <td>
                  <code>{c.version}</code>
                </td>
                <td>—</td>
              </tr>
            ))}
            {components.changed.map((c) => (
              <tr key={c.name} class="changed">
                <th scope="row">{c.name}</th>
                <td>version</td>
                <td>
                  <code>{c.from}</code>
                </td>
                <td>
                  <code>{c.to}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p class="muted">Unchanged: {components.unchanged.join(', ') || 'none'}.</p>
      </Section>
      <Section id="compare-constraints" title="Constraints">
        <Table caption="Constraint changes" id="compare-constraints-table">
          <thead>
            <tr>
              <th scope="col">Constraint</th>
              <th scope="col">Change</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
            {constraints.added.map((c) => (
              <tr key={c.name} class="added">
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>added</td>
                <td>—</td>
                <td>
                  <code>{c.value}</code> {c.severity ?? 'error'}
                </td>
              </tr>
            ))}
            {constraints.removed.map((c) => (
              <tr key={c.name} class="removed">
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>removed</td>
                <td>
                  <code>{c.value}</code> {c.severity ?? 'error'}
                </td>
                <td>—</td>
              </tr>
            ))}
            {constraints.changed.map((c) => (
              <tr key={c.name} class="changed">
                <th scope="row">
                  <code>{c.name}</code>
                </th>
                <td>changed</td>
                <td>
                  <code>{c.from.value}</code> {c.from.severity ?? 'error'}
                </td>
                <td>
                  <code>{c.to.value}</code> {c.to.severity ?? 'error'}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
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
        <Table caption="Values that differ" id="compare-values-table">
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Path</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </Table>
      </Section>
    </>
  );
}
