/**
 * @module The values explorer: a component's fully merged Helm values as a collapsible tree, each leaf
 * with the layer that set it and where that layer comes from (the engine's valuesProvenance, through
 * /v1/values). Bundle options in the URL add their flags as the bundle would.
 */
import { useState } from 'preact/hooks';
import type { ValuesLayerKind } from '../core/recipe/values-layer.js';
import type { ValuesLeaf } from '../core/recipe/values-provenance.js';
import { api, type ValuesTrace } from './api.js';
import { CriteriaForm, type DimensionValues } from './criteria-form.js';
import { useLoad, type Navigate } from './hooks.js';
import { BUNDLE_LIST_FLAGS, criteriaQuery, type Route } from './route.js';
import { branchPaths, buildValuesTree, isBranch, pathKey, type TreeNode } from './values-tree.js';
import { Busy, ErrorBox, formatValue, LAYER_LABELS, LayerBadge, Section } from './widgets.js';

export function ValuesView(props: {
  route: Route;
  navigate: Navigate;
  dimensions: DimensionValues | undefined;
}) {
  const { route, navigate } = props;
  const flags = BUNDLE_LIST_FLAGS.some((flag) => route.bundle.lists[flag].length > 0);
  const key = `${criteriaQuery(route.criteria).toString()} ${JSON.stringify(route.bundle.lists)}`;
  const trace = useLoad(key, () => api.values(route.criteria, flags ? route.bundle : undefined));
  return (
    <>
      <CriteriaForm
        id="criteria"
        legend="Criteria"
        criteria={route.criteria}
        dimensions={props.dimensions}
        onChange={(criteria) => navigate({ ...route, criteria })}
      />
      <Busy loading={trace.loading} />
      <ErrorBox error={trace.error} />
      <div class="results" aria-busy={trace.loading}>
        {trace.data && !trace.error && (
          <ValuesExplorer
            trace={trace.data}
            component={route.component}
            flags={flags}
            onComponent={(component) => navigate({ ...route, component }, { replace: true })}
          />
        )}
      </div>
    </>
  );
}

export function ValuesExplorer(props: {
  trace: ValuesTrace;
  component: string | undefined;
  flags: boolean;
  onComponent: (component: string) => void;
}) {
  const { trace } = props;
  const chosen = trace.components.find((c) => c.name === props.component) ?? trace.components[0];
  return (
    <Section
      id="values"
      title="Helm values"
      note={
        props.flags
          ? 'Including the bundle flags of this URL, as the bundle would ship them.'
          : 'As the recipe sets them; bundle flags in the URL would be added on top.'
      }
    >
      <label class="field inline">
        <span>Component</span>
        <select
          id="values-component"
          value={chosen?.name}
          onChange={(event) => props.onComponent(event.currentTarget.value)}
        >
          {trace.components.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} {c.version}
            </option>
          ))}
        </select>
      </label>
      {chosen && <ValuesTree key={chosen.name} leaves={chosen.leaves} layers={trace.layers} />}
    </Section>
  );
}

function ValuesTree(props: { leaves: readonly ValuesLeaf[]; layers: readonly ValuesLayerKind[] }) {
  const tree = buildValuesTree(props.leaves);
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => new Set(tree.map((node) => pathKey(node.path))),
  );
  const [hidden, setHidden] = useState<ReadonlySet<ValuesLayerKind>>(new Set());
  const counts = new Map<ValuesLayerKind, number>();
  for (const leaf of props.leaves) counts.set(leaf.layer, (counts.get(leaf.layer) ?? 0) + 1);
  const toggle = (key: string, isOpen: boolean) => {
    const next = new Set(open);
    if (isOpen) next.add(key);
    else next.delete(key);
    setOpen(next);
  };
  return (
    <>
      <fieldset class="layers">
        <legend>Show values set by</legend>
        {props.layers.map((layer) => (
          <label key={layer} class="check">
            <input
              type="checkbox"
              checked={!hidden.has(layer)}
              onChange={(event) => {
                const next = new Set(hidden);
                if (event.currentTarget.checked) next.delete(layer);
                else next.add(layer);
                setHidden(next);
              }}
            />
            <LayerBadge layer={layer} /> {counts.get(layer) ?? 0}
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button type="button" onClick={() => setOpen(new Set(branchPaths(tree)))}>
          Expand all
        </button>
        <button type="button" onClick={() => setOpen(new Set())}>
          Collapse all
        </button>
      </div>
      <ul class="tree" id="values-tree" aria-label="Values">
        {tree.map((node) => (
          <TreeItem key={node.key} node={node} open={open} hidden={hidden} toggle={toggle} />
        ))}
      </ul>
    </>
  );
}

function TreeItem(props: {
  node: TreeNode;
  open: ReadonlySet<string>;
  hidden: ReadonlySet<ValuesLayerKind>;
  toggle: (key: string, open: boolean) => void;
}) {
  const { node, hidden } = props;
  if (!isBranch(node)) {
    if (hidden.has(node.leaf.layer)) return null;
    return (
      <li class="leaf" data-path={node.path.join('.')} data-layer={node.leaf.layer}>
        <code class="key">{node.key}</code>:{' '}
        <code class="value">{formatValue(node.leaf.value)}</code>{' '}
        <LayerBadge layer={node.leaf.layer} /> <span class="source">{node.leaf.source}</span>
      </li>
    );
  }
  const shown = Object.entries(node.layers).filter(
    ([layer]) => !hidden.has(layer as ValuesLayerKind),
  );
  if (shown.length === 0) return null;
  const key = pathKey(node.path);
  return (
    <li class="branch" data-path={node.path.join('.')}>
      <details
        open={props.open.has(key)}
        onToggle={(event) => {
          const isOpen = event.currentTarget.open;
          if (isOpen !== props.open.has(key)) props.toggle(key, isOpen);
        }}
      >
        <summary>
          <code class="key">{node.key}</code>
          <span class="muted">
            {' '}
            {shown
              .map(([layer, count]) => `${count} ${LAYER_LABELS[layer as ValuesLayerKind]}`)
              .join(', ')}
          </span>
        </summary>
        {props.open.has(key) && (
          <ul>
            {node.children.map((child) => (
              <TreeItem key={child.key} {...props} node={child} />
            ))}
          </ul>
        )}
      </details>
    </li>
  );
}
