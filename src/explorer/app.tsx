/**
 * @module The explorer's shell: a header with the views as links (each a shareable URL), and the view
 * the URL names. The criteria values and the overlays are loaded once for every view.
 */
import { api } from './api.js';
import { CompareView } from './compare-view.js';
import { followLink, useLoad, useRoute } from './hooks.js';
import { RecipeView } from './recipe-view.js';
import { formatRoute, type Route, type View } from './route.js';
import { SnapshotView } from './snapshot-view.js';
import { ValuesView } from './values-view.js';
import { ErrorBox } from './widgets.js';

const TABS: readonly { view: View; label: string }[] = [
  { view: 'recipe', label: 'Recipe' },
  { view: 'values', label: 'Values' },
  { view: 'compare', label: 'Compare' },
  { view: 'snapshot', label: 'Snapshot' },
];

export function App() {
  const [route, navigate] = useRoute();
  const criteria = useLoad('criteria', () => api.criteria());
  const overlays = useLoad('overlays', () => api.overlays());
  const dimensions = criteria.data?.criteria;
  const tab = (view: View): Route => ({ ...route, view });
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <h1>
          <span class="mark" aria-hidden="true" />
          CNS recipe explorer
        </h1>
        <nav aria-label="Views">
          {TABS.map(({ view, label }) => (
            <a
              key={view}
              href={formatRoute(tab(view))}
              aria-current={route.view === view ? 'page' : undefined}
              onClick={followLink(navigate, tab(view))}
            >
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBox error={criteria.error} />
        {route.view === 'recipe' && (
          <RecipeView
            route={route}
            navigate={navigate}
            dimensions={dimensions}
            overlays={overlays.data?.overlays}
          />
        )}
        {route.view === 'values' && (
          <ValuesView route={route} navigate={navigate} dimensions={dimensions} />
        )}
        {route.view === 'compare' && (
          <CompareView route={route} navigate={navigate} dimensions={dimensions} />
        )}
        {route.view === 'snapshot' && (
          <SnapshotView
            route={route}
            navigate={navigate}
            dimensions={dimensions}
            overlays={overlays.data?.overlays}
          />
        )}
      </main>
    </>
  );
}
