/**
 * @module Recipe criteria: the closed sets of each dimension (used for CLI choices, schemas, the API and
 * the docs alike), the recipeCriteria document, and the pure checks that turn loose input into criteria.
 */
import { CnsError } from '../shared/errors.js';

export const ANY = 'any';
export const SERVICES = ['eks', 'gke', 'aks', 'oke', 'kind', ANY] as const;
export const ACCELERATORS = ['h100', 'h200', 'gb200', 'b200', 'a100', 'l40s', 'l40', ANY] as const;
export const OPERATING_SYSTEMS = ['ubuntu', 'rhel', 'cos', 'amazonlinux', ANY] as const;
export const INTENTS = ['training', 'inference', ANY] as const;
export const PLATFORMS = ['kubeflow', 'dynamo', ANY] as const;

export type Service = (typeof SERVICES)[number];
export type Accelerator = (typeof ACCELERATORS)[number];
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];
export type Intent = (typeof INTENTS)[number];
export type Platform = (typeof PLATFORMS)[number];

/** The dimensions an overlay can match on, in the order they are printed. */
export const CRITERIA_DIMENSIONS = {
  service: SERVICES,
  accelerator: ACCELERATORS,
  os: OPERATING_SYSTEMS,
  intent: INTENTS,
  platform: PLATFORMS,
} as const;
export type CriteriaDimension = keyof typeof CRITERIA_DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(CRITERIA_DIMENSIONS) as CriteriaDimension[];

export interface RecipeCriteria {
  readonly service: Service;
  readonly accelerator: Accelerator;
  readonly os: OperatingSystem;
  readonly intent: Intent;
  readonly platform: Platform;
  /** Size hint; 0 means any. */
  readonly nodes: number;
}

/** Criteria as typed by a user or read from a file: any subset, values not yet checked. */
export type LooseCriteria = Partial<Record<CriteriaDimension, string>> & {
  nodes?: string | number;
};

export const ANY_CRITERIA: RecipeCriteria = {
  service: ANY,
  accelerator: ANY,
  os: ANY,
  intent: ANY,
  platform: ANY,
  nodes: 0,
};

/**
 * Checks every given dimension against its closed set (case-insensitive) and fills the rest with `any`.
 * @throws CnsError UNKNOWN_CRITERIA naming the dimension, the value and the accepted values.
 */
export function parseCriteria(input: LooseCriteria): RecipeCriteria {
  const out: Record<string, string | number> = { ...ANY_CRITERIA };
  for (const dimension of DIMENSION_NAMES) {
    const raw = input[dimension];
    if (raw === undefined || raw === '') continue;
    const value = raw.trim().toLowerCase();
    const accepted: readonly string[] = CRITERIA_DIMENSIONS[dimension];
    if (!accepted.includes(value)) {
      throw new CnsError(
        'UNKNOWN_CRITERIA',
        `unknown ${dimension} "${raw}": accepted values are ${accepted.join(', ')}`,
        { details: { dimension, value: raw, accepted } },
      );
    }
    out[dimension] = value;
  }
  if (input.nodes !== undefined && input.nodes !== '') {
    const nodes = Number(input.nodes);
    if (!Number.isInteger(nodes) || nodes < 0) {
      throw new CnsError(
        'UNKNOWN_CRITERIA',
        `nodes must be a whole number >= 0 (0 = any), got "${input.nodes}"`,
        {
          details: { dimension: 'nodes', value: input.nodes },
        },
      );
    }
    out.nodes = nodes;
  }
  return out as unknown as RecipeCriteria;
}

/** Later layers win where they give a value; used for file criteria overridden by flags. */
export function overlayLooseCriteria(...layers: readonly LooseCriteria[]): LooseCriteria {
  const out: LooseCriteria = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined && value !== '') (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

/** Criteria printed the way the demo's log line does: `service=eks, accelerator=h100, ...`. */
export function describeCriteria(criteria: RecipeCriteria): string {
  const parts = DIMENSION_NAMES.filter((d) => criteria[d] !== ANY).map(
    (d) => `${d}=${criteria[d]}`,
  );
  if (criteria.nodes > 0) parts.push(`nodes=${criteria.nodes}`);
  return parts.length > 0 ? parts.join(', ') : 'any';
}
