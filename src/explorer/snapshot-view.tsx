/**
 * @module Drop a snapshot (ours or aicr's): the criteria detected from it, the recipe for that node
 * (overlays its constraints exclude left out, facts such as the driver version locked), and the
 * validation of the node against that recipe, failures first. The file goes to the API with each
 * request and is kept nowhere: not on the server, not in the URL.
 */
import { useState } from 'preact/hooks';
import {
  api,
  type DroppedDocument,
  type RecipeResult,
  type ValidationResult,
  type ValuesTrace,
} from './api.js';
import { BundlePanel } from './bundle-panel.js';
import { CriteriaForm, type DimensionValues } from './criteria-form.js';
import { useLoad, type Navigate } from './hooks.js';
import { RecipeParts } from './recipe-parts.js';
import type { OverlayListing } from './api.js';
import { criteriaQuery, formatRoute, type Criteria, type Route } from './route.js';
import { ValuesExplorer } from './values-view.js';
import { Busy, ErrorBox, formatValue, Section, Table } from './widgets.js';

interface Dropped {
  readonly document: DroppedDocument;
  readonly recipe: RecipeResult;
  readonly trace: ValuesTrace;
  readonly validation: ValidationResult;
}

const STATUS_ORDER: Record<string, number> = { failed: 0, skipped: 1, passed: 2 };

export function SnapshotView(props: {
  route: Route;
  navigate: Navigate;
  dimensions: DimensionValues | undefined;
  overlays: readonly OverlayListing[] | undefined;
}) {
  const { route, navigate } = props;
  const [dropped, setDropped] = useState<{ document: DroppedDocument; count: number }>();
  const [over, setOver] = useState(false);
  const [component, setComponent] = useState<string | undefined>();
  const key = dropped && `${dropped.count} ${criteriaQuery(route.criteria).toString()}`;
  const state = useLoad(key, async (): Promise<Dropped> => {
    const document = (dropped as { document: DroppedDocument }).document;
    const recipe = await api.recipeFromSnapshot(document, route.criteria);
    const [trace, validation] = await Promise.all([
      api.valuesFromSnapshot(document, route.criteria),
      api.validate(recipe, document),
    ]);
    return { document, recipe, trace, validation };
  });
  const read = async (file: File) =>
    setDropped({
      document: { name: file.name, text: await file.text() },
      count: (dropped?.count ?? 0) + 1,
    });
  const result = state.data;
  return (
    <>
      <CriteriaForm
        id="criteria"
        legend="Criteria given with the snapshot (they win over those it shows)"
        criteria={route.criteria}
        dimensions={props.dimensions}
        onChange={(criteria) => navigate({ ...route, criteria }, { replace: true })}
      />
      <label
        class={`dropzone${over ? ' over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          const file = event.dataTransfer?.files[0];
          if (file) void read(file);
        }}
      >
        <span class="dropzone-title">Drop a snapshot here, or choose a file</span>
        <span class="muted">
          YAML or JSON, from cnsctl snapshot or aicr. It is sent to this server for each answer and
          stored nowhere.
        </span>
        <input
          id="snapshot-file"
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void read(file);
          }}
        />
      </label>
      <Busy loading={state.loading} />
      <ErrorBox error={state.error} />
      <div class="results" aria-busy={state.loading}>
        {result && !state.error && (
          <>
            <Detected
              recipe={result.recipe}
              name={result.document.name}
              navigate={navigate}
              route={route}
            />
            <Locks trace={result.trace} />
            <Validation validation={result.validation} />
            <RecipeParts recipe={result.recipe} overlays={props.overlays} />
            <ValuesExplorer
              trace={result.trace}
              component={component}
              flags={false}
              onComponent={setComponent}
            />
            <BundlePanel
              recipe={result.recipe}
              choice={route.bundle}
              onChange={(bundle) => navigate({ ...route, bundle }, { replace: true })}
            />
          </>
        )}
      </div>
    </>
  );
}

function Detected(props: { recipe: RecipeResult; name: string; route: Route; navigate: Navigate }) {
  const criteria = Object.fromEntries(
    Object.entries(props.recipe.criteria).filter(
      ([, value]) => value !== null && value !== undefined && value !== 'any' && value !== 0,
    ),
  ) as Criteria;
  const target: Route = { ...props.route, view: 'recipe', criteria };
  return (
    <Section id="detected" title="Criteria of this node's recipe">
      <dl class="criteria-list" id="detected-criteria">
        {Object.entries(criteria).map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">
        Detected from {props.name}, with those chosen above. The recipe for the same criteria
        without the snapshot: <a href={formatRoute(target)}>{formatRoute(target)}</a>
      </p>
    </Section>
  );
}

function Locks({ trace }: { trace: ValuesTrace }) {
  const locks = trace.components.flatMap((component) =>
    component.leaves
      .filter((leaf) => leaf.layer === 'snapshot-lock')
      .map((leaf) => ({ component: component.name, leaf })),
  );
  return (
    <Section id="locks" title="Locked from the snapshot">
      {locks.length === 0 ? (
        <p>Nothing on this node is locked into the recipe.</p>
      ) : (
        <Table
          caption="Values locked from the snapshot"
          id="locks-table"
          columns={['Component', 'Value', 'Locked to', 'Measured as']}
        >
          {locks.map(({ component, leaf }) => (
            <tr key={`${component} ${leaf.path.join('.')}`}>
              <td>{component}</td>
              <th scope="row">
                <code>{leaf.path.join('.')}</code>
              </th>
              <td>
                <code>{formatValue(leaf.value)}</code>
              </td>
              <td>
                <code>{leaf.source}</code>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}

function Validation({ validation }: { validation: ValidationResult }) {
  const { summary } = validation;
  const results = [...validation.results].sort(
    (a, b) =>
      (STATUS_ORDER[a.status] ?? 3) - (STATUS_ORDER[b.status] ?? 3) ||
      Number(a.severity === 'warning') - Number(b.severity === 'warning'),
  );
  return (
    <Section id="validation" title="Validation">
      <p class={`verdict verdict-${summary.status}`} id="validation-summary">
        <strong>{summary.status}</strong>: {summary.passed} passed, {summary.failed} failed
        {summary.warnings ? ` (${summary.warnings} warnings)` : ''}, {summary.skipped} skipped of{' '}
        {summary.total}.
      </p>
      <Table
        caption="Validation results, failures first"
        id="validation-table"
        columns={['Status', 'Constraint', 'Expected', 'Actual', 'Why / remediation']}
      >
        {results.map((entry) => (
          <tr key={entry.name} class={`status-${entry.status}`}>
            <td>
              <span class={`badge status-${entry.status}`}>
                {entry.status}
                {entry.status === 'failed' && entry.severity === 'warning' ? ' (warning)' : ''}
              </span>
            </td>
            <th scope="row">
              <code>{entry.name}</code>
            </th>
            <td>
              <code>{entry.expected}</code>
            </td>
            <td>
              <code>{entry.actual ?? '—'}</code>
            </td>
            <td>
              {entry.message}
              {entry.remediation && <div class="muted">{entry.remediation}</div>}
            </td>
          </tr>
        ))}
      </Table>
    </Section>
  );
}
