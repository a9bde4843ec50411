/**
 * The demo's stage 4 as a new user runs it: a recipe from a snapshot like the demo's Appendix A, then
 * the exact section 8.2 command. The result has the layout of section 8.4; gpu-operator/values.yaml is
 * Appendix C.1 apart from the differences data/seed-deviations.yaml records; the gpu-operator
 * Application is C.2 and app-of-apps.yaml is C.3 in substance.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { getValueAtPath, isValuesObject, type Values } from '../../src/core/recipe/merge-values.js';
import { cnsctl } from '../cli/run-cli-in-process.js';
import { DEMO_SNAPSHOT_YAML } from '../fixtures/mini-catalog.js';
import {
  DEMO_PLACEMENT_FLAGS,
  DEPLOYER_NAMES,
  demoBundle,
  repositoryCatalog,
  text,
} from './bundle-fixtures.js';

const DEMO_COMPONENTS = ['cert-manager', 'gpu-operator', 'nvsentinel', 'skyhook'];
const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** Runs the demo's recipe and bundle commands in a fresh folder; returns the bundle folder. */
async function runDemo(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), 'cnsctl-demo-'));
  writeFileSync(join(work, 'snapshot.yaml'), DEMO_SNAPSHOT_YAML);
  const recipe = await cnsctl([
    'recipe',
    '--snapshot',
    join(work, 'snapshot.yaml'),
    '--intent',
    'training',
    '--output',
    join(work, 'recipe.yaml'),
  ]);
  expect(recipe.code).toBe(0);
  const bundle = await cnsctl([
    'bundle',
    '--recipe',
    join(work, 'recipe.yaml'),
    '--output',
    join(work, 'bundles'),
    ...DEMO_PLACEMENT_FLAGS,
    '--deployer',
    'argocd',
  ]);
  expect(bundle.stderr).toBe('');
  expect(bundle.code).toBe(0);
  return join(work, 'bundles');
}

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory()
      ? files(join(dir, name), `${prefix}${name}/`)
      : [`${prefix}${name}`],
  );
}

/** Removes the value at `path` and any object this leaves empty. */
function withoutPath(values: Values, path: readonly string[]): Values {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(values, head)) return values;
  const copy: Values = { ...values };
  const inner =
    rest.length === 0 || !isValuesObject(copy[head]) ? {} : withoutPath(copy[head], rest);
  if (Object.keys(inner).length === 0) delete copy[head];
  else copy[head] = inner;
  return copy;
}

describe("the demo's section 8.2 command", () => {
  it('writes the section 8.4 layout', async () => {
    const dir = await runDemo();
    const present = files(dir);
    expect(present).toEqual(
      expect.arrayContaining(['app-of-apps.yaml', 'recipe.yaml', 'README.md', 'checksums.txt']),
    );
    for (const component of DEMO_COMPONENTS) {
      expect(present).toEqual(
        expect.arrayContaining(
          [
            'values.yaml',
            'argocd/application.yaml',
            'scripts/install.sh',
            'scripts/uninstall.sh',
            'checksums.txt',
            'README.md',
          ].map((file) => `${component}/${file}`),
        ),
      );
    }
    expect(
      present.filter((path) => path.startsWith('gpu-operator/manifests/')).length,
    ).toBeGreaterThan(0);
    // Every top-level folder is a component of the recipe, nothing else.
    const recipe = parse(readFileSync(join(dir, 'recipe.yaml'), 'utf8')) as {
      deploymentOrder: string[];
    };
    const folders = [
      ...new Set(present.filter((p) => p.includes('/')).map((p) => p.split('/')[0])),
    ];
    expect(folders.sort()).toEqual([...recipe.deploymentOrder].sort());
    expect(recipe.deploymentOrder).toEqual(expect.arrayContaining(DEMO_COMPONENTS));
  });

  it('writes every key and value of Appendix C.1, apart from the recorded deviations', async () => {
    const dir = await runDemo();
    const ours = parse(readFileSync(join(dir, 'gpu-operator/values.yaml'), 'utf8'), {
      version: '1.1',
    }) as Values;
    const demo = parse(
      fixture('../../data/fixtures/demo-appendix-c1-gpu-operator-values.yaml'),
    ) as Values;
    const deviations = (await repositoryCatalog()).seedDeviations;
    expect(deviations?.component).toBe('gpu-operator');
    const list = deviations?.deviations ?? [];
    for (const deviation of list) {
      const path = deviation.path.split('.');
      expect(getValueAtPath(demo, path) ?? null, `demo value of ${deviation.path}`).toEqual(
        deviation.demo,
      );
      expect(getValueAtPath(ours, path) ?? null, `our value of ${deviation.path}`).toEqual(
        deviation.ours,
      );
    }
    const strip = (values: Values) =>
      list.reduce((v, d) => withoutPath(v, d.path.split('.')), values);
    expect(strip(ours)).toEqual(strip(demo));
  });

  it('shows the deviations in the gpu-operator README', async () => {
    const dir = await runDemo();
    const readme = readFileSync(join(dir, 'gpu-operator/README.md'), 'utf8');
    for (const deviation of (await repositoryCatalog()).seedDeviations?.deviations ?? [])
      expect(readme).toContain(`| \`${deviation.path}\` |`);
  });

  it('writes the gpu-operator Application of Appendix C.2, its sync wave its place in the order', async () => {
    const dir = await runDemo();
    const recipe = parse(readFileSync(join(dir, 'recipe.yaml'), 'utf8')) as {
      deploymentOrder: string[];
    };
    const ours = parse(
      readFileSync(join(dir, 'gpu-operator/argocd/application.yaml'), 'utf8'),
    ) as Values;
    const demo = parse(fixture('demo-appendix-c2-gpu-operator-application.yaml')) as Values;
    expect(getValueAtPath(ours, ['metadata', 'annotations', 'argocd.argoproj.io/sync-wave'])).toBe(
      String(recipe.deploymentOrder.indexOf('gpu-operator')),
    );
    const wave = ['metadata', 'annotations'];
    expect(withoutPath(ours, wave)).toEqual(withoutPath(demo, wave));
  });

  it('writes the app-of-apps of Appendix C.3, with a source for each component in order', async () => {
    const dir = await runDemo();
    const ours = parse(readFileSync(join(dir, 'app-of-apps.yaml'), 'utf8')) as {
      spec: { sources: { path: string }[] };
    };
    const demo = parse(fixture('demo-appendix-c3-app-of-apps.yaml')) as typeof ours;
    const demoSources = ours.spec.sources.filter((s) =>
      DEMO_COMPONENTS.some((c) => s.path === `${c}/argocd`),
    );
    expect({ ...ours, spec: { ...ours.spec, sources: demoSources } }).toEqual(demo);
  });
});

describe('every deployer', () => {
  it.each(DEPLOYER_NAMES)(
    '%s leaves no template marker outside Helm templates',
    async (deployer) => {
      const { tree } = await demoBundle(deployer);
      const marked = [...tree.keys()].filter(
        (path) => !path.startsWith('templates/') && text(tree, path).includes('{{'),
      );
      expect(marked).toEqual([]);
    },
  );

  it.each(DEPLOYER_NAMES)('%s renders the same bytes twice', async (deployer) => {
    const [first, second] = await Promise.all([demoBundle(deployer), demoBundle(deployer)]);
    expect(
      [...second.tree].map(([path, file]) => [path, file.mode, text(second.tree, path)]),
    ).toEqual([...first.tree].map(([path, file]) => [path, file.mode, text(first.tree, path)]));
  });
});
