import { describe, expect, it } from 'vitest';
import {
  imageSubtype,
  nodeSubtype,
  policySubtype,
  providerOf,
  serverSubtype,
  splitImageReference,
} from './k8s-measurements.js';
import { readKubeFixture } from '../../../test/snapshot/fixture-host.js';
import type { KubeClusterPolicy, KubeNode, KubePod, KubeVersionInfo } from './kube-objects.js';

const kube = readKubeFixture;

describe('serverSubtype', () => {
  it('keeps the version, platform and Go version of /version', () => {
    expect(serverSubtype(kube<KubeVersionInfo>('version'))).toEqual({
      subtype: 'server',
      data: { version: 'v1.34.1-eks-3025e55', platform: 'linux/amd64', goVersion: 'go1.24.6' },
    });
  });
});

describe('nodeSubtype', () => {
  it('describes an EKS GPU node from its Node object', () => {
    expect(nodeSubtype(kube<KubeNode>('node')).data).toEqual({
      name: 'ip-10-0-182-128.ec2.internal',
      provider: 'eks',
      'provider-id': 'aws:///us-east-1a/i-0a1b2c3d4e5f60718',
      'instance-type': 'p5.48xlarge',
      kernel: '6.8.0-1043-aws',
      'os-image': 'Ubuntu 24.04.3 LTS',
      'operating-system': 'linux',
      architecture: 'amd64',
      'container-runtime': 'containerd://1.7.27',
      'container-runtime-name': 'containerd',
      'container-runtime-version': '1.7.27',
      'kubelet-version': 'v1.34.1-eks-3025e55',
      'gpu-capacity': 8,
      'gpu-allocatable': 8,
    });
  });

  it('writes only the name for a node object without status', () => {
    expect(nodeSubtype({ metadata: { name: 'kind-worker' } }).data).toEqual({
      name: 'kind-worker',
    });
  });
});

describe('providerOf', () => {
  it.each([
    ['aws:///us-east-1a/i-0a1b2c3d4e5f60718', 'eks'],
    ['gce://my-project/us-central1-a/gke-pool-1-abcd', 'gke'],
    [
      'azure:///subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachineScaleSets/z/virtualMachines/0',
      'aks',
    ],
    ['ocid1.instance.oc1.iad.anuwcljt', 'oke'],
    ['oci://ocid1.instance.oc1.iad.anuwcljt', 'oke'],
    ['kind://docker/kind/kind-worker', 'kind'],
    ['openstack:///9a8b7c6d', 'openstack'],
  ])('maps %s to %s', (providerId, expected) => {
    expect(providerOf(providerId)).toBe(expected);
  });
});

describe('splitImageReference', () => {
  it.each([
    ['nvcr.io/nvidia/gpu-operator:v25.10.1', 'nvcr.io/nvidia/gpu-operator', 'v25.10.1'],
    ['busybox', 'busybox', 'latest'],
    ['localhost:5000/tools/proxy', 'localhost:5000/tools/proxy', 'latest'],
    ['localhost:5000/tools/proxy:1.2', 'localhost:5000/tools/proxy', '1.2'],
    ['nvcr.io/x/y@sha256:abc', 'nvcr.io/x/y', 'sha256:abc'],
    ['nvcr.io/x/y:1.0@sha256:abc', 'nvcr.io/x/y', '1.0'],
  ])('splits %s', (reference, name, tag) => {
    expect(splitImageReference(reference)).toEqual({ name, tag });
  });
});

describe('imageSubtype', () => {
  const { data } = imageSubtype(kube<{ items: KubePod[] }>('pods').items);

  it('maps every image of running and pending pods, init containers included, to its tag', () => {
    expect(data).toMatchObject({
      'nvcr.io/nvidia/gpu-operator': 'v25.10.1',
      'nvcr.io/nvidia/driver': '570.133.20-ubuntu24.04',
      'nvcr.io/nvidia/cloud-native/k8s-driver-manager': 'v0.9.0',
      'nvcr.io/nvidia/k8s-device-plugin': 'v0.18.0',
      'quay.io/jetstack/cert-manager-controller': 'v1.17.2',
      'localhost:5000/tools/registry-proxy': 'latest',
      'nvcr.io/nvidia/k8s/dcgm-exporter':
        'sha256:0d2b6f1e7c3a4b5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5',
    });
  });

  it('lists every tag of an image that runs in two versions', () => {
    expect(data['602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni']).toBe(
      'v1.19.2,v1.20.0',
    );
  });

  it('leaves out the images of finished pods', () => {
    expect(data).not.toHaveProperty('nvcr.io/nvidia/cloud-native/gpu-operator-validator');
  });
});

describe('policySubtype', () => {
  const policies = kube<{ items: KubeClusterPolicy[] }>('clusterpolicies').items;
  const data = policySubtype(policies)?.data ?? {};

  it('flattens the spec to dotted keys with typed scalars', () => {
    expect(data).toMatchObject({
      'operator.defaultRuntime': 'containerd',
      'driver.enabled': true,
      'driver.version': '570.133.20',
      'driver.kernelModuleType': 'open',
      'driver.upgradePolicy.maxParallelUpgrades': 1,
      'driver.upgradePolicy.maxUnavailable': '25%',
      'mig.strategy': 'single',
      'migManager.config.default': 'all-disabled',
      'dcgmExporter.serviceMonitor.interval': '15s',
    });
  });

  it('writes lists as JSON with sorted keys', () => {
    expect(data['devicePlugin.env']).toBe(
      '[{"name":"DEVICE_LIST_STRATEGY","value":"volume-mounts"}]',
    );
  });

  it('keeps a value set to the empty string, as the spec says it', () => {
    expect(data['driver.licensingConfig.configMapName']).toBe('');
  });

  it.each(['driver.env', 'psa', 'migManager.config.name'])(
    'leaves out the empty or null value %s',
    (key) => {
      expect(data).not.toHaveProperty(key);
    },
  );

  it('returns no subtype when there is no ClusterPolicy', () => {
    expect(policySubtype([])).toBeUndefined();
  });

  it('reads the first policy by name when there are several', () => {
    const two = [
      { metadata: { name: 'zz' }, spec: { mig: { strategy: 'mixed' } } },
      { metadata: { name: 'aa' }, spec: { mig: { strategy: 'single' } } },
    ];
    expect(policySubtype(two)?.data).toEqual({ 'mig.strategy': 'single' });
  });
});
