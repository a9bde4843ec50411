/**
 * @module The contract every snapshot collector keeps. A collector reads one source of facts (OS files,
 * systemd, the GPU, the cluster) through ports and returns subtypes of one measurement type. It throws
 * CnsError UNAVAILABLE when its source is absent here; parts of a source that are absent while others
 * answered are returned as `missing`, so one unreadable file never costs the rest of the source.
 */
import { CnsError, isCnsError } from '../../core/shared/errors.js';
import type { MeasurementType, SnapshotSubtype } from '../../core/snapshot/snapshot-document.js';
import type { CommandRunner, HostFiles, OpenKubeSnapshotSource } from '../ports.js';

/** The ports collectors read through. */
export interface CollectorPorts {
  readonly files: HostFiles;
  readonly commands: CommandRunner;
  readonly openKube: OpenKubeSnapshotSource;
}

/** A part of a source that could not be read, recorded as `<collector>.<part>` in the snapshot. */
export interface MissingPart {
  readonly part: string;
  readonly reason: string;
}

export interface CollectorOutput {
  readonly subtypes: readonly SnapshotSubtype[];
  readonly missing: readonly MissingPart[];
}

export interface Collector {
  /** The name recorded in the snapshot's `collectors` (`os`, `systemd`, `gpu`, `k8s`). */
  readonly name: string;
  readonly type: MeasurementType;
  /** Collects; `signal` aborts on the collector's timeout and on the caller's cancel. */
  collect(ports: CollectorPorts, signal: AbortSignal): Promise<CollectorOutput>;
}

/** The outcome of one part of a source: its value, or why it is missing (and the error that said so). */
export type PartResult<T> =
  { readonly value: T } | { readonly missing: string; readonly error?: unknown };

/**
 * Runs one part of a collector. An error becomes the part's missing reason, except an abort, which
 * must end the whole collector (its time is up, or the run was cancelled).
 */
export async function attemptPart<T>(
  signal: AbortSignal,
  read: () => Promise<T>,
): Promise<PartResult<T>> {
  try {
    return { value: await read() };
  } catch (error) {
    if (signal.aborted) throw error;
    return { missing: reasonOf(error), error };
  }
}

/** The one-line reason of an error, for `collectors[].reason` and the CLI's warnings. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}

/** Whether an error means "the source is not here" rather than "reading it broke". */
export function isAbsence(error: unknown): boolean {
  return (
    isCnsError(error) &&
    (error.code === 'NOT_FOUND' || error.code === 'UNAVAILABLE' || error.code === 'FORBIDDEN')
  );
}

/** The first non-empty line of a command's output, for reasons. */
export function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0]?.trim() ?? '';
}

export function unavailable(reason: string, details?: Readonly<Record<string, unknown>>): CnsError {
  return new CnsError('UNAVAILABLE', reason, details ? { details } : {});
}
