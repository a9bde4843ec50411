/**
 * @module The criteria controls: one labelled select per dimension, filled from /v1/criteria (the
 * current choice is shown before that answers, so nothing moves), and the node count.
 */
import { CRITERIA_KEYS, type Criteria, type CriteriaKey } from './route.js';

export type DimensionValues = Readonly<Record<string, readonly string[]>>;

const LABELS: Record<CriteriaKey, string> = {
  service: 'Service',
  accelerator: 'Accelerator',
  os: 'OS',
  intent: 'Intent',
  platform: 'Platform',
  nodes: 'Nodes',
};

export function CriteriaForm(props: {
  id: string;
  legend: string;
  criteria: Criteria;
  dimensions: DimensionValues | undefined;
  onChange: (criteria: Criteria) => void;
}) {
  const { id, criteria, dimensions } = props;
  const set = (key: CriteriaKey, value: string) => {
    const next: Criteria = { ...criteria };
    if (value === '' || value === 'any' || (key === 'nodes' && value === '0')) delete next[key];
    else next[key] = value;
    props.onChange(next);
  };
  return (
    <form class="criteria" aria-label={props.legend} onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{props.legend}</legend>
        {CRITERIA_KEYS.filter((key) => key !== 'nodes').map((key) => {
          const current = criteria[key] ?? 'any';
          const known = dimensions?.[key] ?? [];
          const options = ['any', ...known.filter((value) => value !== 'any')];
          if (!options.includes(current)) options.push(current);
          return (
            <label key={key} class="field">
              <span>{LABELS[key]}</span>
              <select
                id={`${id}-${key}`}
                name={key}
                value={current}
                onChange={(event) => set(key, event.currentTarget.value)}
              >
                {options.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        <label class="field">
          <span>{LABELS.nodes}</span>
          <input
            id={`${id}-nodes`}
            name="nodes"
            type="number"
            min={0}
            inputMode="numeric"
            value={criteria.nodes ?? '0'}
            onChange={(event) => set('nodes', event.currentTarget.value)}
          />
        </label>
      </fieldset>
    </form>
  );
}
