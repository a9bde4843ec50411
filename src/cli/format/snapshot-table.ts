/**
 * @module The one-screen human summary of a Snapshot: what the node is (OS, kernel, container runtime,
 * Kubernetes, GPUs, driver and CUDA), then how each collector ended. Facts a snapshot lacks read
 * "unknown"; the collector table says why.
 */
import { compareNatural } from '../../core/snapshot/compare-natural.js';
import {
  findMeasurement,
  type Scalar,
  type Snapshot,
  type SnapshotSubtype,
} from '../../core/snapshot/snapshot-document.js';
import { renderTable } from './render-table.js';

const UNKNOWN = 'unknown';

/** Formats `snapshot` as aligned text. */
export function formatSnapshotTable(snapshot: Snapshot): string {
  const { metadata } = snapshot;
  const node = metadata['source-node'] ?? 'an unnamed host';
  const header = `Snapshot of ${node}${metadata.timestamp ? ` at ${metadata.timestamp}` : ''}${
    metadata.version ? ` (cnsctl ${metadata.version})` : ''
  }`;
  const facts: [string, string][] = [
    ['OS', osLine(snapshot)],
    ['Kernel', kernelLine(snapshot)],
    ['Runtime', runtimeLine(snapshot)],
    ['Kubernetes', kubernetesLine(snapshot)],
    ['GPU', gpuLine(snapshot)],
    ['Driver', driverLine(snapshot)],
  ];
  const width = Math.max(...facts.map(([label]) => label.length));
  const lines = facts.map(([label, value]) => `${label.padEnd(width)}  ${value}`);
  const collectors = snapshot.collectors ?? [];
  const table =
    collectors.length > 0
      ? renderTable(
          ['COLLECTOR', 'STATUS', 'REASON'],
          collectors.map((c) => [c.name, c.status, c.reason ?? '']),
        )
      : 'No collector outcomes recorded.\n';
  return `${header}\n\n${lines.join('\n')}\n\n${table}`;
}

function value(snapshot: Snapshot, type: string, subtype: string, key: string): string | undefined {
  const found = findMeasurement(snapshot, type, subtype, key);
  return found === undefined || found === '' ? undefined : String(found);
}

function subtypes(snapshot: Snapshot, type: string): readonly SnapshotSubtype[] {
  return snapshot.measurements.find((m) => m.type === type)?.subtypes ?? [];
}

function osLine(snapshot: Snapshot): string {
  const pretty = value(snapshot, 'OS', 'release', 'PRETTY_NAME');
  const id = value(snapshot, 'OS', 'release', 'ID');
  const version = value(snapshot, 'OS', 'release', 'VERSION_ID');
  return pretty ?? ([id, version].filter(Boolean).join(' ') || UNKNOWN);
}

function kernelLine(snapshot: Snapshot): string {
  const release =
    value(snapshot, 'OS', 'kernel', 'release') ??
    value(snapshot, 'OS', 'sysctl', '/proc/sys/kernel/osrelease');
  const arch = value(snapshot, 'OS', 'kernel', 'arch');
  if (!release) return UNKNOWN;
  return arch ? `${release} (${arch})` : release;
}

function runtimeLine(snapshot: Snapshot): string {
  const fromNode = value(snapshot, 'K8s', 'node', 'container-runtime');
  if (fromNode) return fromNode.replace('://', ' ');
  const units = subtypes(snapshot, 'SystemD')
    .filter((s) => /^(containerd|docker|cri-o|crio)\.service$/.test(s.subtype))
    .map(
      (s) =>
        `${s.subtype.replace(/\.service$/, '')} (${String(s.data.ActiveState ?? 'state unknown')})`,
    );
  return units.length > 0 ? units.join(', ') : UNKNOWN;
}

function kubernetesLine(snapshot: Snapshot): string {
  const version = value(snapshot, 'K8s', 'server', 'version');
  if (!version) return UNKNOWN;
  const provider = value(snapshot, 'K8s', 'node', 'provider');
  const kubelet = value(snapshot, 'K8s', 'node', 'kubelet-version');
  const extras = [
    provider,
    kubelet && kubelet !== version ? `kubelet ${kubelet}` : undefined,
  ].filter(Boolean);
  return extras.length > 0 ? `${version} (${extras.join(', ')})` : version;
}

function gpuLine(snapshot: Snapshot): string {
  const gpus = subtypes(snapshot, 'GPU')
    .filter((s) => /^gpu-\d+$/.test(s.subtype))
    .sort((a, b) => compareNatural(a.subtype, b.subtype));
  if (gpus.length === 0) {
    const count = value(snapshot, 'GPU', 'smi', 'gpu-count');
    const model = value(snapshot, 'GPU', 'smi', 'gpu.model');
    return count && model ? `${count} × ${model}` : 'none found';
  }
  const models = new Map<string, number>();
  for (const gpu of gpus) {
    const model = text(gpu.data.model) ?? 'unknown model';
    models.set(model, (models.get(model) ?? 0) + 1);
  }
  const parts = [[...models].map(([model, n]) => `${n} × ${model}`).join(' + ')];
  const mig = gpus.filter((g) => g.data['mig-mode'] === 'Enabled').map((g) => g.subtype);
  if (mig.length > 0) parts.push(`MIG on ${mig.join(', ')}`);
  const ecc = gpus
    .filter((g) => Number(g.data['ecc-errors.volatile.uncorrectable'] ?? 0) > 0)
    .map((g) => g.subtype);
  if (ecc.length > 0) parts.push(`uncorrectable ECC errors on ${ecc.join(', ')}`);
  return parts.join('; ');
}

function driverLine(snapshot: Snapshot): string {
  const driver =
    value(snapshot, 'GPU', 'smi', 'driver') ?? value(snapshot, 'GPU', 'driver', 'version');
  if (!driver) return UNKNOWN;
  const module = value(snapshot, 'GPU', 'driver', 'kernel-module');
  const cuda = value(snapshot, 'GPU', 'smi', 'cuda-version');
  return [
    `${driver}${module ? ` (${module} kernel module)` : ''}`,
    cuda ? `CUDA ${cuda}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

function text(scalar: Scalar | undefined): string | undefined {
  return scalar === undefined || scalar === '' ? undefined : String(scalar);
}
