/**
 * @module Small pieces every view uses: the API error box (the API's message, code and request id),
 * the layer badge, a section with a heading, and a table that scrolls sideways on a phone.
 */
import type { ComponentChildren } from 'preact';
import type { ValuesLayerKind } from '../core/recipe/values-layer.js';
import { ApiError } from './api.js';

export function ErrorBox({ error }: { error: unknown }) {
  if (error === undefined) return null;
  const api = error instanceof ApiError ? error : undefined;
  return (
    <div class="error" role="alert">
      <strong>{error instanceof Error ? error.message : JSON.stringify(error)}</strong>
      {api && (
        <p class="error-meta">
          <span>
            code <code>{api.code}</code>
          </span>
          {api.requestId && (
            <span>
              request id <code class="request-id">{api.requestId}</code>
            </span>
          )}
        </p>
      )}
    </div>
  );
}

export const LAYER_LABELS: Record<ValuesLayerKind, string> = {
  base: 'base values file',
  'values-file': 'overlay values file',
  override: 'inline override',
  'snapshot-lock': 'snapshot lock',
  'bundle-flag': 'bundle flag',
};

export function LayerBadge({ layer }: { layer: ValuesLayerKind }) {
  return <span class={`badge layer-${layer}`}>{LAYER_LABELS[layer]}</span>;
}

export function Section(props: {
  id: string;
  title: string;
  children: ComponentChildren;
  note?: ComponentChildren;
}) {
  return (
    <section class="card" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.note && <p class="note">{props.note}</p>}
      {props.children}
    </section>
  );
}

/** A captioned table with one header row of `columns`; the children are its body rows. */
export function Table(props: {
  caption: string;
  columns: readonly string[];
  children: ComponentChildren;
  id?: string;
}) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
      <table id={props.id}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A value as YAML would show it, short enough for a table cell. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}

export function Busy({ loading }: { loading: boolean }) {
  return (
    <p class="busy" aria-live="polite">
      {loading ? 'Loading…' : ''}
    </p>
  );
}
