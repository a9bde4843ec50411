/**
 * @module Where documents come from and go to, by URI: a file path, `-` (stdin / stdout), an http(s)
 * URL (read only), or a scheme registered by another adapter (`cm://namespace/name`, ConfigMaps,
 * from adapters/kube). Callers never branch on the kind of location.
 */
import type { DeferInterrupts, DocumentStore, SchemeHandler } from '../../actions/ports.js';
import { STDIO_LOCATION, sourceName } from '../../core/shared/document-source.js';
import { CnsError } from '../../core/shared/errors.js';
import { writeFileAtomically } from '../output/write-file-atomically.js';
import { collectBounded, readFileBounded, tooLargeError } from '../read-bounded.js';

/** The largest document read from any location; real snapshots and recipes are far smaller. */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** A URL must answer, body included, within this time. */
export const URL_TIMEOUT_MS = 30_000;

/** Standard input and output, which the location `-` names. */
export interface StandardStreams {
  /** Standard input as it arrives; read once, up to the document limit. */
  readonly openStdin: () => AsyncIterable<Uint8Array>;
  /** Resolves once the text is handed to the system; rejects with a CnsError when it cannot be. */
  readonly writeStdout: (text: string) => Promise<void>;
}

export interface DocumentStoreOptions {
  /** Absent where there is no terminal (the server): `-` is then refused. */
  readonly stdio?: StandardStreams;
  readonly schemes?: Readonly<Record<string, SchemeHandler>>;
  /** Names temp files of atomic writes (see writeFileAtomically). */
  readonly processId: number;
  /** Holds interrupts off while an atomic write has a temp file to remove. */
  readonly deferInterrupts?: DeferInterrupts;
  /** Limits; the defaults are MAX_DOCUMENT_BYTES and URL_TIMEOUT_MS (tests shorten them). */
  readonly maxBytes?: number;
  readonly urlTimeoutMs?: number;
}
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export function createDocumentStore(options: DocumentStoreOptions): DocumentStore {
  const maxBytes = options.maxBytes ?? MAX_DOCUMENT_BYTES;
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
    throw new CnsError(
      'USAGE',
      `${uri}: unsupported location "${scheme}://"; use one of: ${known.join(', ')}`,
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
  const refuseEmpty = (uri: string): void => {
    if (uri === '')
      throw new CnsError('USAGE', 'an empty location: give a file path, - or a URL', {
        details: { uri },
      });
  };
  return {
    async read(uri, signal) {
      refuseEmpty(uri);
      if (uri === STDIO_LOCATION) {
        const stdin = stdio(uri).openStdin();
        return (await collectBounded(stdin, sourceName(uri), { maxBytes, signal })).toString(
          'utf8',
        );
      }
      const scheme = schemeOf(uri);
      if (scheme === 'http' || scheme === 'https') {
        return readUrl(uri, {
          maxBytes,
          timeoutMs: options.urlTimeoutMs ?? URL_TIMEOUT_MS,
          signal,
        });
      }
      if (scheme !== undefined && scheme !== 'file')
        return handlerFor(uri, scheme).read(uri, signal);
      const path = scheme === 'file' ? new URL(uri).pathname : uri;
      return (await readFileBounded(path, { maxBytes, signal })).toString('utf8');
    },
    async write(uri, text, signal) {
      if (uri === undefined || uri === STDIO_LOCATION) return stdio('-').writeStdout(text);
      refuseEmpty(uri);
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
      const path = scheme === 'file' ? new URL(uri).pathname : uri;
      return writeFileAtomically(path, text, {
        processId: options.processId,
        ...(options.deferInterrupts ? { deferInterrupts: options.deferInterrupts } : {}),
        ...(signal ? { signal } : {}),
      });
    },
  };
}

interface UrlRead {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** One deadline for the whole response: connecting, headers and every byte of the body. */
async function readUrl(url: string, { maxBytes, timeoutMs, signal }: UrlRead): Promise<string> {
  if (!URL.canParse(url)) {
    throw new CnsError('USAGE', `${url}: not a valid URL`, { details: { url } });
  }
  const deadline = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const failed = (error: unknown): CnsError => {
    if (error instanceof CnsError && error.code !== 'CANCELLED') return error;
    if (signal?.aborted) return new CnsError('CANCELLED', `${url}: cancelled`, { cause: error });
    if (deadline.aborted) {
      return new CnsError(
        'TIMEOUT',
        `${url}: no complete answer within ${timeoutMs / 1000} s (the limit covers the whole body)`,
        { details: { url }, cause: error },
      );
    }
    return connectionError(url, error);
  };
  try {
    const response = await fetch(url, { signal: combined, redirect: 'follow' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw httpStatusError(url, response);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLargeError(url, maxBytes, declared);
    }
    if (response.body === null) return '';
    const body = await collectBounded(response.body, url, { maxBytes, signal: combined });
    return body.toString('utf8');
  } catch (error) {
    throw failed(error);
  }
}

function httpStatusError(url: string, response: Response): CnsError {
  const code =
    response.status === 404
      ? 'NOT_FOUND'
      : response.status === 401 || response.status === 403
        ? 'FORBIDDEN'
        : 'UNAVAILABLE';
  return new CnsError(code, `${url}: HTTP ${response.status} ${response.statusText}`.trim(), {
    details: { url, status: response.status },
  });
}

/** fetch reports every failure as "fetch failed"; the cause says which. */
function connectionError(url: string, error: unknown): CnsError {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const reason = typeof cause?.message === 'string' ? cause.message : '';
  if (/redirect count exceeded/i.test(reason)) {
    return new CnsError(
      'UNAVAILABLE',
      `${url}: too many redirects (a redirect loop?); give the final URL`,
      { details: { url }, cause: error },
    );
  }
  const code =
    typeof cause?.code === 'string'
      ? cause.code
      : reason || (error instanceof Error ? error.message : String(error));
  return new CnsError('CLUSTER_UNREACHABLE', `${url}: cannot connect (${code})`, {
    details: { url },
    cause: error,
  });
}
