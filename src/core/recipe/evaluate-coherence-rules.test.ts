import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegistryComponent } from './catalog-schema.js';
import { coherenceRuleSchema, type CoherenceRule } from './coherence-rule-schema.js';
import {
  describeViolation,
  evaluateCoherenceRules,
  sameValue,
  type CoherenceSubject,
} from './evaluate-coherence-rules.js';

function registryEntry(name: string, crdGroups: string[] = []): RegistryComponent {
  return {
    name,
    displayName: name,
    type: 'Helm',
    helm: { repository: 'https://example.invalid/charts', chart: name },
    namespace: name,
    setAliases: [],
    snapshotLocks: [],
    nodeScheduling: {},
    ...(crdGroups.length > 0 ? { provides: { crdGroups } } : {}),
  };
}

const REGISTRY: Record<string, RegistryComponent> = {
  'gpu-operator': registryEntry('gpu-operator', ['nvidia.com']),
  'kube-prometheus-stack': registryEntry('kube-prometheus-stack', ['monitoring.coreos.com']),
  'cert-manager': registryEntry('cert-manager'),
  'nvidia-dra-driver-gpu': registryEntry('nvidia-dra-driver-gpu'),
};

interface Part {
  readonly values?: Record<string, unknown>;
  readonly dependencyRefs?: string[];
}

function recipe(
  parts: Record<string, Part>,
  extra: Partial<Pick<CoherenceSubject, 'criteria' | 'constraints'>> = {},
): CoherenceSubject {
  return {
    criteria: extra.criteria ?? { service: 'eks', accelerator: 'h100' },
    constraints: extra.constraints ?? [{ name: 'K8s.server.version', value: '>= 1.30' }],
    componentRefs: Object.entries(parts).map(([name, part]) => ({
      name,
      dependencyRefs: part.dependencyRefs,
    })),
    valuesOf: (name) => parts[name]?.values ?? {},
  };
}

function rule(body: Record<string, unknown>): CoherenceRule {
  return coherenceRuleSchema.parse({ id: 'r', reason: 'because', source: 'here', ...body });
}

const SERVICE_MONITOR = rule({
  when: [{ component: 'gpu-operator', path: 'dcgmExporter.serviceMonitor.enabled', equals: true }],
  require: [{ providesCrdGroup: 'monitoring.coreos.com', before: 'gpu-operator' }],
});
const monitorOn = { dcgmExporter: { serviceMonitor: { enabled: true } } };

interface Case {
  readonly name: string;
  readonly rule: CoherenceRule;
  readonly recipe: CoherenceSubject;
  readonly broken: boolean;
  readonly mentions?: string;
}

const CASES: Case[] = [
  {
    name: 'a ServiceMonitor without any Prometheus operator breaks the rule',
    rule: SERVICE_MONITOR,
    recipe: recipe({ 'gpu-operator': { values: monitorOn } }),
    broken: true,
    mentions: 'none in the recipe',
  },
  {
    name: 'a ServiceMonitor with kube-prometheus-stack deployed first keeps it',
    rule: SERVICE_MONITOR,
    recipe: recipe({
      'kube-prometheus-stack': {},
      'gpu-operator': { values: monitorOn, dependencyRefs: ['kube-prometheus-stack'] },
    }),
    broken: false,
  },
  {
    name: 'a provider reached through another dependency counts as deployed before',
    rule: SERVICE_MONITOR,
    recipe: recipe({
      'kube-prometheus-stack': {},
      'cert-manager': { dependencyRefs: ['kube-prometheus-stack'] },
      'gpu-operator': { values: monitorOn, dependencyRefs: ['cert-manager'] },
    }),
    broken: false,
  },
  {
    name: 'a provider the dependent does not depend on breaks the rule and is named',
    rule: SERVICE_MONITOR,
    recipe: recipe({ 'kube-prometheus-stack': {}, 'gpu-operator': { values: monitorOn } }),
    broken: true,
    mentions: 'kube-prometheus-stack present, but gpu-operator does not depend on it',
  },
  {
    name: 'a rule whose when clause does not hold is never broken',
    rule: SERVICE_MONITOR,
    recipe: recipe({ 'gpu-operator': { values: { dcgmExporter: { serviceMonitor: {} } } } }),
    broken: false,
  },
  {
    name: 'notEquals fails on the value it names, with the value shown',
    rule: rule({
      when: [{ component: 'gpu-operator', path: 'toolkit.enabled', equals: false }],
      require: [
        {
          component: 'gpu-operator',
          path: 'devicePlugin.env[name=DEVICE_LIST_STRATEGY].value',
          notEquals: 'volume-mounts',
        },
      ],
    }),
    recipe: recipe({
      'gpu-operator': {
        values: {
          toolkit: { enabled: false },
          devicePlugin: { env: [{ name: 'DEVICE_LIST_STRATEGY', value: 'volume-mounts' }] },
        },
      },
    }),
    broken: true,
    mentions: '(found "volume-mounts")',
  },
  {
    name: 'notEquals holds where the list has no such item',
    rule: rule({
      require: [
        {
          component: 'gpu-operator',
          path: 'devicePlugin.env[name=DEVICE_LIST_STRATEGY].value',
          notEquals: 'volume-mounts',
        },
      ],
    }),
    recipe: recipe({ 'gpu-operator': { values: { devicePlugin: { env: [{ name: 'X' }] } } } }),
    broken: false,
  },
  {
    name: 'exists false counts a null value as unset (Helm deletes it)',
    rule: rule({ require: [{ component: 'gpu-operator', path: 'driver.version', exists: false }] }),
    recipe: recipe({ 'gpu-operator': { values: { driver: { version: null } } } }),
    broken: false,
  },
  {
    name: 'exists false fails on a set value',
    rule: rule({ require: [{ component: 'gpu-operator', path: 'driver.version', exists: false }] }),
    recipe: recipe({ 'gpu-operator': { values: { driver: { version: '580.105.08' } } } }),
    broken: true,
    mentions: '"580.105.08"',
  },
  {
    name: 'a value clause on a component the recipe lacks does not hold',
    rule: rule({ require: [{ component: 'gpu-operator', path: 'driver.enabled', equals: true }] }),
    recipe: recipe({ 'cert-manager': {} }),
    broken: true,
    mentions: 'no gpu-operator',
  },
  {
    name: 'in accepts any listed value',
    rule: rule({
      require: [{ component: 'gpu-operator', path: 'cdi.default', in: [true, false] }],
    }),
    recipe: recipe({ 'gpu-operator': { values: { cdi: { default: false } } } }),
    broken: false,
  },
  {
    name: 'notIn rejects a listed value',
    rule: rule({
      require: [{ component: 'gpu-operator', path: 'driver.version', notIn: ['580.82.07'] }],
    }),
    recipe: recipe({ 'gpu-operator': { values: { driver: { version: '580.82.07' } } } }),
    broken: true,
  },
  {
    name: 'sameAs compares two components’ values',
    rule: rule({
      when: [{ component: 'nvidia-dra-driver-gpu' }],
      require: [
        {
          component: 'nvidia-dra-driver-gpu',
          path: 'nvidiaDriverRoot',
          sameAs: { component: 'gpu-operator', path: 'hostPaths.driverInstallDir' },
        },
      ],
    }),
    recipe: recipe({
      'gpu-operator': { values: { hostPaths: { driverInstallDir: '/run/nvidia/driver' } } },
      'nvidia-dra-driver-gpu': { values: { nvidiaDriverRoot: '/' } },
    }),
    broken: true,
    mentions: '(found "/" and "/run/nvidia/driver")',
  },
  {
    name: 'present false holds only without the component',
    rule: rule({ require: [{ component: 'nvidia-dra-driver-gpu', present: false }] }),
    recipe: recipe({ 'nvidia-dra-driver-gpu': {} }),
    broken: true,
  },
  {
    name: 'before holds when the later component is absent',
    rule: rule({ require: [{ component: 'cert-manager', before: 'gpu-operator' }] }),
    recipe: recipe({ 'cert-manager': {} }),
    broken: false,
  },
  {
    name: 'before fails when the later component does not depend on the earlier one',
    rule: rule({ require: [{ component: 'cert-manager', before: 'gpu-operator' }] }),
    recipe: recipe({ 'cert-manager': {}, 'gpu-operator': {} }),
    broken: true,
  },
  {
    name: 'a criteria clause matches one of the listed values',
    rule: rule({
      when: [{ criteria: { accelerator: ['gb200', 'b200'] } }],
      require: [{ component: 'nvidia-dra-driver-gpu' }],
    }),
    recipe: recipe({ 'gpu-operator': {} }, { criteria: { accelerator: 'gb200' } }),
    broken: true,
  },
  {
    name: 'a criteria clause that does not match leaves the rule unbroken',
    rule: rule({
      when: [{ criteria: { accelerator: 'gb200', service: 'eks' } }],
      require: [{ component: 'nvidia-dra-driver-gpu' }],
    }),
    recipe: recipe({ 'gpu-operator': {} }, { criteria: { accelerator: 'gb200', service: 'gke' } }),
    broken: false,
  },
  {
    name: 'a floor below the required one breaks the rule and shows the floor',
    rule: rule({
      when: [{ component: 'nvidia-dra-driver-gpu' }],
      require: [{ constraint: 'K8s.server.version', atLeast: '1.34' }],
    }),
    recipe: recipe({ 'nvidia-dra-driver-gpu': {} }),
    broken: true,
    mentions: '(found ">= 1.30")',
  },
  {
    name: 'a floor at the required version keeps the rule',
    rule: rule({ require: [{ constraint: 'K8s.server.version', atLeast: '1.34' }] }),
    recipe: recipe({}, { constraints: [{ name: 'K8s.server.version', value: '>= 1.34.1' }] }),
    broken: false,
  },
  {
    name: 'a missing constraint is no floor',
    rule: rule({ require: [{ constraint: 'K8s.server.version', atLeast: '1.25' }] }),
    recipe: recipe({}, { constraints: [] }),
    broken: true,
    mentions: 'no such constraint',
  },
];

describe('evaluateCoherenceRules', () => {
  it.each(CASES)('$name', ({ rule: r, recipe: subject, broken, mentions }) => {
    const violations = evaluateCoherenceRules([r], subject, REGISTRY);
    expect(violations.length > 0).toBe(broken);
    if (mentions !== undefined) expect(describeViolation(violations[0]!)).toContain(mentions);
  });

  it('names the rule, the clauses that fired, what failed and why, on one line', () => {
    const [violation] = evaluateCoherenceRules(
      [
        {
          ...SERVICE_MONITOR,
          id: 'servicemonitor-needs-prometheus',
          reason: 'ClusterPolicy stays NotReady',
        },
      ],
      recipe({ 'gpu-operator': { values: monitorOn } }),
      REGISTRY,
    );
    expect(describeViolation(violation!)).toBe(
      'rule servicemonitor-needs-prometheus (gpu-operator dcgmExporter.serviceMonitor.enabled == true): ' +
        'needs a component providing CRD group monitoring.coreos.com deployed before gpu-operator ' +
        '(none in the recipe): ClusterPolicy stays NotReady',
    );
  });

  it('breaks a rule exactly when its when holds and its require does not (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (monitor, prometheus) => {
        const parts: Record<string, Part> = {
          'gpu-operator': {
            values: { dcgmExporter: { serviceMonitor: { enabled: monitor } } },
            dependencyRefs: prometheus ? ['kube-prometheus-stack'] : [],
          },
          ...(prometheus ? { 'kube-prometheus-stack': {} } : {}),
        };
        const broken =
          evaluateCoherenceRules([SERVICE_MONITOR], recipe(parts), REGISTRY).length > 0;
        expect(broken).toBe(monitor && !prometheus);
      }),
    );
  });
});

describe('sameValue', () => {
  it('is reflexive and symmetric on YAML-like values (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameValue(a, structuredClone(a))).toBe(true);
        expect(sameValue(a, b)).toBe(sameValue(b, a));
      }),
    );
  });

  it.each([
    [[1, 2], { 0: 1, 1: 2 }, false],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    ['true', true, false],
    [null, undefined, false],
  ])('tells %j from %j', (a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
  });
});
