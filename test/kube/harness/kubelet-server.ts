/**
 * The kubelet's HTTPS endpoint, the part the API server reaches for `kubectl logs`: it proxies
 * GET /api/v1/namespaces/NS/pods/POD/log to https://<node's InternalIP>:<kubeletEndpoint port>/
 * containerLogs/NS/POD/CONTAINER?tailLines=N. Served with a self-signed certificate, as a kubelet
 * whose serving certificate is not CA-signed would be.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubeletServer {
  readonly port: number;
  close(): Promise<void>;
}

let certificate: { key: string; cert: string } | undefined;

function selfSigned(): { key: string; cert: string } {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'cns-kubelet-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    certificate = {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
    return certificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves container logs from `logOf(namespace, pod)`. */
export async function startKubeletServer(
  logOf: (namespace: string, pod: string) => string | undefined,
): Promise<KubeletServer> {
  const server: Server = createServer(selfSigned(), (request, response) => {
    const url = new URL(request.url ?? '/', 'https://kubelet');
    const match = /^\/containerLogs\/([^/]+)\/([^/]+)\/[^/]+$/.exec(url.pathname);
    const log = match
      ? logOf(decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? ''))
      : undefined;
    if (log === undefined) {
      response.writeHead(404).end('container not found');
      return;
    }
    const tail = Number(url.searchParams.get('tailLines') ?? NaN);
    const lines = log.split('\n');
    if (lines.at(-1) === '') lines.pop();
    const shown =
      !Number.isInteger(tail) || tail < 0 ? lines : tail === 0 ? [] : lines.slice(-tail);
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(shown.length > 0 ? `${shown.join('\n')}\n` : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
