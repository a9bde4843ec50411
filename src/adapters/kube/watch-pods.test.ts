/**
 * The watch loop against a small HTTP server that speaks the API server's list and watch protocol
 * (a list with a resourceVersion; a watch stream of JSON lines; an ERROR event with a 410 Status
 * when the version has expired): the one condition a real server cannot be made to produce on
 * demand. The real server's re-watch on a closed stream is tested in test/kube/watch-pods.test.ts.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { connectKube } from './kube-connection.js';
import { watchPods } from './watch-pods.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pod = (name: string, phase: string, resourceVersion: string) => ({
  metadata: { name, resourceVersion, labels: { a: 'b' } },
  spec: { containers: [{ name: 'agent', image: 'x' }] },
  status: { phase },
});

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** Serves a list at version 10, a watch from 10 that ends in 410 Gone, then a list at version 20. */
async function expiringApiServer(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  let lists = 0;
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const watching = url.searchParams.get('watch') === 'true';
    requests.push(
      `${watching ? 'watch' : 'list'}@${url.searchParams.get('resourceVersion') ?? ''}`,
    );
    response.setHeader('content-type', 'application/json');
    if (!watching) {
      lists++;
      const items =
        lists === 1
          ? [pod('a', 'Pending', '9')]
          : [pod('a', 'Running', '15'), pod('b', 'Pending', '18')];
      response.end(
        JSON.stringify({
          kind: 'PodList',
          apiVersion: 'v1',
          metadata: { resourceVersion: lists === 1 ? '10' : '20' },
          items,
        }),
      );
      return;
    }
    if (url.searchParams.get('resourceVersion') === '10') {
      response.write(
        `${JSON.stringify({ type: 'MODIFIED', object: pod('a', 'Running', '11') })}\n`,
      );
      response.end(
        `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version: 10 (12)' } })}\n`,
      );
      return;
    }
    response.write(`${JSON.stringify({ type: 'ADDED', object: pod('c', 'Pending', '21') })}\n`);
    // Held open, as a watch is, until the client goes away.
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    requests,
  };
}

describe('watchPods', () => {
  it('lists again when the version it watches from has expired (410 Gone), and goes on watching', async () => {
    const { url, requests } = await expiringApiServer();
    const dir = mkdtempSync(join(tmpdir(), 'cns-watch-'));
    writeFileSync(
      join(dir, 'config'),
      `apiVersion: v1\nkind: Config\nclusters: [{ name: fake, cluster: { server: "${url}", insecure-skip-tls-verify: true } }]\nusers: [{ name: u, user: { token: t } }]\ncontexts: [{ name: fake, context: { cluster: fake, user: u } }]\ncurrent-context: fake\n`,
    );
    const kube = await connectKube({
      env: {},
      homeDir: undefined,
      selection: { kubeconfig: join(dir, 'config') },
    });
    const controller = new AbortController();
    const seen: string[] = [];
    try {
      for await (const { pods } of watchPods(
        kube,
        { namespace: 'ns', labelSelector: 'a=b' },
        controller.signal,
        { retryDelaysMs: [10] },
      )) {
        seen.push(
          [...pods.values()]
            .map((p) => `${p.metadata?.name}:${p.status?.phase}`)
            .sort()
            .join(' '),
        );
        if (pods.has('c')) controller.abort();
      }
    } catch (error) {
      expect(error).toMatchObject({ code: 'CANCELLED' });
    }
    expect(requests.slice(0, 4)).toEqual(['list@', 'watch@10', 'list@', 'watch@20']);
    expect(seen.at(-1)).toBe('a:Running b:Pending c:Pending');
    expect(seen).toContain('a:Running');
  });
});
