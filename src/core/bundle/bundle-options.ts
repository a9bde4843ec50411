/**
 * @module What a bundle is rendered with besides the recipe: the deployer, node placement for system
 * and GPU pods, `--set` values, and the Git source GitOps deployers point at. Built from flags by
 * actions/bundle/to-bundle-options.ts (or from a request body by the server).
 */
import type { DeployerName } from './deployers.js';

export const TOLERATION_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export type TolerationEffect = (typeof TOLERATION_EFFECTS)[number];

/** A Kubernetes toleration as Helm values carry it (keys sorted when written). */
export interface Toleration {
  readonly key: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect?: TolerationEffect;
}

/** Where one class of pods goes: labels to select nodes, taints to tolerate. */
export interface NodePlacement {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
}

/** One `--set component:path=value`: a Helm value for one component (or `enabled=false`). */
export interface ValueSetting {
  /** As given on the command line: a component name or one of its aliases. */
  readonly component: string;
  readonly path: readonly string[];
  readonly value: unknown;
  /** The flag as typed, for error messages. */
  readonly flag: string;
}

/** The Git repository GitOps deployers read the bundle from. */
export interface GitSource {
  readonly repoURL: string;
  readonly revision: string;
  /** True when no --repo was given and repoURL is GIT_REPO_PLACEHOLDER. */
  readonly placeholder: boolean;
  /** True when --repo or --revision was given (deployers that use no Git refuse them). */
  readonly given: boolean;
}

/** The demo report's placeholder (section 9.1 replaces it with sed); never a template marker. */
export const GIT_REPO_PLACEHOLDER = '<YOUR_GIT_REPO>';
export const DEFAULT_GIT_REVISION = 'main';

export interface BundleOptions {
  readonly deployer: DeployerName;
  readonly system: NodePlacement;
  readonly accelerated: NodePlacement;
  readonly settings: readonly ValueSetting[];
  readonly git: GitSource;
  /** The cnsctl version, written into generated files' headers. */
  readonly toolVersion: string;
}

export const NO_PLACEMENT: NodePlacement = { nodeSelector: {}, tolerations: [] };
