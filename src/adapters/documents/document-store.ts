/**
 * @module Where documents come from and go to, by URI: a file path, `-` (stdin / stdout), an http(s)
 * URL (read only), or a scheme registered by another adapter (`cm://namespace/name` is added by the
 * Kubernetes integration). Callers never branch on the kind of location.
 */
import { readFile } from 'node:fs/promises';
import type { DocumentStore, SchemeHandler } from '../../actions/ports.js';
import { STDIO_LOCATION } from '../../core/shared/document-source.js';
import { CnsError } from '../../core/shared/errors.js';
import { toFsError } from '../fs-errors.js';
import { writeFileAtomically } from '../output/write-file-atomically.js';

export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
const URL_TIMEOUT_MS = 30_000;

/** Standard input and output, which the location `-` names. */
export interface StandardStreams {
  readonly readStdin: () => Promise<string>;
  readonly writeStdout: (text: string) => Promise<void>;
}

export interface DocumentStoreOptions {
  /** Absent where there is no terminal (the server): `-` is then refused. */
  readonly stdio?: StandardStreams;
  readonly schemes?: Readonly<Record<string, SchemeHandler>>;
  /** Names temp files of atomic writes (see writeFileAtomically). */
  readonly processId: number;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export function createDocumentStore(options: DocumentStoreOptions): DocumentStore {
  const schemeOf = (uri: string): string | undefined => SCHEME.exec(uri)?.[1]?.toLowerCase();
  const handlerFor = (uri: string, scheme: string): SchemeHandler => {
    const handler = options.schemes?.[scheme];
    if (handler) return handler;
    const known = [
      'file path',
      '-',
      'http(s)://',
      ...Object.keys(options.schemes ?? {}).map((s) => `${s}://`),
    ];
    const hint = scheme === 'cm' ? ' (ConfigMap access comes with the Kubernetes integration)' : '';
    throw new CnsError(
      'USAGE',
      `${uri}: unsupported location "${scheme}://"${hint}; use one of: ${known.join(', ')}`,
      {
        details: { uri, scheme },
      },
    );
  };
  const stdio = (uri: string): StandardStreams => {
    if (options.stdio) return options.stdio;
    throw new CnsError(
      'USAGE',
      `${uri}: there is no standard input or output here; name a file or URL`,
      {
        details: { uri },
      },
    );
  };
  return {
    async read(uri, signal) {
      if (uri === STDIO_LOCATION) return stdio(uri).readStdin();
      const scheme = schemeOf(uri);
      if (scheme === 'http' || scheme === 'https') return readUrl(uri, signal);
      if (scheme !== undefined && scheme !== 'file')
        return handlerFor(uri, scheme).read(uri, signal);
      const path = scheme === 'file' ? new URL(uri).pathname : uri;
      try {
        const buffer = await readFile(path, signal ? { signal } : {});
        if (buffer.byteLength > MAX_DOCUMENT_BYTES) {
          throw new CnsError(
            'INPUT_SCHEMA',
            `${path}: ${buffer.byteLength} bytes is over the ${MAX_DOCUMENT_BYTES}-byte document limit`,
            {
              details: { path, size: buffer.byteLength },
            },
          );
        }
        return buffer.toString('utf8');
      } catch (error) {
        throw toFsError(error, path, 'read');
      }
    },
    async write(uri, text, signal) {
      if (uri === undefined || uri === STDIO_LOCATION) return stdio('-').writeStdout(text);
      const scheme = schemeOf(uri);
      if (scheme === 'http' || scheme === 'https') {
        throw new CnsError(
          'USAGE',
          `${uri}: cannot write to a URL; write to a file, - or a registered location`,
          { details: { uri } },
        );
      }
      if (scheme !== undefined && scheme !== 'file')
        return handlerFor(uri, scheme).write(uri, text, signal);
      return writeFileAtomically(scheme === 'file' ? new URL(uri).pathname : uri, text, options);
    },
  };
}

async function readUrl(url: string, signal?: AbortSignal): Promise<string> {
  const timeout = AbortSignal.timeout(URL_TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { signal: combined, redirect: 'follow' });
  } catch (error) {
    if (signal?.aborted) throw new CnsError('CANCELLED', `${url}: cancelled`, { cause: error });
    if (timeout.aborted) {
      throw new CnsError('TIMEOUT', `${url}: no answer within ${URL_TIMEOUT_MS / 1000} s`, {
        details: { url },
        cause: error,
      });
    }
    const reason =
      (error as { cause?: { code?: string } }).cause?.code ??
      (error instanceof Error ? error.message : String(error));
    throw new CnsError('CLUSTER_UNREACHABLE', `${url}: cannot connect (${reason})`, {
      details: { url },
      cause: error,
    });
  }
  if (!response.ok) {
    const code =
      response.status === 404
        ? 'NOT_FOUND'
        : response.status === 401 || response.status === 403
          ? 'FORBIDDEN'
          : 'UNAVAILABLE';
    throw new CnsError(code, `${url}: HTTP ${response.status} ${response.statusText}`.trim(), {
      details: { url, status: response.status },
    });
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_DOCUMENT_BYTES) {
    throw new CnsError(
      'INPUT_SCHEMA',
      `${url}: ${length} bytes is over the ${MAX_DOCUMENT_BYTES}-byte document limit`,
      {
        details: { url, size: length },
      },
    );
  }
  return response.text();
}
