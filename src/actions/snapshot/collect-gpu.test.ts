import { describe, expect, it } from 'vitest';
import {
  fixtureHost,
  noCluster,
  realTime,
  type Recording,
} from '../../../test/snapshot/fixture-host.js';
import { gpuCollector } from './collect-gpu.js';
import { runCollectors } from './run-collectors.js';

async function gpuRun(host: string, smi?: readonly Recording[], timeoutMs = 5000) {
  const { files, commands } = fixtureHost(host, smi ? { 'nvidia-smi': smi } : {});
  const [run] = await runCollectors(
    [gpuCollector()],
    { files, commands, openKube: noCluster, ...realTime },
    { timeoutMs },
  );
  return { run: run!, calls: commands.calls };
}

const DRIVER_FAILED =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n\n";

describe('the GPU collector', () => {
  it('runs nvidia-smi -q -x once', async () => {
    const { calls } = await gpuRun('ubuntu-gpu-node');
    expect(calls).toEqual(['nvidia-smi -q -x']);
  });

  it('reports nvidia-smi failing to reach the driver with its own message, and no GPU', async () => {
    const { run } = await gpuRun('h100-minimal', [
      { args: ['-q', '-x'], exitCode: 9, stdout: DRIVER_FAILED },
    ]);
    expect(run).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining(
        "no NVIDIA GPU found: nvidia-smi exited with code 9: NVIDIA-SMI has failed because it couldn't communicate",
      ),
    });
  });

  it('keeps the kernel driver facts when nvidia-smi fails, and records why smi is missing', async () => {
    const { run } = await gpuRun('ubuntu-gpu-node', [
      { args: ['-q', '-x'], exitCode: 6, stdout: 'No devices were found\n' },
    ]);
    expect(run.status).toBe('ok');
    expect(run.subtypes.map((s) => s.subtype)).toEqual(['driver']);
    expect(run.missing).toEqual([
      { part: 'smi', reason: 'nvidia-smi exited with code 6: No devices were found' },
    ]);
  });

  it('records output that is not an nvidia-smi log as a missing part with the parse error', async () => {
    const { run } = await gpuRun('ubuntu-gpu-node', [
      { args: ['-q', '-x'], stdout: '<?xml version="1.0"?><nvidia_smi_log><gpu>' },
    ]);
    expect(run.missing).toEqual([
      { part: 'smi', reason: expect.stringContaining('not valid XML') },
    ]);
  });

  it('records a log listing no GPUs as missing GPUs', async () => {
    const { run } = await gpuRun('h100-minimal', [
      {
        args: ['-q', '-x'],
        stdout:
          '<nvidia_smi_log><driver_version>580.1</driver_version><attached_gpus>0</attached_gpus></nvidia_smi_log>',
      },
    ]);
    expect(run).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('nvidia-smi lists no GPUs'),
    });
  });

  it('fails alone when nvidia-smi hangs past the timeout', async () => {
    // The recording answers only after ten minutes: a run that did not stop it at the 200 ms timeout
    // would outlast the test's own time limit and fail it.
    const { run } = await gpuRun(
      'h100-minimal',
      [{ args: ['-q', '-x'], stdout: '', delayMs: 600_000 }],
      200,
    );
    expect(run).toMatchObject({ status: 'failed', reason: 'did not finish within 200 ms' });
  });
});
