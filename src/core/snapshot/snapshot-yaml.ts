/**
 * @module Snapshot → YAML text, byte for byte what `toYaml` (serialize.ts) writes, ten times faster.
 * The yaml library builds a node tree and runs its general stringifier over every one of the hundreds
 * of scalars a snapshot holds (about 10 ms for a GPU node); a snapshot is maps of scalars in a fixed
 * shape, so it is written directly here. Each scalar takes the path yaml would: plain when YAML 1.1 reads
 * it back as the same string (decided with yaml's own 1.1 tag tests), quoted as yaml quotes otherwise.
 * A multi-line value becomes a literal block, as yaml writes it. Anything outside that fast path (a
 * non-ASCII value, a multi-line one with blank or indented lines, a non-integer number, metadata of an
 * unknown shape) hands the whole document to `toYaml`, so the output never differs.
 */
import { Document } from 'yaml';
import { toYaml } from '../shared/serialize.js';
import type { Scalar, Snapshot } from './snapshot-document.js';

const INDENT = '  ';
/** plainString's refusals in yaml/dist/stringify/stringifyString.js, for single-line values. */
const NOT_PLAIN = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[ \t]#|[\t :]$/;
/** Printable ASCII: quoting it escapes only `"` and `\`, exactly as JSON does. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Lines yaml treats as document markers; it renders those in block style. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;
/** yaml writes longer keys as explicit `? key` entries. */
const MAX_KEY_LENGTH = 1000;
const KNOWN_METADATA = new Set(['source-node', 'timestamp', 'version', 'source']);
const KNOWN_TOP_LEVEL = new Set(['kind', 'apiVersion', 'metadata', 'collectors', 'measurements']);

/** Thrown inside the fast path when a value needs yaml's general stringifier. */
class NeedsGeneralStringifier extends Error {}

let nonStringTests: readonly RegExp[] | undefined;

/** Writes `snapshot` as YAML, identical to `toYaml(snapshot)`. */
export function toSnapshotYaml(snapshot: Snapshot): string {
  return writeSnapshotYamlDirectly(snapshot) ?? toYaml(snapshot);
}

/** The fast path alone: the YAML text, or undefined when the snapshot needs yaml's stringifier. */
export function writeSnapshotYamlDirectly(snapshot: Snapshot): string | undefined {
  try {
    return writeSnapshot(snapshot);
  } catch (error) {
    if (error instanceof NeedsGeneralStringifier) return undefined;
    throw error;
  }
}

function writeSnapshot(snapshot: Snapshot): string {
  const out: string[] = [
    `kind: ${scalar(snapshot.kind)}`,
    `apiVersion: ${scalar(snapshot.apiVersion)}`,
  ];
  // Keys in the order the object has them, as toYaml writes them; an unknown order or key goes there.
  const keys = Object.keys(snapshot).filter(
    (k) => (snapshot as unknown as Record<string, unknown>)[k] !== undefined,
  );
  const expected = ['kind', 'apiVersion', 'metadata', 'collectors', 'measurements'].filter((k) =>
    keys.includes(k),
  );
  if (keys.some((k) => !KNOWN_TOP_LEVEL.has(k)) || keys.join() !== expected.join()) {
    throw new NeedsGeneralStringifier();
  }
  writeMetadata(snapshot.metadata, out);
  if (snapshot.collectors !== undefined) writeCollectors(snapshot.collectors, out);
  if (snapshot.measurements.length === 0) {
    out.push('measurements: []');
  } else {
    out.push('measurements:');
    for (const measurement of snapshot.measurements) {
      out.push(`${INDENT}- type: ${scalar(measurement.type)}`);
      if (measurement.subtypes.length === 0) {
        out.push(`${INDENT}  subtypes: []`);
        continue;
      }
      out.push(`${INDENT}  subtypes:`);
      for (const sub of measurement.subtypes) {
        out.push(`${INDENT.repeat(3)}- subtype: ${scalar(sub.subtype)}`);
        writeMap('data', sub.data, INDENT.repeat(4), out);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

function writeMetadata(metadata: Snapshot['metadata'], out: string[]): void {
  const entries = Object.entries(metadata).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    out.push('metadata: {}');
    return;
  }
  out.push('metadata:');
  for (const [key, value] of entries) {
    if (!KNOWN_METADATA.has(key) || typeof value !== 'string') throw new NeedsGeneralStringifier();
    out.push(`${INDENT}${mapKey(key)}: ${scalar(value)}`);
  }
}

function writeCollectors(collectors: NonNullable<Snapshot['collectors']>, out: string[]): void {
  if (collectors.length === 0) {
    out.push('collectors: []');
    return;
  }
  out.push('collectors:');
  for (const collector of collectors as unknown[]) {
    if (typeof collector !== 'object' || collector === null) throw new NeedsGeneralStringifier();
    const fields = Object.entries(collector).filter(([, v]) => v !== undefined);
    if (fields.length === 0) throw new NeedsGeneralStringifier();
    fields.forEach(([k, v], i) => {
      out.push(`${INDENT}${i === 0 ? '- ' : '  '}${mapKey(k)}: ${scalar(v)}`);
    });
  }
}

function writeMap(
  name: string,
  data: Readonly<Record<string, Scalar>>,
  indent: string,
  out: string[],
): void {
  const entries = Object.entries(data);
  if (entries.length === 0) {
    out.push(`${indent}${name}: {}`);
    return;
  }
  out.push(`${indent}${name}:`);
  const inner = indent + INDENT;
  for (const [key, value] of entries) {
    const lines =
      typeof value === 'string' && value.includes('\n') ? literalLines(value) : undefined;
    if (lines) {
      // yaml writes a multi-line value as a literal block, stripped of its final newline (`|-`).
      out.push(`${inner}${mapKey(key)}: |-`);
      for (const line of lines) out.push(`${inner}${INDENT}${line}`);
    } else {
      out.push(`${inner}${mapKey(key)}: ${scalar(value)}`);
    }
  }
}

/**
 * The lines of a multi-line value yaml writes as a plain literal block: printable, non-empty lines
 * without surrounding spaces or document markers (others change the block header or its indentation).
 */
function literalLines(value: string): string[] {
  const lines = value.split('\n');
  const plain = lines.every(
    (line) =>
      line !== '' &&
      PRINTABLE_ASCII.test(line) &&
      line.trim() === line &&
      !DOCUMENT_MARKER.test(line),
  );
  if (!plain) throw new NeedsGeneralStringifier();
  return lines;
}

function mapKey(key: string): string {
  if (key.length > MAX_KEY_LENGTH) throw new NeedsGeneralStringifier();
  return scalar(key);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return string(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0))
    return String(value);
  throw new NeedsGeneralStringifier();
}

function string(value: string): string {
  if (value === '') return '""';
  if (!PRINTABLE_ASCII.test(value) || DOCUMENT_MARKER.test(value))
    throw new NeedsGeneralStringifier();
  if (!NOT_PLAIN.test(value) && !readsAsNonString(value)) return value;
  // yaml's quotedString: single quotes when that avoids escaping a double quote, else double quotes.
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

/** Whether YAML 1.1 would read the plain string as a number, boolean, null or timestamp. */
function readsAsNonString(value: string): boolean {
  nonStringTests ??= yaml11NonStringTests();
  return nonStringTests.some((test) => test.test(value));
}

function yaml11NonStringTests(): RegExp[] {
  const { schema } = new Document(null, { version: '1.1' });
  return (
    [...schema.tags, ...(schema.compat ?? [])]
      // The merge key `<<` (default: 'key') is written plain by yaml too: it becomes a merge node, not a string.
      .filter((tag) => tag.default === true && tag.tag !== 'tag:yaml.org,2002:str')
      .map((tag) => ('test' in tag ? tag.test : undefined))
      .filter((test): test is RegExp => test instanceof RegExp)
  );
}
