/**
 * @module Pick criteria → the recipe, with the bundle download for it. Every choice is pushed to the URL.
 */
import { api, type OverlayListing } from './api.js';
import { BundlePanel } from './bundle-panel.js';
import { CriteriaForm, type DimensionValues } from './criteria-form.js';
import { followLink, useLoad, type Navigate } from './hooks.js';
import { RecipeParts } from './recipe-parts.js';
import { criteriaQuery, formatRoute, type Route } from './route.js';
import { Busy, ErrorBox } from './widgets.js';

export function RecipeView(props: {
  route: Route;
  navigate: Navigate;
  dimensions: DimensionValues | undefined;
  overlays: readonly OverlayListing[] | undefined;
}) {
  const { route, navigate } = props;
  const recipe = useLoad(criteriaQuery(route.criteria).toString(), () =>
    api.recipe(route.criteria),
  );
  return (
    <>
      <CriteriaForm
        id="criteria"
        legend="Criteria"
        criteria={route.criteria}
        dimensions={props.dimensions}
        onChange={(criteria) => navigate({ ...route, criteria })}
      />
      <Busy loading={recipe.loading} />
      <ErrorBox error={recipe.error} />
      <div class="results" aria-busy={recipe.loading}>
        {recipe.data && !recipe.error && (
          <>
            <p class="summary" id="recipe-summary">
              {recipe.data.componentRefs.length} components, {recipe.data.constraints.length}{' '}
              constraints, {recipe.data.metadata.appliedOverlays.length} overlays applied.
            </p>
            <RecipeParts
              recipe={recipe.data}
              overlays={props.overlays}
              valuesLink={(component) => ({ ...route, view: 'values', component })}
              href={formatRoute}
              onLink={(target) => followLink(navigate, target)}
            />
            <BundlePanel
              recipe={recipe.data}
              choice={route.bundle}
              onChange={(bundle) => navigate({ ...route, bundle }, { replace: true })}
            />
          </>
        )}
      </div>
    </>
  );
}
