import { describe, expect, it } from 'vitest';
import {
  detectKubeConfig,
  SERVICE_ACCOUNT_DIR,
  SERVICE_ACCOUNT_TOKEN,
} from './detect-kube-config.js';

const having =
  (...paths: string[]) =>
  (path: string): Promise<boolean> =>
    Promise.resolve(paths.includes(path));

describe('detectKubeConfig', () => {
  it.each([
    [
      'KUBECONFIG wins and keeps only the files that exist',
      { KUBECONFIG: '/a/config:/b/config', KUBERNETES_SERVICE_HOST: '10.0.0.1' },
      having('/b/config', '/home/u/.kube/config', SERVICE_ACCOUNT_TOKEN),
      { kind: 'kubeconfig', paths: ['/b/config'] },
    ],
    [
      'a KUBECONFIG naming no existing file means no configuration, as kubectl treats it',
      { KUBECONFIG: '/missing' },
      having('/home/u/.kube/config'),
      undefined,
    ],
    [
      '~/.kube/config is used without KUBECONFIG',
      {},
      having('/home/u/.kube/config'),
      { kind: 'kubeconfig', paths: ['/home/u/.kube/config'] },
    ],
    [
      'the service account is used inside a pod',
      { KUBERNETES_SERVICE_HOST: '10.96.0.1' },
      having(SERVICE_ACCOUNT_TOKEN),
      { kind: 'in-cluster', host: '10.96.0.1', port: '443', credentials: SERVICE_ACCOUNT_DIR },
    ],
    [
      'a service host without a token is not a cluster',
      { KUBERNETES_SERVICE_HOST: '10.96.0.1' },
      having(),
      undefined,
    ],
    ['nothing configured is no cluster', {}, having(), undefined],
  ])('%s', async (_name, env, exists, expected) => {
    expect(await detectKubeConfig({ env, homeDir: '/home/u', exists })).toEqual(expected);
  });

  it('takes --kubeconfig over everything else, whether or not the file exists', async () => {
    expect(
      await detectKubeConfig({
        env: { KUBECONFIG: '/a/config' },
        homeDir: '/home/u',
        kubeconfig: '/given/config',
        exists: having('/a/config'),
      }),
    ).toEqual({ kind: 'kubeconfig', paths: ['/given/config'] });
  });

  it('looks for the service account under the pod root it is given', async () => {
    expect(
      await detectKubeConfig({
        env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443' },
        homeDir: undefined,
        podRoot: '/tmp/pod',
        exists: having(`/tmp/pod${SERVICE_ACCOUNT_TOKEN}`),
      }),
    ).toEqual({
      kind: 'in-cluster',
      host: '127.0.0.1',
      port: '6443',
      credentials: `/tmp/pod${SERVICE_ACCOUNT_DIR}`,
    });
  });
});
