import { describe, expect, it } from 'vitest';
import { CnsError } from '../../core/shared/errors.js';
import { noCluster, realTime } from '../../../test/snapshot/fixture-host.js';
import type { Collector, CollectorOutput } from './collector.js';
import { runCollectors, type RunCollectorsDeps } from './run-collectors.js';

const ports = {
  files: {},
  commands: {},
  openKube: noCluster,
  ...realTime,
} as unknown as RunCollectorsDeps;
const data = { subtypes: [{ subtype: 's', data: { k: 'v' } }], missing: [] };

function collector(
  name: string,
  collect: (signal: AbortSignal) => Promise<CollectorOutput>,
): Collector {
  return { name, type: 'OS', collect: (_ports, signal) => collect(signal) };
}

const after = <T>(ms: number, value: T): Promise<T> =>
  new Promise((r) => setTimeout(() => r(value), ms));

describe('runCollectors', () => {
  it.each([
    ['a collector that returns subtypes is ok', () => Promise.resolve(data), { status: 'ok' }],
    [
      'an UNAVAILABLE error is unavailable, with its message as the reason',
      () => Promise.reject(new CnsError('UNAVAILABLE', 'nvidia-smi not found on the host')),
      { status: 'unavailable', reason: 'nvidia-smi not found on the host' },
    ],
    [
      'a permission error is unavailable',
      () => Promise.reject(new CnsError('FORBIDDEN', '/proc/modules: permission denied')),
      { status: 'unavailable', reason: '/proc/modules: permission denied' },
    ],
    [
      'any other error is failed, with the first line of its message',
      () => Promise.reject(new Error('unexpected token\n  at parse')),
      { status: 'failed', reason: 'unexpected token' },
    ],
    [
      'a collector that finds nothing is unavailable with the reasons of its parts',
      () => Promise.resolve({ subtypes: [], missing: [{ part: 'smi', reason: 'absent' }] }),
      { status: 'unavailable', reason: 'smi: absent' },
    ],
  ])('%s', async (_name, collect, expected) => {
    const [run] = await runCollectors([collector('c', collect)], ports, { timeoutMs: 1000 });
    expect(run).toMatchObject(expected);
  });

  it('runs collectors at the same time: each one finishes only after all have started', async () => {
    // Run one after another, the first would wait for the others until its timeout and fail.
    let started = 0;
    let allStarted: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (allStarted = resolve));
    const runs = await runCollectors(
      [1, 2, 3, 4].map((n) =>
        collector(`c${n}`, async () => {
          if (++started === 4) allStarted();
          await barrier;
          return data;
        }),
      ),
      ports,
      { timeoutMs: 1000 },
    );
    expect(runs.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('fails only the collector past its timeout, even one that ignores its signal', async () => {
    // `stuck` never settles, so the run returning at all proves it did not wait for it.
    const runs = await runCollectors(
      [
        collector('stuck', () => new Promise<CollectorOutput>(() => undefined)),
        collector('quick', () => Promise.resolve(data)),
      ],
      ports,
      { timeoutMs: 150 },
    );
    expect(runs.map((r) => [r.collector.name, r.status, r.reason])).toEqual([
      ['stuck', 'failed', 'did not finish within 150 ms'],
      ['quick', 'ok', undefined],
    ]);
  });

  it('gives each collector a signal that aborts at its timeout', async () => {
    let seen: AbortSignal | undefined;
    await runCollectors(
      [
        collector('watcher', (signal) => {
          seen = signal;
          return after(400, data);
        }),
      ],
      ports,
      { timeoutMs: 100 },
    );
    expect(seen?.aborted).toBe(true);
  });

  it('rejects with CANCELLED when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      runCollectors([collector('slow', () => after(5000, data))], ports, {
        timeoutMs: 10_000,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
