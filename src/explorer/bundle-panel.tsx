/**
 * @module Download a bundle: the deployer and the node-scheduling options (and --set values), kept in
 * the URL like every choice, then POST /v1/bundle with the recipe and save the zip it answers.
 */
import { useState } from 'preact/hooks';
import { api, type RecipeResult } from './api.js';
import { DEPLOYERS, type BundleChoice, type BundleListFlag, type Deployer } from './route.js';
import { ErrorBox, Section } from './widgets.js';

const FIELDS: readonly { flag: BundleListFlag; label: string; hint: string }[] = [
  { flag: 'system-node-selector', label: 'System node selector', hint: 'key=value, one a line' },
  { flag: 'system-node-toleration', label: 'System node toleration', hint: 'key=value:Effect' },
  { flag: 'accelerated-node-selector', label: 'GPU node selector', hint: 'key=value' },
  { flag: 'accelerated-node-toleration', label: 'GPU node toleration', hint: 'key=value:Effect' },
  { flag: 'set', label: 'Values (--set)', hint: 'component:path=value' },
];

export function BundlePanel(props: {
  recipe: RecipeResult | undefined;
  choice: BundleChoice;
  onChange: (choice: BundleChoice) => void;
}) {
  const { choice } = props;
  const [state, setState] = useState<{ busy?: boolean; saved?: string; error?: unknown }>({});
  const setList = (flag: BundleListFlag, text: string) =>
    props.onChange({
      ...choice,
      lists: {
        ...choice.lists,
        [flag]: text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      },
    });
  const download = async () => {
    if (!props.recipe) return;
    setState({ busy: true });
    try {
      const { blob, name } = await api.bundle(props.recipe, choice);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ saved: `${name} (${Math.ceil(blob.size / 1024)} KiB)` });
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <Section id="bundle" title="Download a bundle">
      <form
        class="bundle-form"
        onSubmit={(event) => {
          event.preventDefault();
          void download();
        }}
      >
        <label class="field">
          <span>Deployer</span>
          <select
            id="bundle-deployer"
            value={choice.deployer}
            onChange={(event) =>
              props.onChange({ ...choice, deployer: event.currentTarget.value as Deployer })
            }
          >
            {DEPLOYERS.map((deployer) => (
              <option key={deployer} value={deployer}>
                {deployer}
              </option>
            ))}
          </select>
        </label>
        {FIELDS.map(({ flag, label, hint }) => (
          <label key={flag} class="field">
            <span>{label}</span>
            <textarea
              id={`bundle-${flag}`}
              rows={1}
              placeholder={hint}
              value={choice.lists[flag].join('\n')}
              onChange={(event) => setList(flag, event.currentTarget.value)}
            />
          </label>
        ))}
        <div class="actions">
          <button type="submit" id="bundle-download" disabled={!props.recipe || state.busy}>
            {state.busy ? 'Preparing…' : 'Download bundle (.zip)'}
          </button>
          <span class="status" role="status">
            {state.saved ? `Saved ${state.saved}` : ''}
          </span>
        </div>
      </form>
      <ErrorBox error={state.error} />
    </Section>
  );
}
