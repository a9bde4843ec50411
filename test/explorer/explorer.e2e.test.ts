/**
 * The recipe explorer end to end, in a real headless chromium against the shipped cnsd on loopback:
 * pick criteria and read the components table, follow shared URLs (the recipe, a component's values),
 * compare two recipes, drop the demo's snapshot and see the driver lock and the validation table,
 * download a bundle and check its checksums, see an API error with its request id, and use the page
 * by keyboard and at a phone's width. Every expectation is read from the API's own answers. Screenshots
 * of each view go to reports/explorer/ (UPDATE_DOCS_SCREENSHOTS=1 also refreshes docs/explorer/), and
 * the time from the API's answer to the rendered recipe (Performance API) to
 * reports/explorer/performance.json; bench/README.md reports it, nothing asserts it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { ValuesTrace } from '../../src/actions/recipe/trace-recipe-values.js';
import { compareRecipes } from '../../src/core/recipe/compare-recipes.js';
import type { RecipeResult } from '../../src/core/recipe/recipe-result.js';
import type { ValidationResult } from '../../src/core/validate/validation-result.js';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';
import { fixturePath } from '../validate/read-fixture.js';
import { HAVE_CHROMIUM, launchBrowser, type Browser } from './browser.js';
import { startLiveCnsd, type LiveCnsd } from './live-cnsd.js';

const BUILT =
  existsSync(`${REPO_ROOT}dist/explorer/index.html`) && existsSync(`${REPO_ROOT}dist/cnsd.mjs`);
const REPORTS = join(REPO_ROOT, 'reports', 'explorer');
const DOCS = join(REPO_ROOT, 'docs', 'explorer');
const UPDATE_DOCS = process.env.UPDATE_DOCS_SCREENSHOTS === '1';
if (!HAVE_CHROMIUM)
  console.warn(
    'explorer browser tests skipped: no chromium at /usr/bin/chromium (.ci/run installs it)',
  );
if (!BUILT && process.env.CI) throw new Error('dist/ is missing: npm test builds it first');

const DEMO = 'service=eks&accelerator=h100&os=ubuntu&intent=training';
const OTHER = 'b.service=gke&b.accelerator=h100&b.os=cos&b.intent=training';
const SNAPSHOT = fixturePath('validate/eks-h100-snapshot.yaml');

let cnsd: LiveCnsd;
let browser: Browser;
const renders: number[] = [];

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${cnsd.url}${path}`, init);
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${cnsd.url}${path}`);
  return page;
}

/** Waits until the view's answer is on the page (the results no longer busy). */
async function settled(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.waitForSelector('.results[aria-busy="false"]');
}

/** Waits until the criteria selects hold the values /v1/criteria gave. */
async function criteriaLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll<HTMLOptionElement>('#criteria-service option')].some(
      (option) => option.value === 'eks',
    ),
  );
}

async function rendersOf(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    performance.getEntriesByName('cns:recipe-render', 'measure').map((m) => m.duration),
  );
}

/** The whole page into reports/; with `docs`, what a window of that size shows into docs/explorer/. */
async function shoot(
  page: Page,
  name: string,
  docs?: { width: number; height: number },
): Promise<void> {
  await page.screenshot({ path: join(REPORTS, `${name}.png`), fullPage: true });
  if (docs && UPDATE_DOCS) {
    await page.setViewportSize(docs);
    await page.screenshot({ path: join(DOCS, `${name}.png`) });
  }
}

/** One section of the page (by its id) into docs/explorer/, when asked to refresh them. */
async function shootSection(page: Page, id: string): Promise<void> {
  if (UPDATE_DOCS)
    await page
      .locator(`section[aria-labelledby="${id}-title"]`)
      .screenshot({ path: join(DOCS, `${id}.png`) });
}

const DOCS_WINDOW = { width: 1100, height: 760 };
const PHONE = { width: 390, height: 844 };

/** The page's cumulative layout shift so far, from the Performance API's buffered entries. */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          resolve(
            list
              .getEntries()
              .reduce((sum, entry) => sum + (entry as unknown as { value: number }).value, 0),
          );
        }).observe({ type: 'layout-shift', buffered: true });
        // An observer with nothing buffered is never called: no shift at all.
        setTimeout(() => resolve(0), 200);
      }),
  );
}

async function cells(page: Page, table: string, column: number): Promise<string[]> {
  return page.$$eval(
    `${table} tbody tr`,
    (rows, index) => rows.map((row) => (row.children[index] as HTMLElement).innerText.trim()),
    column,
  );
}

describe.skipIf(!HAVE_CHROMIUM || !BUILT)(
  'the recipe explorer in chromium, against a live cnsd',
  () => {
    beforeAll(async () => {
      mkdirSync(REPORTS, { recursive: true });
      if (UPDATE_DOCS) mkdirSync(DOCS, { recursive: true });
      [cnsd, browser] = await Promise.all([startLiveCnsd(), launchBrowser()]);
    }, 60_000);

    afterAll(async () => {
      writeFileSync(
        join(REPORTS, 'performance.json'),
        `${JSON.stringify({ recipeRenderMs: renders }, null, 2)}\n`,
      );
      if (renders.length > 0)
        console.log(
          `explorer: recipe rendered ${renders.map((ms) => ms.toFixed(1)).join(', ')} ms after the API answered`,
        );
      await browser?.close();
      await cnsd?.stop();
    });

    it('serves the page and its assets itself, from nothing else', async () => {
      const page = await browser.context.newPage();
      const hosts = new Set<string>();
      page.on('request', (request) => hosts.add(new URL(request.url()).origin));
      await page.goto(`${cnsd.url}/`);
      await criteriaLoaded(page);
      expect([...hosts]).toEqual([cnsd.url]);
      const index = await fetch(`${cnsd.url}/`);
      expect(index.headers.get('cache-control')).toBe('no-cache');
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1] ?? '';
      const asset = await fetch(`${cnsd.url}${script}`);
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(asset.headers.get('cache-control')).toContain('immutable');
      await page.close();
    });

    it('picks criteria and shows the components table of the recipe', async () => {
      const page = await open('/');
      await criteriaLoaded(page);
      for (const [id, value] of [
        ['service', 'eks'],
        ['accelerator', 'h100'],
        ['os', 'ubuntu'],
        ['intent', 'training'],
      ] as const) {
        await page.selectOption(`#criteria-${id}`, value);
      }
      await page.waitForURL((url) => `${url.pathname}${url.search}` === `/recipe?${DEMO}`);
      const recipe = await api<RecipeResult>(`/v1/recipe?${DEMO}`);
      await page.waitForFunction(
        (count) => document.querySelectorAll('#components-table tbody tr').length === count,
        recipe.componentRefs.length,
      );
      await settled(page, '#components-table');
      expect(await cells(page, '#components-table', 1)).toEqual(recipe.deploymentOrder);
      expect(await cells(page, '#components-table', 2)).toEqual(
        recipe.componentRefs.map((ref) => ref.version),
      );
      expect(await cells(page, '#components-table', 4)).toEqual(
        recipe.componentRefs.map((ref) => ref.namespace),
      );
      expect(await page.$$eval('.graph-node', (nodes) => nodes.length)).toBe(
        recipe.componentRefs.length,
      );
      expect(await cells(page, '#constraints-table', 0)).toEqual(
        recipe.constraints.map((constraint) => constraint.name),
      );
      renders.push(...(await rendersOf(page)));
      for (const section of ['order', 'constraints', 'overlays']) await shootSection(page, section);
      await shoot(page, 'recipe', DOCS_WINDOW);
      await page.close();
    });

    it('reproduces a view from a shared URL: the recipe, and a component’s values with their layers', async () => {
      const page = await open(`/recipe?${DEMO}`);
      await settled(page, '#components-table tbody tr');
      const recipe = await api<RecipeResult>(`/v1/recipe?${DEMO}`);
      expect(await cells(page, '#components-table', 1)).toEqual(recipe.deploymentOrder);
      renders.push(...(await rendersOf(page)));
      await page.close();

      const flags = 'accelerated-node-selector=nodeGroup%3Dgpu';
      const values = await open(`/values?${DEMO}&component=gpu-operator&${flags}`);
      await settled(values, '#values-tree li');
      await values.click('text=Expand all');
      const trace = await api<ValuesTrace>(
        `/v1/values?${DEMO}&acceleratedNodeSelector=nodeGroup%3Dgpu`,
      );
      const gpu = trace.components.find((c) => c.name === 'gpu-operator');
      const shown = await values.$$eval('#values-tree li.leaf', (leaves) =>
        leaves.map((leaf) => [leaf.getAttribute('data-path'), leaf.getAttribute('data-layer')]),
      );
      expect(shown).toEqual(gpu?.leaves.map((leaf) => [leaf.path.join('.'), leaf.layer]));
      expect(shown.filter(([, layer]) => layer === 'bundle-flag').length).toBeGreaterThan(0);
      await shoot(values, 'values', DOCS_WINDOW);
      await values.close();
    });

    it('compares two recipes: components, constraints and the values that differ', async () => {
      const page = await open(`/compare?${DEMO}&${OTHER}`);
      await settled(page, '#compare-values-table');
      const side = async (criteria: string) => {
        const [recipe, trace] = await Promise.all([
          api<RecipeResult>(`/v1/recipe?${criteria}`),
          api<ValuesTrace>(`/v1/values?${criteria}`),
        ]);
        return {
          recipe,
          leaves: Object.fromEntries(trace.components.map((c) => [c.name, c.leaves])),
        };
      };
      const expected = compareRecipes(await side(DEMO), await side(OTHER.replaceAll('b.', '')));
      const { components, constraints, values } = expected;
      expect(await cells(page, '#compare-components-table', 0)).toEqual([
        ...components.added.map((c) => c.name),
        ...components.removed.map((c) => c.name),
        ...components.changed.map((c) => c.name),
      ]);
      expect(await cells(page, '#compare-constraints-table', 0)).toEqual([
        ...constraints.added.map((c) => c.name),
        ...constraints.removed.map((c) => c.name),
        ...constraints.changed.map((c) => c.name),
      ]);
      expect(await cells(page, '#compare-values-table', 1)).toEqual(
        values.map((difference) => difference.path.join('.')),
      );
      expect(values.length).toBeGreaterThan(0);
      await shoot(page, 'compare', DOCS_WINDOW);
      await page.close();
    });

    it('takes the demo’s snapshot dropped on the page: the driver lock and the validation, failures first', async () => {
      const page = await open('/snapshot?intent=training');
      await page.waitForSelector('.dropzone');
      const text = readFileSync(SNAPSHOT, 'utf8');
      const transfer = await page.evaluateHandle((yaml) => {
        const data = new DataTransfer();
        data.items.add(new File([yaml], 'eks-h100-snapshot.yaml', { type: 'application/yaml' }));
        return data;
      }, text);
      await page.dispatchEvent('.dropzone', 'drop', { dataTransfer: transfer });
      await settled(page, '#validation-table tbody tr');

      const recipe = await api<RecipeResult>('/v1/recipe?intent=training', {
        method: 'POST',
        body: text,
        headers: { 'content-type': 'application/yaml' },
      });
      const validation = await api<ValidationResult>('/v1/validate', {
        method: 'POST',
        body: JSON.stringify({ recipe, snapshot: (await import('js-yaml')).load(text) }),
        headers: { 'content-type': 'application/json' },
      });
      const driver = /^\s+driver: (\S+)$/m.exec(text)?.[1];
      expect(await cells(page, '#locks-table', 1)).toEqual(['driver.version']);
      expect(await cells(page, '#locks-table', 2)).toEqual([driver]);
      const statuses = (await cells(page, '#validation-table', 0)).map((s) => s.split(' ')[0]);
      const rank = { failed: 0, skipped: 1, passed: 2 } as Record<string, number>;
      expect(statuses).toEqual([...statuses].sort((a, b) => (rank[a!] ?? 3) - (rank[b!] ?? 3)));
      expect([...(await cells(page, '#validation-table', 1))].sort()).toEqual(
        validation.results.map((r) => r.name).sort(),
      );
      expect(await page.innerText('#validation-summary')).toContain(
        `${validation.summary.failed} failed`,
      );
      expect(await cells(page, '#components-table', 1)).toEqual(recipe.deploymentOrder);
      await shoot(page, 'snapshot', DOCS_WINDOW);
      await page.close();
    });

    it('puts the failures of a node that does not fit the recipe first', async () => {
      const page = await open('/snapshot?service=eks&accelerator=h100&intent=training');
      await page.setInputFiles('#snapshot-file', fixturePath('aicr/snapshot-b200.yaml'));
      await settled(page, '#validation-table tbody tr');
      const statuses = (await cells(page, '#validation-table', 0)).map((s) => s.split(' ')[0]);
      expect(statuses[0]).toBe('failed');
      expect(statuses.lastIndexOf('failed')).toBeLessThan(
        statuses.findIndex((s) => s !== 'failed'),
      );
      expect(await page.innerText('#validation-summary')).toMatch(/^fail:/);
      await shoot(page, 'snapshot-failures');
      await page.close();
    });

    it('downloads the bundle for the chosen deployer and node scheduling, and its checksums hold', async () => {
      const options = 'deployer=argocd&accelerated-node-selector=nodeGroup%3Dgpu';
      const page = await open(`/recipe?${DEMO}&${options}`);
      await settled(page, '#components-table tbody tr');
      expect(await page.inputValue('#bundle-deployer')).toBe('argocd');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('#bundle-download'),
      ]);
      expect(download.suggestedFilename()).toBe('cns-bundle-eks-h100-ubuntu-training-argocd.zip');
      const zip = readFileSync((await download.path()) ?? '');
      const entries = await unzip(zip);
      const checksums = entries.get('checksums.txt')?.toString() ?? '';
      const lines = checksums.trim().split('\n');
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) {
        const [sum, path] = line.split(/ {2}/);
        const body = entries.get(path ?? '');
        expect(body, path).toBeDefined();
        expect(createHash('sha256').update(body!).digest('hex'), path).toBe(sum);
      }
      const values = entries.get('gpu-operator/values.yaml')?.toString() ?? '';
      expect(values).toContain('nodeGroup: gpu');
      await page.waitForSelector('text=/Saved cns-bundle/');
      await shootSection(page, 'bundle');
      await shoot(page, 'bundle');
      await page.close();
    });

    it('shows an API error as the API says it, with its request id', async () => {
      const page = await browser.context.newPage();
      const [answer] = await Promise.all([
        page.waitForResponse((response) => response.url().includes('/v1/recipe?')),
        page.goto(`${cnsd.url}/recipe?service=ecs`),
      ]);
      const body = (await answer.json()) as { message: string; requestId: string };
      await page.waitForSelector('.error');
      expect(await page.innerText('.error strong')).toBe(body.message);
      expect(await page.innerText('.error .request-id')).toBe(answer.headers()['x-request-id']);
      expect(body.requestId).toBe(answer.headers()['x-request-id']);
      await shoot(page, 'error', { width: 1100, height: 420 });
      await page.close();
    });

    it('is labelled, keyboard-usable, readable, steady while loading, and fits a phone', async () => {
      const page = await open(`/recipe?${DEMO}`);
      await settled(page, '#components-table tbody tr');
      // Nothing moves while the page loads: the criteria, then the recipe, fill reserved space.
      expect(await layoutShift(page)).toBe(0);
      const unlabelled = await page.$$eval('select, input, textarea', (controls) =>
        controls
          .filter(
            (c) => (c as HTMLInputElement).labels?.length === 0 && !c.getAttribute('aria-label'),
          )
          .map((c) => c.id || c.outerHTML),
      );
      expect(unlabelled).toEqual([]);
      const contrast = await page.evaluate(lowestContrast);
      expect(contrast.ratio, contrast.where).toBeGreaterThanOrEqual(4.5);

      // Choosing another intent while the page shows a recipe must not move what is already there.
      await page.selectOption('#criteria-intent', 'inference');
      await settled(page, '#components-table tbody tr');
      // Only the rows the new recipe adds move those below them (about 0.02 measured).
      expect(await layoutShift(page)).toBeLessThan(0.05);

      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'Skip to content',
      );
      let focused = '';
      for (let i = 0; i < 6 && focused !== 'Values'; i++) {
        await page.keyboard.press('Tab');
        focused = (await page.evaluate(() => document.activeElement?.textContent)) ?? '';
      }
      expect(focused).toBe('Values');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/values');
      await settled(page, '#values-tree li');
      await page.close();

      const phone = await open(`/recipe?${DEMO}`, PHONE);
      await settled(phone, '#components-table tbody tr');
      expect(await layoutShift(phone)).toBe(0);
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await shoot(phone, 'recipe-phone', PHONE);
      await phone.close();
    });
  },
);

/** The lowest WCAG contrast ratio of any text on the page against its background, and where. */
function lowestContrast(): { ratio: number; where: string } {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const parse = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r = 0, g = 0, b = 0]: number[]) =>
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (element: Element | null): number[] => {
    for (let node = element; node; node = node.parentElement) {
      const rgba = parse(getComputedStyle(node).backgroundColor);
      if (rgba.length === 3 || (rgba[3] ?? 0) > 0) return rgba.slice(0, 3);
    }
    return [255, 255, 255];
  };
  let lowest = { ratio: 21, where: '' };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const element = text.parentElement;
    if (!element || !text.textContent?.trim() || element.closest('svg, .skip, .visually-hidden'))
      continue;
    const [a, b] = [
      luminance(parse(getComputedStyle(element).color)),
      luminance(background(element)),
    ];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < lowest.ratio)
      lowest = {
        ratio,
        where: `${element.tagName}.${element.className}: ${text.textContent.trim()}`,
      };
  }
  return lowest;
}

function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
