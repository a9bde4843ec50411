/**
 * deploy/cnsd/ kept deployable: every manifest in the kustomization, the pod held to Pod Security
 * "restricted" (and a read-only root file system), probes on /healthz and /readyz, requests and
 * limits, Service, HPA and PDB pointing at the Deployment's pods, cnsd's own settings accepted by its
 * parser, and the Deployment and Service valid against the Kubernetes API's OpenAPI documents
 * (../shared/oracles; skipped, saying so, where they are absent).
 */
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- manifests are untyped YAML, checked by their shape */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseServerCommand } from '../../src/server/config.js';

const DIR = fileURLToPath(new URL('../../deploy/cnsd/', import.meta.url));
const ORACLES = fileURLToPath(new URL('../../../shared/oracles/kubernetes/', import.meta.url));

type Manifest = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = (name: string): Manifest => parse(readFileSync(`${DIR}${name}`, 'utf8')) as Manifest;
const byKind = (kind: string): Manifest => {
  const found = readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .map(read)
    .find((m) => m.kind === kind);
  if (!found) throw new Error(`no ${kind} in deploy/cnsd`);
  return found;
};

const deployment = byKind('Deployment');
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

describe('deploy/cnsd', () => {
  it('lists every manifest in its kustomization', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...read('kustomization.yaml').resources].sort()).toEqual(files.sort());
  });

  it('runs the pod under Pod Security "restricted", with a read-only root file system', () => {
    expect(byKind('Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe(
      'restricted',
    );
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC', 'volumes'])
      expect(pod[field]).toBeUndefined();
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(pod.containers).toHaveLength(1);
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.ports.every((p: Manifest) => p.hostPort === undefined)).toBe(true);
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('probes readiness on /readyz and liveness on /healthz, and sets requests and limits', () => {
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    for (const kind of ['requests', 'limits']) {
      expect(Object.keys(container.resources[kind]).sort()).toEqual(['cpu', 'memory']);
    }
  });

  it('starts cnsd with settings its own parser accepts, on the port the Service targets', () => {
    expect(container.command).toEqual(['node', '/opt/cnsctl/bin/cnsd.mjs']);
    expect(existsSync(fileURLToPath(new URL('../../bin/cnsd.mjs', import.meta.url)))).toBe(true);
    const env = Object.fromEntries((container.env as Manifest[]).map((e) => [e.name, e.value]));
    const command = parseServerCommand(container.args, env);
    if (command.kind !== 'serve') throw new Error('not a serve command');
    const port = container.ports.find((p: Manifest) => p.name === 'http');
    expect({ host: command.config.host, port: command.config.port }).toEqual({
      host: '0.0.0.0',
      port: port.containerPort,
    });
    // SIGTERM comes after the preStop sleep; requests in flight then get the grace time, within the pod's.
    const preStopSeconds = Number(container.lifecycle.preStop.exec.command[1]);
    expect(command.config.shutdownGraceMs / 1000 + preStopSeconds).toBeLessThan(
      pod.terminationGracePeriodSeconds,
    );
  });

  it('points the Service, the autoscaler and the disruption budget at the Deployment and its pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    const service = byKind('Service');
    for (const selector of [
      service.spec.selector,
      byKind('PodDisruptionBudget').spec.selector.matchLabels,
      deployment.spec.selector.matchLabels,
    ]) {
      expect(labels).toMatchObject(selector);
    }
    expect(service.spec.ports[0].targetPort).toBe('http');
    expect(byKind('HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    const namespaces = new Set(
      ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'].map(
        (k) => byKind(k).metadata.namespace,
      ),
    );
    expect([...namespaces]).toEqual([byKind('Namespace').metadata.name]);
  });

  it.skipIf(!existsSync(ORACLES))(
    'has a Deployment and a Service valid against the Kubernetes OpenAPI documents',
    () => {
      const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
      const check = (file: string, id: string, schema: string, manifest: Manifest) => {
        const document = JSON.parse(readFileSync(`${ORACLES}${file}`, 'utf8')) as Record<
          string,
          unknown
        >;
        if (!ajv.getSchema(id)) ajv.addSchema({ ...document, $id: id });
        const validate = ajv.compile({ $ref: `${id}#/components/schemas/${schema}` });
        expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
      };
      check(
        'apis__apps__v1_openapi.json',
        'k8s-apps-v1',
        'io.k8s.api.apps.v1.Deployment',
        deployment,
      );
      check('api__v1_openapi.json', 'k8s-core-v1', 'io.k8s.api.core.v1.Service', byKind('Service'));
    },
  );
});
if (!existsSync(ORACLES))
  console.warn(
    '../shared/oracles is absent: the Kubernetes schema check of deploy/cnsd is skipped',
  );
