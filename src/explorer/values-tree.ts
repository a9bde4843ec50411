/**
 * @module The values explorer's tree: a component's traced leaves (each with its layer) nested by path,
 * each branch counting the layers below it, so a collapsed branch still says where its values come from.
 */
import type { ValuesLeaf } from '../core/recipe/values-provenance.js';

export interface TreeBranch {
  readonly key: string;
  readonly path: readonly string[];
  readonly children: TreeNode[];
  /** Leaves below, by layer kind. */
  readonly layers: Record<string, number>;
}

export interface TreeLeaf {
  readonly key: string;
  readonly path: readonly string[];
  readonly leaf: ValuesLeaf;
}

export type TreeNode = TreeBranch | TreeLeaf;

export function isBranch(node: TreeNode): node is TreeBranch {
  return 'children' in node;
}

/** Leaves (in key order, as valuesProvenance gives them) → the root's children. */
export function buildValuesTree(leaves: readonly ValuesLeaf[]): TreeNode[] {
  const root: TreeBranch = { key: '', path: [], children: [], layers: {} };
  for (const leaf of leaves) {
    let branch = root;
    for (const [depth, key] of leaf.path.entries()) {
      branch.layers[leaf.layer] = (branch.layers[leaf.layer] ?? 0) + 1;
      const path = leaf.path.slice(0, depth + 1);
      if (depth === leaf.path.length - 1) {
        branch.children.push({ key, path, leaf });
        break;
      }
      let next = branch.children.at(-1);
      if (!next || next.key !== key || !isBranch(next)) {
        next = { key, path, children: [], layers: {} };
        branch.children.push(next);
      }
      branch = next;
    }
  }
  return root.children;
}

/** Paths of every branch, for expand all. */
export function branchPaths(nodes: readonly TreeNode[]): string[] {
  return nodes.flatMap((node) =>
    isBranch(node) ? [pathKey(node.path), ...branchPaths(node.children)] : [],
  );
}

export function pathKey(path: readonly string[]): string {
  return JSON.stringify(path);
}
