/**
 * cnsd's path to a bundle archive (renderBundleArchive on ports composed without a terminal) gives
 * byte for byte the file `cnsctl bundle --output x.zip` writes, for the same recipe, flags and
 * SOURCE_DATE_EPOCH.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cnsctl, DEMO_CRITERIA_FLAGS } from '../../../test/cli/run-cli-in-process.js';
import { thisProcess } from '../../../test/compose/this-process.js';
import { composePorts } from '../../adapters/compose/compose-ports.js';
import { CNS_VERSION } from '../../version.js';
import { readRecipe } from '../documents/read-recipe.js';
import { renderBundleArchive } from './render-bundle-archive.js';
import { toBundleOptions } from './to-bundle-options.js';

const SOURCE_DATE_EPOCH = '1768309558';

describe('renderBundleArchive', () => {
  it.each([
    ['zip', 'argocd', 'bundle.zip'],
    ['tar.gz', 'flux', 'bundle.tar.gz'],
  ] as const)(
    'gives the bytes of the .%s that cnsctl bundle writes (%s deployer)',
    async (format, deployer, name) => {
      const dir = mkdtempSync(join(tmpdir(), 'cnsctl-archive-'));
      const recipeFile = join(dir, 'recipe.yaml');
      const env = { SOURCE_DATE_EPOCH };
      expect(
        (await cnsctl(['recipe', ...DEMO_CRITERIA_FLAGS, '-o', recipeFile], { env })).code,
      ).toBe(0);
      const flags = {
        deployer,
        acceleratedNodeSelector: ['nodeGroup=customer-gpu'],
        acceleratedNodeToleration: ['dedicated=user-workload:NoSchedule'],
        set: ['gpu-operator:driver.version=580.82.07'],
        repo: 'https://github.com/org/gitops.git',
      };
      const cli = await cnsctl(
        [
          'bundle',
          '--recipe',
          recipeFile,
          '-o',
          join(dir, name),
          '--deployer',
          deployer,
          '--accelerated-node-selector',
          'nodeGroup=customer-gpu',
          '--accelerated-node-toleration',
          'dedicated=user-workload:NoSchedule',
          '--set',
          'gpu-operator:driver.version=580.82.07',
          '--repo',
          'https://github.com/org/gitops.git',
        ],
        { env },
      );
      expect(cli.stderr).toBe('');
      // As cnsd composes its ports: the same environment, no standard streams.
      const ports = composePorts(thisProcess({ env }));
      const { recipe } = await readRecipe(recipeFile, ports);
      const { bytes, tree } = await renderBundleArchive(
        { recipe, options: toBundleOptions(flags, CNS_VERSION), format },
        ports,
      );
      expect(tree.size).toBeGreaterThan(10);
      expect(Buffer.from(bytes).equals(readFileSync(join(dir, name)))).toBe(true);
    },
  );
});
