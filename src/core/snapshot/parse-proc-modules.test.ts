import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProcModules } from './parse-proc-modules.js';

const h100 = readFileSync(
  new URL('../../../test/fixtures/h100-node/proc-modules.txt', import.meta.url),
  'utf8',
);

describe('parseProcModules', () => {
  it('reads the module names of the real H100 capture', () => {
    expect(parseProcModules(h100)).toEqual(['nvidia_uvm', 'nvidia']);
  });

  it.each([
    ['an empty file has no modules', '', []],
    ['blank lines are skipped', '\nxt_conntrack 12288 1 - Live 0x0\n\n', ['xt_conntrack']],
    [
      'dependency lists and taint flags do not become names',
      'nvidia_drm 122880 2 - Live 0x0 (POE)\nnvidia_modeset 1355776 1 nvidia_drm, Live 0x0 (POE)',
      ['nvidia_drm', 'nvidia_modeset'],
    ],
    ['leading whitespace is tolerated', '  overlay 212992 0 - Live 0x0', ['overlay']],
  ])('%s', (_name, text, expected) => {
    expect(parseProcModules(text)).toEqual(expected);
  });
});
