import { describe, expect, it } from 'vitest';
import { CnsError } from '../../core/shared/errors.js';
import { toKubeError, type KubeCall } from './kube-errors.js';

const call: KubeCall = {
  cluster: 'cluster "prod" (https://10.0.0.1:6443)',
  verb: 'create',
  resource: 'jobs.batch',
  namespace: 'gpu-operator',
  name: 'cns-agent',
};
/** What client-node throws for an HTTP error: ApiException, its body the Status as a JSON string. */
const api = (code: number, message = '', reason = '') =>
  Object.assign(new Error(`HTTP-Code: ${code}`), {
    code,
    body: JSON.stringify({ kind: 'Status', status: 'Failure', message, reason, code }),
    headers: {},
  });
/** What node-fetch throws for a failed connection: a FetchError with the errno code. */
const fetchError = (code: string) =>
  Object.assign(new Error(`request failed, reason: ${code}`), {
    type: 'system',
    code,
    errno: code,
  });

describe('toKubeError', () => {
  it.each<[string, unknown, string, RegExp]>([
    [
      '401',
      api(401, 'Unauthorized', 'Unauthorized'),
      'FORBIDDEN',
      /credentials were refused \(401 Unauthorized\) trying to create jobs.batch "cns-agent" in namespace "gpu-operator"; check the kubeconfig's user/,
    ],
    [
      '403',
      api(403, 'jobs.batch is forbidden: User "alice" cannot create resource "jobs"', 'Forbidden'),
      'FORBIDDEN',
      /not allowed to create jobs.batch "cns-agent" in namespace "gpu-operator" \(403 Forbidden: jobs.batch is forbidden: User "alice" cannot create resource "jobs"\); ask a cluster admin/,
    ],
    [
      '404',
      api(404, 'namespaces "gpu-operator" not found', 'NotFound'),
      'NOT_FOUND',
      /cannot create jobs.batch .*: not found: namespaces "gpu-operator" not found/,
    ],
    [
      '409',
      api(409, 'jobs.batch "cns-agent" already exists', 'AlreadyExists'),
      'CONFLICT',
      /conflict: jobs.batch "cns-agent" already exists/,
    ],
    [
      '422',
      api(422, 'Job.batch "cns-agent" is invalid', 'Invalid'),
      'USAGE',
      /the server refused to create .*: Job.batch "cns-agent" is invalid/,
    ],
    ['429', api(429, 'too many requests'), 'UNAVAILABLE', /throttling requests \(429\)/],
    [
      '500',
      api(500, 'etcdserver: request timed out'),
      'UNAVAILABLE',
      /the server failed \(HTTP 500\) .*; check the API server's health/,
    ],
    ['504', api(504, 'timeout'), 'TIMEOUT', /timed out \(504\)/],
    [
      'a refused connection',
      fetchError('ECONNREFUSED'),
      'CLUSTER_UNREACHABLE',
      /cannot connect \(connection refused\); check that the API server is up and that the kubeconfig's server address is right/,
    ],
    ['an unknown host', fetchError('ENOTFOUND'), 'CLUSTER_UNREACHABLE', /host not found/],
    [
      'an untrusted certificate',
      fetchError('SELF_SIGNED_CERT_IN_CHAIN'),
      'CLUSTER_UNREACHABLE',
      /TLS certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\); check the kubeconfig's certificate-authority-data/,
    ],
    [
      'a failed watch',
      Object.assign(new Error('Forbidden'), { statusCode: 403 }),
      'FORBIDDEN',
      /403 Forbidden/,
    ],
  ])('maps %s to %s, one line naming the cluster', (_name, error, code, message) => {
    const mapped = toKubeError(error, call);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toMatch(/^cluster "prod" \(https:\/\/10\.0\.0\.1:6443\): /);
    expect(mapped.message).toMatch(message);
    expect(mapped.message).not.toContain('\n');
  });

  it('keeps the API server’s reason for callers that act on it (AlreadyExists)', () => {
    expect(toKubeError(api(409, 'exists', 'AlreadyExists'), call).details).toMatchObject({
      reason: 'AlreadyExists',
      status: 409,
    });
  });

  it('tells a timeout from Ctrl-C by why the signal aborted', () => {
    const abort = Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' });
    const timedOut = AbortSignal.abort(new DOMException('time', 'TimeoutError'));
    const cancelled = AbortSignal.abort(new DOMException('interrupted', 'AbortError'));
    expect(toKubeError(abort, call, timedOut).code).toBe('TIMEOUT');
    expect(toKubeError(abort, call, cancelled).code).toBe('CANCELLED');
  });

  it('leaves a CnsError as it is', () => {
    const error = new CnsError('USAGE', 'x');
    expect(toKubeError(error, call)).toBe(error);
  });
});
