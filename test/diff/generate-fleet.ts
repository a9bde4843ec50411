/**
 * @module Generated fleets for diff tests and benches: every node is the demo EKS H100 node with its own
 * name, capture time, PIDs, boot id and counters (all volatile), and chosen nodes are given outlier
 * values. Deterministic: node i always gets the same snapshot.
 */
import type { Scalar, Snapshot } from '../../src/core/snapshot/snapshot.js';
import type { NamedSnapshot } from '../../src/core/diff/name-nodes.js';
import { readSnapshotFixture } from '../validate/read-fixture.js';

export interface FleetOptions {
  readonly nodes: number;
  /** Per node index: `Type.Subtype.Key` → value to set, or null to remove the key. */
  readonly outliers?: Readonly<Record<number, Readonly<Record<string, Scalar | null>>>>;
  /** Extra sysctl keys per node, so benches can reach thousands of keys. */
  readonly extraKeys?: number;
}

export function nodeName(i: number): string {
  return `ip-10-0-${180 + Math.floor(i / 250)}-${(i % 250) + 1}.ec2.internal`;
}

/** Builds the fleet as the CLI would read it, each snapshot named by a file path. */
export function generateFleet(options: FleetOptions): NamedSnapshot[] {
  const base = readSnapshotFixture('validate/eks-h100-snapshot.yaml');
  return Array.from({ length: options.nodes }, (_, i) => ({
    source: `fleet/${String(i).padStart(4, '0')}.yaml`,
    snapshot: nodeSnapshot(base, i, options),
  }));
}

function nodeSnapshot(base: Snapshot, i: number, options: FleetOptions): Snapshot {
  const name = nodeName(i);
  const volatile: Record<string, Scalar> = {
    'SystemD.containerd.service.MainPID': 1100 + i,
    'SystemD.containerd.service.ExecMainStartTimestamp': `Tue 2026-01-13 12:${String(i % 60).padStart(2, '0')}:07 UTC`,
    'SystemD.containerd.service.MemoryCurrent': 1_500_000_000 + i * 4096,
    'SystemD.containerd.service.CPUUsageNSec': 98_000_000_000 + i * 7,
    'OS.sysctl./proc/sys/kernel/hostname': name,
    'OS.sysctl./proc/sys/kernel/random/boot_id': `6c3f1b0e-8f7a-4a57-9d0b-${String(i).padStart(12, '0')}`,
    'OS.sysctl./proc/sys/fs/file-nr': `${3000 + i}\t0\t9223372036854775807`,
  };
  const extra: Record<string, Scalar> = {};
  for (let k = 0; k < (options.extraKeys ?? 0); k++) {
    extra[`OS.sysctl./proc/sys/net/ipv4/conf/eth${k % 16}/setting_${k}`] = String(k % 7);
  }
  const changes: Record<string, Scalar | null> = {
    ...volatile,
    ...extra,
    ...(options.outliers?.[i] ?? {}),
  };
  const measurements = base.measurements.map((m) => ({
    type: m.type,
    subtypes: m.subtypes.map((s) => {
      const data: Record<string, Scalar> = { ...s.data };
      const prefix = `${m.type}.${s.subtype}.`;
      for (const [id, value] of Object.entries(changes)) {
        if (!id.startsWith(prefix)) continue;
        const key = id.slice(prefix.length);
        if (value === null) delete data[key];
        else data[key] = value;
      }
      return { subtype: s.subtype, data };
    }),
  }));
  return {
    ...base,
    metadata: {
      ...base.metadata,
      'source-node': name,
      timestamp: `2026-01-13T13:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
    },
    measurements,
  };
}
