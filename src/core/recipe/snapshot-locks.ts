/**
 * @module Facts a recipe built from a snapshot pins in a component's overrides (the registry's
 * snapshotLocks), e.g. the GPU driver version running on the node → `driver.version`. Each lock reads
 * the first of its measurements the snapshot has, and is skipped where the merged values switch the
 * feature off (`unlessFalse`).
 */
import { resolveConstraintPath } from '../constraint/resolve-constraint-path.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Catalog } from './catalog.js';
import type { OverlayComponentRef, RegistryComponent } from './catalog-schema.js';
import { componentValues } from './component-values.js';
import { getValueAtPath, setValueAtPath, type Values } from './merge-values.js';

/** One fact locked into a component's values. */
export interface SnapshotLock {
  readonly path: readonly string[];
  readonly value: string;
  /** The measurement (`Type.Subtype.Key`) the value was read from. */
  readonly measurement: string;
}

export interface LockedOverrides {
  readonly overrides: Values;
  readonly locks: readonly SnapshotLock[];
}

export function lockSnapshotFacts(
  catalog: Catalog,
  registry: RegistryComponent,
  ref: OverlayComponentRef,
  overrides: Values,
  snapshot: Snapshot,
): LockedOverrides {
  let locked = overrides;
  const locks: SnapshotLock[] = [];
  for (const lock of registry.snapshotLocks) {
    const found = lock.measurements
      .map((measurement) => ({
        measurement,
        value: resolveConstraintPath(measurement, snapshot).value,
      }))
      .find(({ value }) => value !== undefined);
    if (found === undefined) continue;
    if (lock.unlessFalse !== undefined) {
      const values = componentValues(catalog, {
        name: ref.name,
        valuesFile: ref.valuesFile,
        overrides: locked,
      });
      if (getValueAtPath(values, lock.unlessFalse.split('.')) === false) continue;
    }
    const path = lock.valuesPath.split('.');
    const value = String(found.value);
    locked = setValueAtPath(locked, path, value);
    locks.push({ path, value, measurement: found.measurement });
  }
  return { overrides: locked, locks };
}
