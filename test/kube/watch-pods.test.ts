/**
 * The pod watch against a real kube-apiserver: when the server closes the watch (its timeout, as it
 * does every few minutes), the loop watches again from the last version it saw, missing nothing.
 */
import { expect, it } from 'vitest';
import { connectKube } from '../../src/adapters/kube/kube-connection.js';
import { watchPods } from '../../src/adapters/kube/watch-pods.js';
import {
  clients,
  createNamespace,
  describeCluster,
  KUBECONFIG,
  auditEvents,
} from './test-cluster.js';

describeCluster('watchPods on a real API server', { timeout: 30_000 }, () => {
  it('watches again after the server closes the watch, and sees what happened in between', async () => {
    const namespace = await createNamespace('watch');
    const kube = await connectKube({
      env: {},
      homeDir: undefined,
      selection: { kubeconfig: KUBECONFIG, context: 'admin' },
    });
    const api = clients();
    const controller = new AbortController();
    const before = auditEvents().length;
    const create = (name: string) =>
      api.core.createNamespacedPod({
        namespace,
        body: {
          metadata: { name, labels: { run: 'x' } },
          spec: { containers: [{ name: 'c', image: 'x' }] },
        },
      });
    await create('first');
    const seen: number[] = [];
    let created = false;
    try {
      for await (const { pods } of watchPods(
        kube,
        { namespace, labelSelector: 'run=x' },
        controller.signal,
        { watchTimeoutSeconds: 1 },
      )) {
        seen.push(pods.size);
        if (!created) {
          created = true;
          // Past the first watch's end: only a watch from the last version seen delivers it.
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await create('second');
        }
        if (pods.size === 2) controller.abort();
      }
    } catch (error) {
      expect(error).toMatchObject({ code: 'CANCELLED' });
    }
    expect(seen).toEqual([1, 2]);
    // A watch is recorded when it ends: the one we closed may take the server a moment to log.
    const watches = () =>
      auditEvents()
        .slice(before)
        .filter((e) => e.verb === 'watch' && e.objectRef?.namespace === namespace).length;
    await expect.poll(watches, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const lists = auditEvents()
      .slice(before)
      .filter((e) => e.verb === 'list' && e.objectRef?.namespace === namespace);
    expect(lists.filter((e) => e.user.username === 'admin')).toHaveLength(1);
  });
});
