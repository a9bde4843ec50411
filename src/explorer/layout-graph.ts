/**
 * @module The deployment order drawn as a small dependency graph: each component in the column after
 * the deepest of its dependencies, rows in deployment order, edges from a dependency to its dependent.
 * Pure geometry; dependency-graph.tsx draws it as inline SVG.
 */

export interface GraphInput {
  readonly name: string;
  readonly dependencyRefs?: readonly string[] | undefined;
}

export interface GraphNode {
  readonly name: string;
  /** 1-based position in the deployment order. */
  readonly step: number;
  readonly x: number;
  readonly y: number;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** An SVG path from the right side of `from` to the left side of `to`. */
  readonly d: string;
}

export interface GraphLayout {
  /** Every box's width: room for the longest name. */
  readonly nodeWidth: number;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly width: number;
  readonly height: number;
}

export const NODE_HEIGHT = 34;
/** Room for a name at 13px in the boxes' font, and for the step number before it. */
const CHAR_WIDTH = 7.8;
const NAME_OFFSET = 34;
const MIN_WIDTH = 150;
const GAP_X = 56;
const GAP_Y = 14;
const MARGIN = 4;

/** `components` in deployment order (dependencies before dependents). */
export function layoutGraph(components: readonly GraphInput[]): GraphLayout {
  const known = new Set(components.map((c) => c.name));
  const longest = Math.max(0, ...components.map((c) => c.name.length));
  const nodeWidth = Math.max(MIN_WIDTH, Math.ceil(NAME_OFFSET + longest * CHAR_WIDTH));
  const column = new Map<string, number>();
  const rows: number[] = [];
  const nodes = components.map((component, index): GraphNode => {
    const deps = (component.dependencyRefs ?? []).filter((dep) => known.has(dep));
    const col = Math.max(-1, ...deps.map((dep) => column.get(dep) ?? 0)) + 1;
    column.set(component.name, col);
    const row = rows[col] ?? 0;
    rows[col] = row + 1;
    return {
      name: component.name,
      step: index + 1,
      x: MARGIN + col * (nodeWidth + GAP_X),
      y: MARGIN + row * (NODE_HEIGHT + GAP_Y),
    };
  });
  const at = new Map(nodes.map((node) => [node.name, node]));
  const edges = components.flatMap((component) =>
    (component.dependencyRefs ?? []).flatMap((dep): GraphEdge[] => {
      const from = at.get(dep);
      const to = at.get(component.name);
      if (!from || !to) return [];
      const [x1, y1] = [from.x + nodeWidth, from.y + NODE_HEIGHT / 2];
      const [x2, y2] = [to.x, to.y + NODE_HEIGHT / 2];
      const bend = (x2 - x1) / 2;
      return [
        {
          from: dep,
          to: component.name,
          d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        },
      ];
    }),
  );
  const columns = Math.max(0, rows.length);
  const tallest = Math.max(0, ...rows);
  return {
    nodeWidth,
    nodes,
    edges,
    width: columns === 0 ? 0 : 2 * MARGIN + columns * nodeWidth + (columns - 1) * GAP_X,
    height: tallest === 0 ? 0 : 2 * MARGIN + tallest * NODE_HEIGHT + (tallest - 1) * GAP_Y,
  };
}
