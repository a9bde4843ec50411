/**
 * @module Criteria read off a snapshot: service from the Kubernetes version suffix or the node's
 * provider, accelerator from the GPU model name, os from os-release ID. Intent is never detected.
 * Each detection says where it came from, for the "building recipe from snapshot" line.
 */
import { resolveConstraintPath } from '../constraint/resolve-constraint-path.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { LooseCriteria } from './criteria.js';

export interface Detection {
  readonly dimension: 'service' | 'accelerator' | 'os';
  readonly value: string;
  readonly from: string;
}

// Order matters: gb200 before b200 and h200, l40s before l40 (their names contain each other).
const ACCELERATOR_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bGB200\b/i, 'gb200'],
  [/\bB200\b/i, 'b200'],
  [/\bH200\b/i, 'h200'],
  [/\bH100\b/i, 'h100'],
  [/\bA100\b/i, 'a100'],
  [/\bL40S\b/i, 'l40s'],
  [/\bL40\b/i, 'l40'],
];

const SERVICE_BY_VERSION: ReadonlyArray<readonly [RegExp, string]> = [
  [/-eks-/i, 'eks'],
  [/-gke/i, 'gke'],
  [/-aks/i, 'aks'],
];

// providerID prefixes (aws:///zone/i-…, OKE's bare ocid1.instance…) as the cloud controllers write
// them; the service name cnsctl and aicr store in K8s.node.provider (eks, gke, aks, oke, kind).
const SERVICE_BY_PROVIDER: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(aws|eks)\b/i, 'eks'],
  [/^(gce|gke)\b/i, 'gke'],
  [/^(azure|aks)\b/i, 'aks'],
  [/^(oci|oke|ocid1)\b/i, 'oke'],
  [/^kind\b/i, 'kind'],
];

const OS_BY_ID: Readonly<Record<string, string>> = {
  ubuntu: 'ubuntu',
  rhel: 'rhel',
  cos: 'cos',
  amzn: 'amazonlinux',
};

const GPU_MODEL_KEYS = ['GPU.smi.gpu.model', 'GPU.smi.gpu.name', 'GPU.smi.gpu.product-name'];
const PROVIDER_KEYS = ['K8s.node.provider', 'K8s.node.providerID', 'K8s.node.provider-id'];

export function detectCriteria(snapshot: Snapshot): {
  criteria: LooseCriteria;
  detections: Detection[];
} {
  const read = (name: string): string | undefined => {
    const value = resolveConstraintPath(name, snapshot).value;
    return value === undefined ? undefined : String(value);
  };
  const detections: Detection[] = [];
  const k8sVersion = read('K8s.server.version');
  const byVersion = k8sVersion
    ? SERVICE_BY_VERSION.find(([pattern]) => pattern.test(k8sVersion))
    : undefined;
  if (byVersion)
    detections.push({
      dimension: 'service',
      value: byVersion[1],
      from: `K8s.server.version ${k8sVersion}`,
    });
  else {
    for (const key of PROVIDER_KEYS) {
      const provider = read(key);
      const match = provider
        ? SERVICE_BY_PROVIDER.find(([pattern]) => pattern.test(provider))
        : undefined;
      if (match) {
        detections.push({ dimension: 'service', value: match[1], from: `${key} ${provider}` });
        break;
      }
    }
  }
  for (const key of GPU_MODEL_KEYS) {
    const model = read(key);
    const match = model ? ACCELERATOR_PATTERNS.find(([pattern]) => pattern.test(model)) : undefined;
    if (match) {
      detections.push({ dimension: 'accelerator', value: match[1], from: `${key} ${model}` });
      break;
    }
  }
  const osId = read('OS.release.ID');
  const os = osId ? OS_BY_ID[osId.toLowerCase()] : undefined;
  if (os && osId) detections.push({ dimension: 'os', value: os, from: `OS.release.ID ${osId}` });
  const criteria: LooseCriteria = {};
  for (const detection of detections) criteria[detection.dimension] = detection.value;
  return { criteria, detections };
}
