import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSystemdShow } from './parse-systemd-show.js';

const fixture = (unit: string): string =>
  readFileSync(
    new URL(`../../../test/fixtures/hosts/ubuntu-gpu-node/systemd/${unit}.txt`, import.meta.url),
    'utf8',
  );

const notFound = (unit: string): string =>
  [
    'Restart=no',
    `Id=${unit}`,
    `Names=${unit}`,
    `Description=${unit}`,
    'LoadState=not-found',
    'ActiveState=inactive',
    `LoadError=org.freedesktop.systemd1.NoSuchUnit "Unit ${unit} not found."`,
    '',
  ].join('\n');

describe('parseSystemdShow', () => {
  it('splits the blocks of several units and leaves out a unit that is not installed', () => {
    const text = [
      fixture('containerd.service'),
      notFound('docker.service'),
      fixture('kubelet.service'),
    ].join('\n');
    const units = parseSystemdShow(text, [
      'containerd.service',
      'docker.service',
      'kubelet.service',
    ]);
    expect(units.map((u) => u.unit)).toEqual(['containerd.service', 'kubelet.service']);
    expect(units[0]?.properties).toMatchObject({
      CPUAccounting: 'yes',
      MemoryAccounting: 'yes',
      Delegate: 'yes',
      ActiveState: 'active',
      Documentation: '"https://containerd.io"',
    });
    expect(units[1]?.properties.FragmentPath).toBe('/etc/systemd/system/kubelet.service');
  });

  it('keeps a value that itself contains = signs whole', () => {
    const [unit] = parseSystemdShow('Id=a.service\nLoadState=loaded\nEnvironment=A=1 B=2\n', [
      'a.service',
    ]);
    expect(unit?.properties.Environment).toBe('A=1 B=2');
  });

  it('matches a block by its Names when the unit was asked for by an alias', () => {
    const text = 'Id=containerd.service\nNames=containerd.service cri.service\nLoadState=loaded\n';
    expect(parseSystemdShow(text, ['cri.service'])).toEqual([
      { unit: 'cri.service', properties: expect.objectContaining({ Id: 'containerd.service' }) },
    ]);
  });

  it('falls back to argument order when a block has no Id', () => {
    const text = 'LoadState=loaded\nType=simple\n\nLoadState=loaded\nType=notify\n';
    const units = parseSystemdShow(text, ['one.service', 'two.service']);
    expect(units.map((u) => [u.unit, u.properties.Type])).toEqual([
      ['one.service', 'simple'],
      ['two.service', 'notify'],
    ]);
  });

  it.each([
    ['empty output has no units', ''],
    ['a block without LoadState is not treated as installed', 'Id=x.service\nType=simple\n'],
    ['lines that are not properties are ignored', 'warning: something odd\n'],
  ])('%s', (_name, text) => {
    expect(parseSystemdShow(text, ['x.service'])).toEqual([]);
  });

  it('tolerates CRLF line endings', () => {
    const [unit] = parseSystemdShow('Id=x.service\r\nLoadState=masked\r\n', ['x.service']);
    expect(unit?.properties.LoadState).toBe('masked');
  });
});
