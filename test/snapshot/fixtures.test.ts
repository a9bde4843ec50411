import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMultiGpuXml } from './multi-gpu-xml.js';
import { HOSTS_DIR } from './fixture-host.js';

const capture = readFileSync(
  new URL('../fixtures/h100-node/nvidia-smi-q-x.xml', import.meta.url),
  'utf8',
);

describe('fixture hosts', () => {
  it('keep the 8-GPU nvidia-smi XML equal to what the builder makes from the real capture', () => {
    const path = join(HOSTS_DIR, 'ubuntu-gpu-node/nvidia-smi-q-x.xml');
    const built = buildMultiGpuXml(capture);
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(path, built);
    expect(readFileSync(path, 'utf8')).toBe(built);
  });

  it('keep the minimal host on the real capture, byte for byte', () => {
    expect(readFileSync(join(HOSTS_DIR, 'h100-minimal/nvidia-smi-q-x.xml'), 'utf8')).toBe(capture);
  });
});
