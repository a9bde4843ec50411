/**
 * @module The one interface a deployer implements. The common renderer writes what every bundle has
 * (values, manifests, component scripts, READMEs, recipe, checksums); a deployer adds its own files
 * and says, in Markdown, how to deploy and remove the bundle and each component with it.
 */
import type { BundleComponent, BundlePlan } from './plan-bundle.js';
import type { TreeEntry } from './file-tree.js';

/** Markdown the READMEs embed: steps as fenced commands with a sentence each. */
export interface DeployGuide {
  readonly deploy: string;
  readonly undeploy: string;
}

export interface ComponentGuide {
  readonly install: string;
  readonly uninstall: string;
}

export interface DeployerOutput {
  /** Files the deployer adds; paths must not collide with the common files. */
  readonly files: readonly TreeEntry[];
  /** For the top-level README. */
  readonly guide: DeployGuide;
  /** For each component's README. */
  readonly componentGuide: (component: BundleComponent) => ComponentGuide;
}

export interface Deployer {
  readonly name: string;
  /** One line: what the deployer produces. */
  readonly summary: string;
  /** Whether the output points at a Git repository (--repo / --revision apply). */
  readonly usesGitSource: boolean;
  /** Renders the deployer's part; may throw USAGE for options it cannot honour. */
  render(plan: BundlePlan): DeployerOutput;
}
