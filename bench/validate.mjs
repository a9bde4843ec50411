// Validate benchmark (issue: validate and diff).
// 10,000 constraints against a 2 MB snapshot, in process: the snapshot is parsed and schema-checked
// once (reported apart), then runValidation (parse every constraint, index the snapshot, evaluate,
// build the ValidationResult) is timed. Target: under 100 ms.
import { fmt, importTs, percentile, syntheticSnapshot } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const { runValidation } = await importTs('src/actions/validate/run-validation.ts');
const { snapshotSchema } = await importTs('src/core/snapshot/snapshot.ts');

// A large node: 150 network interfaces of sysctls, 40 systemd units, 8 GPUs in detail, and the pods'
// images and the ClusterPolicy, about 2 MB as JSON.
function bigSnapshot() {
  const sysctl = { '/proc/sys/kernel/osrelease': '6.8.0-1043-aws' };
  for (let nic = 0; nic < 150; nic++) {
    for (let k = 0; k < 200; k++)
      sysctl[`/proc/sys/net/ipv4/conf/eth${nic}/setting_${k}`] = String((nic * k) % 97);
  }
  const units = Array.from({ length: 40 }, (_, u) => {
    const data = { ActiveState: 'active', Restart: 'always' };
    for (let k = 0; k < 250; k++) data[`Property${k}`] = k % 3 === 0 ? 'yes' : `value-${u}-${k}`;
    return { subtype: `unit-${u}.service`, data };
  });
  const gpus = Array.from({ length: 8 }, (_, g) => {
    const data = { 'mig_mode.current_mig': 'Disabled', 'fb_memory_usage.total': '81559 MiB' };
    for (let k = 0; k < 400; k++)
      data[`detail.section_${Math.floor(k / 20)}.field_${k}`] = `${k}.${g}`;
    return { subtype: `device.${g}`, data };
  });
  return syntheticSnapshot({
    sysctl,
    units,
    gpu: [{ subtype: 'smi', data: { driver: '580.159.04', 'cuda-version': '13.0' } }, ...gpus],
    imageCount: 600,
    policyKeys: 6000,
  });
}

// 10,000 constraints over every kind of key, with every operator; one in ten names a missing key.
function constraints(count) {
  const list = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 10;
    if (kind === 0)
      list.push({
        name: `OS.sysctl./proc/sys/net/ipv4/conf/eth${i % 64}/missing_${i}`,
        value: '1',
      });
    else if (kind === 1)
      list.push({
        name: `OS.sysctl./proc/sys/net/ipv4/conf/eth${i % 64}/setting_${i % 200}`,
        value: `>= ${i % 50}`,
      });
    else if (kind === 2)
      list.push({
        name: `SystemD.unit-${i % 40}.service.Property${i % 150}`,
        value: 'yes',
        severity: 'warning',
      });
    else if (kind === 3)
      list.push({
        name: `GPU.device.${i % 8}.detail.section_${Math.floor((i % 400) / 20)}.field_${i % 400}`,
        value: `< ${i % 500}, >= 1`,
      });
    else if (kind === 4)
      list.push({ name: `K8s.image.workload-${i % 600}`, value: `>= 1.${i % 30}` });
    else if (kind === 5)
      list.push({
        name: `K8s.policy.spec.section${Math.floor((i % 3000) / 50)}.key${i % 3000}`,
        value: `!= value-${i}`,
      });
    else if (kind === 6) list.push({ name: 'K8s.server.version', value: '>= 1.30' });
    else if (kind === 7)
      list.push({ name: 'OS.sysctl./proc/sys/kernel/osrelease', value: `>= 6.${i % 12}` });
    else if (kind === 8)
      list.push({
        name: `SystemD.unit-${i % 40}.service.Restart`,
        value: '== always',
        remediation: 'systemctl edit',
      });
    else list.push({ name: 'GPU.smi.driver', value: `>= ${560 + (i % 30)}, < 600` });
  }
  return list;
}

const text = JSON.stringify(bigSnapshot());
const parseStart = process.hrtime.bigint();
const snapshot = snapshotSchema.parse(JSON.parse(text));
const parseMs = Number(process.hrtime.bigint() - parseStart) / 1e6;
const recipe = { constraints: constraints(10_000) };
const keys = snapshot.measurements.reduce(
  (n, m) => n + m.subtypes.reduce((k, s) => k + Object.keys(s.data).length, 0),
  0,
);
const deps = { clock: { now: () => new Date(0) }, timer: performance, toolVersion: 'bench' };

const samples = [];
let result;
for (let i = 0; i < runs + 1; i++) {
  const start = process.hrtime.bigint();
  result = runValidation({ recipe, snapshot }, deps);
  samples.push(Number(process.hrtime.bigint() - start) / 1e6);
}
const [first, ...warm] = samples;
const { passed, failed, skipped } = result.summary;
console.log(
  `snapshot: ${(text.length / 1e6).toFixed(2)} MB JSON, ${keys} keys; JSON.parse + schema ${fmt(parseMs)} (once, not in the target)`,
);
console.log(
  `validate 10,000 constraints: first run ${fmt(first)}, then p50 ${fmt(percentile(warm, 50))}, max ${fmt(Math.max(...warm))} over ${runs} runs (target < 100 ms); ${passed} passed, ${failed} failed, ${skipped} skipped`,
);
