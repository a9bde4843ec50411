import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { LooseCriteria } from './criteria.js';
import { detectCriteria } from './detect-criteria.js';

const snapshotOf = (data: Record<string, Record<string, Record<string, string>>>): Snapshot => ({
  kind: 'Snapshot',
  apiVersion: 'cns.nvidia.com/v1alpha1',
  metadata: {},
  measurements: Object.entries(data).map(([type, subtypes]) => ({
    type,
    subtypes: Object.entries(subtypes).map(([subtype, values]) => ({ subtype, data: values })),
  })),
});

type Case = [string, Record<string, Record<string, Record<string, string>>>, LooseCriteria];

describe('detectCriteria', () => {
  it.each<Case>([
    [
      'EKS from the version suffix',
      { K8s: { server: { version: 'v1.34.1-eks-3025e55' } } },
      { service: 'eks' },
    ],
    [
      'GKE from the version suffix',
      { K8s: { server: { version: 'v1.31.5-gke.1169000' } } },
      { service: 'gke' },
    ],
    [
      'AKS from the provider ID',
      { K8s: { server: { version: 'v1.33.2' }, node: { providerID: 'azure:///subscriptions/x' } } },
      { service: 'aks' },
    ],
    ['OKE from the provider name', { K8s: { node: { provider: 'oci' } } }, { service: 'oke' }],
    ...['eks', 'gke', 'aks', 'oke', 'kind'].map((service): Case => [
      `${service} from the service name cnsctl and aicr store as the provider`,
      { K8s: { node: { provider: service } } },
      { service },
    ]),
    [
      'OKE from a bare OCID provider ID',
      { K8s: { node: { 'provider-id': 'ocid1.instance.oc1.iad.abc' } } },
      { service: 'oke' },
    ],
    [
      'kind from the provider ID',
      { K8s: { node: { providerID: 'kind://docker/kind/kind-worker' } } },
      { service: 'kind' },
    ],
    [
      'H100 from the model',
      { GPU: { smi: { 'gpu.model': 'NVIDIA H100 80GB HBM3' } } },
      { accelerator: 'h100' },
    ],
    [
      'H100 from the older gpu.name key',
      { GPU: { smi: { 'gpu.name': 'NVIDIA H100 80GB HBM3' } } },
      { accelerator: 'h100' },
    ],
    [
      'GB200 before B200',
      { GPU: { smi: { 'gpu.model': 'NVIDIA GB200' } } },
      { accelerator: 'gb200' },
    ],
    ['B200', { GPU: { smi: { 'gpu.model': 'NVIDIA B200' } } }, { accelerator: 'b200' }],
    ['L40S before L40', { GPU: { smi: { 'gpu.model': 'NVIDIA L40S' } } }, { accelerator: 'l40s' }],
    ['L40', { GPU: { smi: { 'gpu.model': 'NVIDIA L40' } } }, { accelerator: 'l40' }],
    ['Amazon Linux from amzn', { OS: { release: { ID: 'amzn' } } }, { os: 'amazonlinux' }],
    ['nothing from an unknown OS', { OS: { release: { ID: 'debian' } } }, {}],
    ['nothing from an unknown GPU', { GPU: { smi: { 'gpu.model': 'Tesla T4' } } }, {}],
  ])('detects %s', (_name, data, expected) => {
    expect(detectCriteria(snapshotOf(data)).criteria).toEqual(expected);
  });

  it('says where each value came from', () => {
    const { detections } = detectCriteria(snapshotOf({ OS: { release: { ID: 'ubuntu' } } }));
    expect(detections).toEqual([
      { dimension: 'os', value: 'ubuntu', from: 'OS.release.ID ubuntu' },
    ]);
  });
});
