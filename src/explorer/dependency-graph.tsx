/**
 * @module The deployment order as inline SVG: numbered boxes (the order), arrows from each dependency
 * to what needs it. The SVG has a title and a text alternative (the ordered list beside it).
 */
import type { RecipeComponentRef } from '../core/recipe/recipe-result.js';
import { layoutGraph, NODE_HEIGHT } from './layout-graph.js';

export function DependencyGraph({ components }: { components: readonly RecipeComponentRef[] }) {
  const layout = layoutGraph(components);
  return (
    <figure class="graph">
      <div class="graph-scroll">
        <svg
          role="img"
          aria-labelledby="graph-title"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
        >
          <title id="graph-title">
            Deployment order: {components.map((c) => c.name).join(', then ')}
          </title>
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" class="graph-arrow" />
            </marker>
          </defs>
          {layout.edges.map((edge) => (
            <path
              key={`${edge.from}-${edge.to}`}
              d={edge.d}
              class="graph-edge"
              marker-end="url(#arrow)"
            />
          ))}
          {layout.nodes.map((node) => (
            <g key={node.name} transform={`translate(${node.x},${node.y})`} class="graph-node">
              <rect width={layout.nodeWidth} height={NODE_HEIGHT} rx="6" />
              <text x="10" y={NODE_HEIGHT / 2} dominant-baseline="central">
                <tspan class="graph-step">{node.step}</tspan> {node.name}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <figcaption>Arrows point from a component to the components that depend on it.</figcaption>
    </figure>
  );
}
