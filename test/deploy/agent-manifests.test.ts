/**
 * deploy/agent/ holds, for GitOps users, exactly the objects `cnsctl snapshot --deploy-agent` creates
 * for the command line below: the files are compared with what the CLI's own options, plan and
 * builders produce (UPDATE_GOLDEN=1 rewrites them), and the Dockerfile builds the image those
 * objects run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { planDeployment } from '../../src/actions/snapshot/deploy-agent.js';
import type { AgentObject } from '../../src/core/snapshot/agent-manifests.js';
import { toDeployAgentOptions } from '../../src/cli/options/deploy-agent-options.js';
import { CNS_VERSION } from '../../src/version.js';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';

const DIR = `${REPO_ROOT}deploy/agent/`;
/** The command line whose objects deploy/agent/ holds. */
export const GITOPS_COMMAND =
  'cnsctl snapshot --deploy-agent --node-selector nvidia.com/gpu.present=true';

function expectedObjects(): Record<string, AgentObject[]> {
  const request = toDeployAgentOptions(
    { deployAgent: true, format: 'yaml', nodeSelector: ['nvidia.com/gpu.present=true'] },
    { hostRoot: false, systemdUnits: false },
    CNS_VERSION,
  );
  const { manifests } = planDeployment(request, undefined, CNS_VERSION);
  return {
    'serviceaccount.yaml': [manifests.serviceAccount],
    'rbac.yaml': [
      manifests.role,
      manifests.roleBinding,
      manifests.clusterRole,
      manifests.clusterRoleBinding,
    ],
    'job.yaml': [...manifests.jobs],
  };
}

const HEADER = `# Generated from what \`${GITOPS_COMMAND}\` creates\n# (test/deploy/agent-manifests.test.ts keeps it so; UPDATE_GOLDEN=1 rewrites it). docs/agent.md explains each object.\n`;

describe('deploy/agent', () => {
  it.each(Object.entries(expectedObjects()))('%s holds what the CLI creates', (file, objects) => {
    const text =
      HEADER +
      objects
        .map((o) => `---\n${stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })}`)
        .join('');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(`${DIR}${file}`, text);
    const stored = parseAllDocuments(readFileSync(`${DIR}${file}`, 'utf8')).map(
      (d) => d.toJS() as unknown,
    );
    expect(stored).toEqual(objects);
  });

  it('lists every manifest in its kustomization, and nothing else', () => {
    const kustomization = parseAllDocuments(
      readFileSync(`${DIR}kustomization.yaml`, 'utf8'),
    )[0]?.toJS() as {
      resources: string[];
    };
    expect(kustomization.resources.sort()).toEqual(Object.keys(expectedObjects()).sort());
  });

  it('builds the image those objects run: multi-stage, cnsctl on the PATH as the entry point, nsenter there for host commands', () => {
    const dockerfile = readFileSync(`${DIR}Dockerfile`, 'utf8');
    const stages = dockerfile.match(/^FROM /gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/ln -s \/opt\/cnsctl\/bin\/cnsctl\.cjs \/usr\/local\/bin\/cnsctl/);
    expect(final).toMatch(/ENTRYPOINT \["cnsctl"\]/);
    expect(final).toMatch(/command -v nsenter/);
    const [job] = expectedObjects()['job.yaml'] ?? [];
    const container = (job?.spec as { template: { spec: { containers: { command: string[] }[] } } })
      .template.spec.containers[0];
    expect(container?.command).toEqual(['cnsctl']);
    for (const copied of final.matchAll(/COPY --from=build \/src\/(\S+)/g)) {
      expect(['package.json', 'bin', 'dist', 'node_modules', 'data']).toContain(copied[1]);
    }
  });
});
