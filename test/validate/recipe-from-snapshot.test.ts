// The invariant of issue 8 §1 over the real data: validating a node against the recipe built from its
// own snapshot fails exactly the constraints that validating it against the recipe built from the same
// criteria given as flags fails. Excluding an overlay for a node must never hide what the node fails.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRecipe } from '../../src/actions/recipe/make-recipe.js';
import type { LooseCriteria } from '../../src/core/recipe/criteria.js';
import type { RecipeResult } from '../../src/core/recipe/recipe-result.js';
import type { Scalar, Snapshot } from '../../src/core/snapshot/snapshot.js';
import { validateRecipe } from '../../src/core/validate/validate-recipe.js';
import { cnsctl } from '../cli/run-cli-in-process.js';
import { embeddedCatalog } from '../data/data-under-test.js';

const deps = async () => ({
  catalog: await embeddedCatalog(),
  clock: { now: () => new Date('2026-01-13T13:05:58Z') },
  reporter: { info: () => undefined, warn: () => undefined },
  toolVersion: 'test',
});

const optional = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.option(arbitrary, { nil: undefined, freq: 4 });

const k8sVersion = fc
  .tuple(
    fc.integer({ min: 24, max: 36 }),
    fc.nat({ max: 12 }),
    fc.constantFrom('-eks-3025e55', '-gke.1014001', '', '+k3s1'),
  )
  .map(([minor, patch, suffix]) => `v1.${minor}.${patch}${suffix}`);
const gpuModel = fc.constantFrom(
  'NVIDIA H100 80GB HBM3',
  'NVIDIA H100 PCIe',
  'NVIDIA H200',
  'NVIDIA GB200',
  'NVIDIA B200',
  'NVIDIA A100-SXM4-80GB',
  'NVIDIA L40S',
  'NVIDIA L40',
  'Tesla T4',
);

/** A node: any of its facts may be missing, and the GPU model is recorded under either name. */
const node = fc
  .record({
    version: optional(k8sVersion),
    provider: optional(fc.constantFrom('eks', 'gke', 'aks', 'oke', 'kind')),
    osId: optional(fc.constantFrom('ubuntu', 'rhel', 'amzn', 'cos', 'debian')),
    osVersion: optional(fc.constantFrom('22.04', '24.04', '9.4', '2023', '12')),
    kernel: optional(
      fc
        .tuple(fc.integer({ min: 5, max: 6 }), fc.nat({ max: 15 }))
        .map(([major, minor]) => `${major}.${minor}.0-1043-aws`),
    ),
    model: optional(gpuModel),
    modelKey: fc.constantFrom('gpu.model', 'gpu.name'),
    driver: optional(fc.constantFrom('535.230.02', '550.54.15', '570.133.20', '580.82.07')),
  })
  .map((n): Snapshot => {
    const subtype = (name: string, data: Record<string, Scalar | undefined>) => ({
      subtype: name,
      data: Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) as Record<
        string,
        Scalar
      >,
    });
    return {
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements: [
        {
          type: 'K8s',
          subtypes: [
            subtype('server', { version: n.version }),
            subtype('node', { provider: n.provider }),
          ],
        },
        {
          type: 'OS',
          subtypes: [
            subtype('release', { ID: n.osId, VERSION_ID: n.osVersion }),
            subtype('sysctl', { '/proc/sys/kernel/osrelease': n.kernel }),
          ],
        },
        {
          type: 'GPU',
          subtypes: [subtype('smi', { [n.modelKey]: n.model, driver: n.driver })],
        },
      ],
    };
  });

/** What the user adds on the command line: the intent, and sometimes a dimension detection missed. */
const flags = fc.record(
  {
    intent: fc.constantFrom('training', 'inference', 'any'),
    service: fc.constantFrom('eks', 'gke', 'aks', 'oke', 'kind'),
    accelerator: fc.constantFrom('h100', 'h200', 'gb200', 'b200', 'a100', 'l40s', 'any'),
    os: fc.constantFrom('ubuntu', 'cos', 'amazonlinux'),
  },
  { requiredKeys: ['intent'] },
);

/** The constraints a node fails, as `name value` pairs (a name may appear once per recipe). */
function failures(recipe: RecipeResult, snapshot: Snapshot): string[] {
  return validateRecipe(recipe.constraints, snapshot)
    .results.filter((r) => r.status === 'failed')
    .map((r) => `${r.name} ${r.expected}`)
    .sort();
}

describe('a recipe built from a snapshot', () => {
  it('fails the node on exactly what the recipe for the same criteria given as flags fails (property)', async () => {
    const d = await deps();
    let excludedSeen = 0;
    fc.assert(
      fc.property(node, flags, (snapshot, given: LooseCriteria) => {
        const fromSnapshot = makeRecipe({ criteria: given, snapshot }, d);
        const sameCriteria = Object.fromEntries(
          Object.entries(fromSnapshot.criteria).map(([k, v]) => [k, String(v)]),
        ) as LooseCriteria;
        const fromFlags = makeRecipe({ criteria: sameCriteria }, d);
        if ((fromSnapshot.metadata.excludedOverlays ?? []).length > 0) excludedSeen++;
        expect(failures(fromSnapshot, snapshot)).toEqual(failures(fromFlags, snapshot));
      }),
      { numRuns: 300 },
    );
    // The property means something only if snapshots did exclude overlays.
    expect(excludedSeen).toBeGreaterThan(10);
  });

  it.each<[string, { version: string; model: string; osId?: string }, string]>([
    [
      'a GB200 node on Kubernetes 1.33 (the DRA overlay needs 1.34)',
      { version: 'v1.33.5-eks-1234567', model: 'NVIDIA GB200' },
      'K8s.server.version >= 1.34',
    ],
    [
      'a Debian node asked for with --os ubuntu',
      { version: 'v1.34.1-eks-3025e55', model: 'NVIDIA H100 80GB HBM3', osId: 'debian' },
      'OS.release.ID ubuntu',
    ],
  ])('fails %s, as the flags recipe does', async (_name, facts, failure) => {
    const d = await deps();
    const snapshot: Snapshot = {
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements: [
        { type: 'K8s', subtypes: [{ subtype: 'server', data: { version: facts.version } }] },
        {
          type: 'OS',
          subtypes: [
            {
              subtype: 'release',
              data: { ID: facts.osId ?? 'ubuntu', VERSION_ID: '24.04' },
            },
            { subtype: 'sysctl', data: { '/proc/sys/kernel/osrelease': '6.8.0-1043-aws' } },
          ],
        },
        { type: 'GPU', subtypes: [{ subtype: 'smi', data: { 'gpu.model': facts.model } }] },
      ],
    };
    const recipe = makeRecipe({ criteria: { intent: 'training', os: 'ubuntu' }, snapshot }, d);
    expect(failures(recipe, snapshot)).toContain(failure);
    const result = validateRecipe(recipe.constraints, snapshot);
    expect(result.counts.status).toBe('fail');
    expect(result.results.find((r) => `${r.name} ${r.expected}` === failure)).toMatchObject({
      status: 'failed',
      severity: 'error',
      excludedOverlay: expect.any(String),
    });
  });
});

describe('a GB200 recipe for OKE from a node on Kubernetes 1.33', () => {
  it('leaves out the DRA driver with the gb200 overlay, refinements included, and fails the node', async () => {
    const d = await deps();
    const snapshot: Snapshot = {
      kind: 'Snapshot',
      apiVersion: 'cns.nvidia.com/v1alpha1',
      metadata: {},
      measurements: [
        { type: 'K8s', subtypes: [{ subtype: 'server', data: { version: 'v1.33.5' } }] },
        { type: 'GPU', subtypes: [{ subtype: 'smi', data: { 'gpu.model': 'NVIDIA GB200' } }] },
      ],
    };
    const recipe = makeRecipe({ criteria: { service: 'oke', accelerator: 'gb200' }, snapshot }, d);
    expect(recipe.metadata.excludedOverlays).toContain('gb200');
    expect(recipe.deploymentOrder).not.toContain('nvidia-dra-driver-gpu');
    expect(failures(recipe, snapshot)).toContain('K8s.server.version >= 1.34');
  });
});

describe('cnsctl recipe --snapshot | cnsctl validate --recipe -', () => {
  it('fails a GB200 node on Kubernetes 1.33 whose recipe left the DRA overlay out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cnsctl-gb200-'));
    const node = join(dir, 'gb200-node.yaml');
    await writeFile(
      node,
      [
        'kind: Snapshot',
        'apiVersion: cns.nvidia.com/v1alpha1',
        'metadata: { source-node: gb200-0 }',
        'measurements:',
        '  - type: K8s',
        '    subtypes: [{ subtype: server, data: { version: v1.33.5-eks-1234567 } }]',
        '  - type: OS',
        '    subtypes:',
        '      - { subtype: release, data: { ID: ubuntu, VERSION_ID: "24.04" } }',
        '      - { subtype: sysctl, data: { /proc/sys/kernel/osrelease: 6.8.0-1043-aws } }',
        '  - type: GPU',
        '    subtypes: [{ subtype: smi, data: { gpu.model: NVIDIA GB200, driver: 580.82.07 } }]',
        '',
      ].join('\n'),
    );
    const recipe = await cnsctl(['recipe', '--snapshot', node, '--intent', 'training']);
    expect(recipe.code).toBe(0);
    expect(recipe.stderr).toContain('overlay gb200-eks-training excluded');
    const validation = await cnsctl(
      ['validate', '--recipe', '-', '--snapshot', node, '-t', 'table'],
      {
        stdin: recipe.stdout,
      },
    );
    expect(validation.code).toBe(1);
    expect(validation.stdout).toMatch(
      /^FAIL +K8s\.server\.version +>= 1\.34 +v1\.33\.5-eks-1234567 .*required by overlay gb200-eks-training/m,
    );
  });
});
