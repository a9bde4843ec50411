/**
 * @module The deployers, by name, in the order help and docs list them: the one list a new deployer
 * joins (one module under deployers/ and one line here). Loaded on demand, so the command line can
 * offer the names without loading any deployer.
 */
import type { Deployer } from './deployer.js';

export const DEPLOYERS = {
  script: () => import('./deployers/script.js').then((m) => m.scriptDeployer),
  argocd: () => import('./deployers/argocd.js').then((m) => m.argocdDeployer),
  flux: () => import('./deployers/flux.js').then((m) => m.fluxDeployer),
  helm: () => import('./deployers/helm.js').then((m) => m.helmDeployer),
} as const satisfies Readonly<Record<string, () => Promise<Deployer>>>;

export type DeployerName = keyof typeof DEPLOYERS;

export const DEPLOYER_NAMES = Object.keys(DEPLOYERS) as [DeployerName, ...DeployerName[]];
export const DEFAULT_DEPLOYER: DeployerName = 'script';

export function isDeployerName(name: string): name is DeployerName {
  return Object.hasOwn(DEPLOYERS, name);
}

export function loadDeployer(name: DeployerName): Promise<Deployer> {
  return DEPLOYERS[name]();
}
