/**
 * @module Bundle flags (or a request's fields) → BundleOptions, checked before any work starts: an
 * unknown deployer, a malformed selector, toleration or `--set`, or a --repo that is not a Git URL is
 * a USAGE error naming the flag, and nothing is written.
 */
import {
  DEFAULT_GIT_REVISION,
  GIT_REPO_PLACEHOLDER,
  type BundleOptions,
  type NodePlacement,
} from '../../core/bundle/bundle-options.js';
import { DEFAULT_DEPLOYER, DEPLOYER_NAMES, isDeployerName } from '../../core/bundle/deployers.js';
import {
  parseNodeSelector,
  parseToleration,
  parseValueSetting,
} from '../../core/bundle/parse-bundle-flags.js';
import { CnsError } from '../../core/shared/errors.js';

/** The flags as the CLI declares them: repeatable ones as lists, in the order given. */
export interface BundleFlags {
  readonly deployer?: string | undefined;
  readonly systemNodeSelector?: readonly string[] | undefined;
  readonly systemNodeToleration?: readonly string[] | undefined;
  readonly acceleratedNodeSelector?: readonly string[] | undefined;
  readonly acceleratedNodeToleration?: readonly string[] | undefined;
  readonly set?: readonly string[] | undefined;
  readonly repo?: string | undefined;
  readonly revision?: string | undefined;
}

const GIT_URL = /^((https?|ssh|git):\/\/\S+|[\w.-]+@[\w.-]+:\S+)$/;
const GIT_REVISION = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

export function toBundleOptions(flags: BundleFlags, toolVersion: string): BundleOptions {
  const deployer = flags.deployer ?? DEFAULT_DEPLOYER;
  if (!isDeployerName(deployer)) {
    throw new CnsError(
      'USAGE',
      `--deployer ${deployer}: unknown deployer; use one of ${DEPLOYER_NAMES.join(', ')}`,
      { details: { deployer, accepted: DEPLOYER_NAMES } },
    );
  }
  if (flags.repo !== undefined && !GIT_URL.test(flags.repo)) {
    throw new CnsError(
      'USAGE',
      `--repo ${flags.repo}: not a Git repository URL; give e.g. https://github.com/org/repo.git`,
      { details: { repo: flags.repo } },
    );
  }
  if (flags.revision !== undefined && !GIT_REVISION.test(flags.revision)) {
    throw new CnsError(
      'USAGE',
      `--revision ${flags.revision}: not a Git branch, tag or commit name`,
      { details: { revision: flags.revision } },
    );
  }
  return {
    deployer,
    system: placement(
      '--system-node-selector',
      flags.systemNodeSelector,
      '--system-node-toleration',
      flags.systemNodeToleration,
    ),
    accelerated: placement(
      '--accelerated-node-selector',
      flags.acceleratedNodeSelector,
      '--accelerated-node-toleration',
      flags.acceleratedNodeToleration,
    ),
    settings: (flags.set ?? []).map((text) => parseValueSetting('--set', text)),
    git: {
      repoURL: flags.repo ?? GIT_REPO_PLACEHOLDER,
      revision: flags.revision ?? DEFAULT_GIT_REVISION,
      placeholder: flags.repo === undefined,
      given: flags.repo !== undefined || flags.revision !== undefined,
    },
    toolVersion,
  };
}

function placement(
  selectorFlag: string,
  selectors: readonly string[] | undefined,
  tolerationFlag: string,
  tolerations: readonly string[] | undefined,
): NodePlacement {
  return {
    // Later flags win for the same key, as with kubectl's --selector.
    nodeSelector: Object.fromEntries(
      (selectors ?? []).map((text) => parseNodeSelector(selectorFlag, text)),
    ),
    tolerations: (tolerations ?? []).map((text) => parseToleration(tolerationFlag, text)),
  };
}
