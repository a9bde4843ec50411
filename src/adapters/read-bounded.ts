/**
 * @module Reading with a size limit, whatever the source: a regular file is refused by its size before
 * a byte is read (so a 3 GB file never reaches the 2 GiB limit of a Node buffer), and a source of
 * unknown length (standard input, a FIFO, a device such as /dev/zero, a chunked HTTP body) is read
 * chunk by chunk and abandoned as soon as it passes the limit. Both fail with INPUT_TOO_LARGE naming
 * the source and the limit, and stop promptly when the run's signal aborts.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import { CnsError } from '../core/shared/errors.js';
import { toFsError } from './fs-errors.js';

const STREAM_CHUNK_BYTES = 1024 * 1024;

export interface ReadLimit {
  /** Reading fails past this many bytes. */
  readonly maxBytes: number;
  /** Aborts the read (CANCELLED). */
  readonly signal?: AbortSignal | undefined;
}

/** `bytes` for people: 64 MiB, 1 MiB, 512 KiB, 100 bytes. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** The error of a source past its limit; `size` when the source declared it. */
export function tooLargeError(source: string, maxBytes: number, size?: number): CnsError {
  const found = size === undefined ? 'more than' : `${formatBytes(size)}, over`;
  return new CnsError(
    'INPUT_TOO_LARGE',
    `${source}: ${found} the ${formatBytes(maxBytes)} limit; cnsctl stopped reading it`,
    { details: { source, maxBytes, ...(size === undefined ? {} : { size }) } },
  );
}

function cancelledError(source: string, signal: AbortSignal): CnsError {
  return new CnsError('CANCELLED', `${source}: cancelled`, {
    details: { source },
    cause: signal.reason,
  });
}

/**
 * Settles with `work`, or rejects with CANCELLED as soon as `signal` aborts; a result that arrives
 * after that is handed to `discard` (an open file is closed). For waits nothing else can interrupt,
 * such as opening a FIFO that has no writer yet.
 */
export function abortable<T>(
  work: Promise<T>,
  source: string,
  signal: AbortSignal | undefined,
  discard: (late: T) => unknown = () => undefined,
): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) {
    void work.then(discard, () => undefined);
    return Promise.reject(cancelledError(source, signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      void work.then(discard, () => undefined);
      reject(cancelledError(source, signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) void Promise.resolve(discard(value)).catch(() => undefined);
        else resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Reads every chunk of `chunks`, failing with INPUT_TOO_LARGE as soon as they pass `maxBytes`; the
 * source is released (its iterator returned: a stream destroyed, a body cancelled) on any failure.
 */
export async function collectBounded(
  chunks: AsyncIterable<Uint8Array>,
  source: string,
  { maxBytes, signal }: ReadLimit,
): Promise<Buffer> {
  const iterator = chunks[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  try {
    for (;;) {
      const next = await abortable(iterator.next(), source, signal);
      if (next.done === true) {
        finished = true;
        break;
      }
      const chunk = next.value;
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLargeError(source, maxBytes);
      parts.push(chunk);
    }
  } finally {
    // Releasing must not wait: a web stream's return() queues behind a read that may never end.
    if (!finished) void iterator.return?.()?.catch(() => undefined);
  }
  return Buffer.concat(parts, total);
}

/**
 * Reads the file at `path` (a regular file, FIFO, character device) up to the limit. A FIFO is read
 * without ever blocking a thread: opened non-blocking and watched by the event loop, so a FIFO no one
 * writes to can be abandoned and the process still exits (a thread blocked in open() would keep it
 * alive to the end, even through process.exit).
 * @throws CnsError INPUT_TOO_LARGE, CANCELLED, or the file-system error of toFsError.
 */
export async function readFileBounded(path: string, limit: ReadLimit): Promise<Buffer> {
  const { maxBytes } = limit;
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO no one writes to returns at once instead of waiting for a writer.
    fd = await promisify(fs.open)(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const info = await promisify(fs.fstat)(fd);
    if (info.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    if (info.isFile()) {
      if (info.size > maxBytes) throw tooLargeError(path, maxBytes, info.size);
      // Files of /proc and /sys report size 0 and are read to their end like any other. A regular
      // file's read cannot hang, so it is not cut short by the signal (that would race the close).
      const buffer = await promisify(fs.readFile)(fd);
      if (buffer.byteLength > maxBytes) throw tooLargeError(path, maxBytes);
      return buffer;
    }
    if (info.isFIFO()) {
      const { Socket } = await import('node:net');
      // The socket owns the descriptor from here and closes it when destroyed.
      const socket = new Socket({ fd, readable: true, writable: false });
      fd = undefined;
      try {
        return await collectBounded(socket, path, limit);
      } finally {
        socket.destroy();
      }
    }
    // A character device (/dev/zero, a tty) is read blocking, in chunks, until its end or the limit.
    const stream = fs.createReadStream(path, { highWaterMark: STREAM_CHUNK_BYTES });
    try {
      return await collectBounded(stream as AsyncIterable<Uint8Array>, path, limit);
    } finally {
      stream.destroy();
    }
  } catch (error) {
    throw toFsError(error, path, 'read');
  } finally {
    if (fd !== undefined) fs.close(fd, () => undefined);
  }
}
