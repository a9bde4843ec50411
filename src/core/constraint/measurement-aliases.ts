/**
 * @module Names under which snapshots record the same fact. cnsctl and aicr write the GPU model as
 * `GPU.smi.gpu.model`; the seed's tool wrote `GPU.smi.gpu.name` (demo report, Appendix A.5). A
 * constraint or lock naming one finds the value under the other, so recipes work on every snapshot.
 * Keep in sync with the names gpu-measurements.ts writes and docs/snapshot.md "GPU keys".
 */
import type { ResolvedPath } from './resolve-constraint-path.js';

const ALIAS_GROUPS: readonly (readonly string[])[] = [
  ['GPU.smi.gpu.model', 'GPU.smi.gpu.name'],
  ['GPU.smi.driver', 'GPU.smi.driver-version'],
  ['GPU.smi.gpu-count', 'GPU.smi.gpu.count'],
];

const ALIASES = new Map<string, readonly string[]>(
  ALIAS_GROUPS.flatMap((group) =>
    group.map((name) => [name, group.filter((other) => other !== name)] as const),
  ),
);

/**
 * Resolves `name` with `resolve`, and when the snapshot lacks it, each of its aliases in turn; the
 * miss reported is the one for `name` itself.
 * @example resolveWithAliases('GPU.smi.gpu.model', resolve) // finds gpu.name in a seed snapshot
 */
export function resolveWithAliases(
  name: string,
  resolve: (name: string) => ResolvedPath,
): ResolvedPath {
  const direct = resolve(name);
  if (direct.value !== undefined) return direct;
  for (const alias of ALIASES.get(name) ?? []) {
    const found = resolve(alias);
    if (found.value !== undefined) return found;
  }
  return direct;
}
