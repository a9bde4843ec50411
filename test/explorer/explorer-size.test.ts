/**
 * The explorer's weight, as `npm run build` leaves it in dist/explorer: all of its JavaScript under
 * 150 KB gzipped, every asset named by content hash (so it can be cached for good), and nothing in the
 * page that loads from anywhere but the server that served it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cli/run-cli-in-process.js';

const DIR = `${REPO_ROOT}dist/explorer`;
const BUILT = existsSync(`${DIR}/index.html`);
if (!BUILT && process.env.CI) throw new Error('dist/explorer is missing: npm test builds it first');

describe.skipIf(!BUILT)('the built explorer (dist/explorer)', () => {
  const assets = BUILT ? readdirSync(`${DIR}/assets`) : [];
  const index = BUILT ? readFileSync(`${DIR}/index.html`, 'utf8') : '';

  it('ships under 150 KB of JavaScript, gzipped', () => {
    const gzipped = assets
      .filter((name) => name.endsWith('.js'))
      .reduce(
        (sum, name) => sum + gzipSync(readFileSync(`${DIR}/assets/${name}`), { level: 9 }).length,
        0,
      );
    expect(gzipped).toBeGreaterThan(1000);
    expect(gzipped).toBeLessThan(150 * 1024);
  });

  it('names every asset by its content hash, and the page names the ones it loads', () => {
    for (const name of assets) expect(name).toMatch(/^[a-z]+-[A-Z0-9]{8}\.(js|css)$/);
    const named = [...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]);
    expect(named.length).toBe(2);
    for (const name of named) expect(assets).toContain(name);
  });

  it('loads nothing from elsewhere: no absolute URL in the page or its assets, and a CSP that says so', () => {
    expect(index).toContain("default-src 'self'");
    for (const text of [
      index,
      ...assets.map((name) => readFileSync(`${DIR}/assets/${name}`, 'utf8')),
    ])
      expect(text).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  });
});
