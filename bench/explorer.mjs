// The recipe explorer in a real headless chromium (Debian's, as the browser tests use it) against the
// built cnsd on loopback: the JavaScript it ships (gzipped), and, over BENCH_RUNS (default 20) fresh
// page loads of the demo's recipe link, the time from the API's answer to the recipe on screen (the
// page's own Performance API measure, cns:recipe-render), the time from navigation to that render,
// the same render after changing one criterion on a loaded page, and the layout shift (CLS) while
// loading and when the new recipe replaces the old, at a laptop's and a phone's width. Run after `npm run build`; CNS_CHROMIUM names another chromium binary.
/* global PerformanceObserver, window */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { importTs, median, percentile, ROOT } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const DEMO = 'service=eks&accelerator=h100&os=ubuntu&intent=training';
const ASSETS = `${ROOT}dist/explorer/assets`;

function shipped() {
  const files = readdirSync(ASSETS).map((name) => {
    const bytes = readFileSync(`${ASSETS}/${name}`);
    return { name, raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (ext, key) =>
    files.filter((f) => f.name.endsWith(ext)).reduce((total, f) => total + f[key], 0);
  return {
    files,
    js: sum('.js', 'gzipped'),
    jsRaw: sum('.js', 'raw'),
    css: sum('.css', 'gzipped'),
  };
}

/** bin/cnsd.mjs on a free loopback port; the URL is the one it prints for the explorer. */
function startCnsd() {
  const child = spawn(process.execPath, [`${ROOT}bin/cnsd.mjs`, '--port', '0'], {
    env: { ...process.env, CNSD_RATE_LIMIT_MAX: '0', CNSD_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let printed = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      printed += chunk;
      const match = /recipe explorer at (http:\/\/\S+?)\/?\n/.exec(printed);
      if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`cnsd exited ${code}: ${printed}`)));
  });
}

async function settled(page) {
  await page.waitForSelector('#components-table tbody tr');
  await page.waitForSelector('.results[aria-busy="false"]');
}

const renders = () =>
  performance.getEntriesByName('cns:recipe-render', 'measure').map((m) => m.duration);

const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

async function loadOnce(context, url, viewport = LAPTOP) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.addInitScript(() => {
    window.cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${url}/recipe?${DEMO}`);
  await settled(page);
  const first = await page.evaluate(() => ({
    render: performance.getEntriesByName('cns:recipe-render', 'measure')[0]?.duration,
    toScreen: performance.getEntriesByName('cns:recipe-rendered', 'mark')[0]?.startTime,
    loadCls: window.cls,
  }));
  await page.selectOption('#criteria-intent', 'inference');
  await page.waitForFunction(
    () => performance.getEntriesByName('cns:recipe-render', 'measure').length >= 2,
  );
  await settled(page);
  const [, again] = await page.evaluate(renders);
  const changeCls = (await page.evaluate(() => window.cls)) - first.loadCls;
  await page.close();
  return { ...first, again, changeCls };
}

const ms = (values) =>
  `median ${median(values).toFixed(1)} ms, p90 ${percentile(values, 90).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;

const size = shipped();
console.log(
  `JavaScript: ${(size.js / 1024).toFixed(1)} KiB gzipped (${(size.jsRaw / 1024).toFixed(1)} KiB raw), CSS ${(size.css / 1024).toFixed(1)} KiB gzipped`,
);
for (const file of size.files)
  console.log(`  ${file.name}: ${file.raw} bytes, ${file.gzipped} gzipped`);

const { HAVE_CHROMIUM, launchBrowser } = await importTs('test/explorer/browser.ts');
if (HAVE_CHROMIUM) await browserFigures(launchBrowser);
else
  console.log(
    'no chromium (apt-get install chromium, or CNS_CHROMIUM=...): browser figures skipped',
  );

async function browserFigures(launchBrowser) {
  const [cnsd, browser] = await Promise.all([startCnsd(), launchBrowser()]);
  try {
    await loadOnce(browser.context, cnsd.url); // warm: the recipe cache, chromium's own start
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await loadOnce(browser.context, cnsd.url));
    console.log(`${RUNS} page loads of /recipe?${DEMO}, load average ${loadavg()[0].toFixed(1)}:`);
    console.log(`  API answered → recipe rendered, first render: ${ms(runs.map((r) => r.render))}`);
    console.log(`  navigation → recipe rendered: ${ms(runs.map((r) => r.toScreen))}`);
    console.log(
      `  API answered → recipe rendered, criteria changed: ${ms(runs.map((r) => r.again))}`,
    );
    const phone = [];
    for (let i = 0; i < Math.ceil(RUNS / 4); i++)
      phone.push(await loadOnce(browser.context, cnsd.url, PHONE));
    const worst = (list, key) => Math.max(...list.map((r) => r[key])).toFixed(4);
    console.log(
      `  layout shift while loading (CLS), worst run: ${worst(runs, 'loadCls')} at ${LAPTOP.width} px, ${worst(phone, 'loadCls')} at ${PHONE.width} px (${phone.length} loads)`,
    );
    console.log(
      `  layout shift when another intent's recipe replaces it, worst run: ${worst(runs, 'changeCls')} at ${LAPTOP.width} px, ${worst(phone, 'changeCls')} at ${PHONE.width} px`,
    );
  } finally {
    await browser.close();
    cnsd.stop();
  }
}
