/**
 * @module Turns document text (YAML or JSON) into plain data, or a CnsError INPUT_YAML that names the
 * source and the line and column of the first problem. Never throws anything else: duplicate keys,
 * alias bombs and documents nested deeper than MAX_DOCUMENT_DEPTH are input errors too. Time is linear
 * in the size of the text. YAML is read by js-yaml first (YAML 1.2 core schema, the same values as
 * yaml's; about seven times faster on large snapshots); a document it refuses (any error, any alias,
 * too deep) is read again by yaml, which reports the first problem with its position and expands
 * aliases under a limit. yaml's own duplicate-key check compares every key of a map with every other,
 * so it is replaced by one pass with a set per map.
 */
import { load } from 'js-yaml';
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
  type Node,
} from 'yaml';
import { CnsError } from './errors.js';

/** Deeper documents are refused: nothing we read needs a tenth of this, and recursion must stay safe. */
export const MAX_DOCUMENT_DEPTH = 256;
/** yaml's measure of alias expansion (uses of an anchor times the aliases inside it). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML or JSON text from `source` (a path, URL or `-`, used only in messages).
 * JSON goes through JSON.parse first because it is an order of magnitude faster on large snapshots.
 * @throws CnsError INPUT_YAML naming the source, line and column where there is one.
 */
export function parseDocumentText(text: string, source: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      // Not strict JSON (comments, trailing commas, flow YAML): let the YAML parser decide and report.
      return parseYaml(text, source);
    }
    checkValueDepth(value, source);
    return value;
  }
  return parseYaml(text, source);
}

function parseYaml(text: string, source: string): unknown {
  try {
    // js-yaml refuses a collection nested MAX_DOCUMENT_DEPTH + 1 deep (its maxDepth counts from 0), so
    // what it accepts, with no aliases, needs no depth check of its own.
    return load(text, { maxAliases: 0, maxDepth: MAX_DOCUMENT_DEPTH + 1 });
  } catch {
    // Refused for any reason (js-yaml asks that every exception be caught): yaml decides and reports.
    return parseYamlReportingProblems(text, source);
  }
}

function parseYamlReportingProblems(text: string, source: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    strict: true,
  });
  const inputError = (message: string, offset: number, details: Record<string, unknown>) => {
    const { line, col } = lineCounter.linePos(offset);
    return new CnsError('INPUT_YAML', `${source}:${line}:${col}: ${message}`, {
      details: { source, line, column: col, ...details },
    });
  };
  const first = doc.errors[0];
  if (first) {
    // yaml reports its own stack overflow on deeply nested flow collections as RESOURCE_EXHAUSTION.
    const message =
      first.code === 'RESOURCE_EXHAUSTION'
        ? tooDeep()
        : `not valid YAML or JSON: ${firstLine(first.message)}`;
    throw inputError(message, first.pos[0], { yamlCode: first.code });
  }
  const { hasAliases, problem } = checkTree(doc.contents);
  if (problem) throw inputError(problem.message, problem.offset, { yamlCode: problem.code });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof RangeError) throw inputError(tooDeep(), 0, { yamlCode: 'TOO_DEEP' });
    if (error instanceof ReferenceError) {
      throw new CnsError(
        'INPUT_YAML',
        `${source}: its aliases expand too far (over ${MAX_ALIAS_COUNT} uses, the shape of an alias bomb); write the repeated values out`,
        { details: { source, yamlCode: 'ALIAS_LIMIT' }, cause: error },
      );
    }
    throw error;
  }
  // An alias can put a deep subtree under a deep key, so expanded data is measured again.
  if (hasAliases) checkValueDepth(value, source);
  return value;
}

interface TreeProblem {
  readonly code: 'DUPLICATE_KEY' | 'TOO_DEEP';
  readonly message: string;
  readonly offset: number;
}

/** One pass over the syntax tree: duplicate keys (a set per map), depth, and whether aliases occur. */
function checkTree(root: unknown): { hasAliases: boolean; problem?: TreeProblem } {
  let hasAliases = false;
  const stack: Array<{ node: unknown; depth: number }> = [];
  // Scalars need no visit; only collections (to descend) and aliases (to note them) are stacked.
  const visit = (node: unknown, depth: number) => {
    if (isCollection(node)) stack.push({ node, depth });
    else if (isAlias(node)) hasAliases = true;
  };
  visit(root, 1);
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (!isCollection(node)) continue;
    if (depth > MAX_DOCUMENT_DEPTH) {
      return {
        hasAliases,
        problem: { code: 'TOO_DEEP', message: tooDeep(), offset: offsetOf(node) },
      };
    }
    const seen = isMap(node) ? new Set<string>() : undefined;
    for (const item of node.items) {
      if (!isPair(item)) {
        visit(item, depth + 1);
        continue;
      }
      if (seen) {
        const key = keyText(item.key);
        if (seen.has(key)) {
          const message = `not valid YAML or JSON: duplicate key "${key}" in one map; keep one of them`;
          return {
            hasAliases,
            problem: { code: 'DUPLICATE_KEY', message, offset: offsetOf(item.key) },
          };
        }
        seen.add(key);
      }
      visit(item.key, depth + 1);
      visit(item.value, depth + 1);
    }
  }
  return { hasAliases };
}

/** The key as the property name it becomes in the parsed data, so `1:` and `"1":` collide as they would. */
function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  return isCollection(key) || isAlias(key) ? key.toString() : '';
}

function offsetOf(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}

/**
 * Measures nesting without recursion: a hostile document must not be able to overflow the stack.
 * Only collections are stacked, in two parallel arrays, because a large snapshot holds a million scalars.
 */
function checkValueDepth(root: unknown, source: string): void {
  const values: object[] = [];
  const depths: number[] = [];
  if (root !== null && typeof root === 'object') {
    values.push(root);
    depths.push(1);
  }
  while (values.length > 0) {
    const value = values.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > MAX_DOCUMENT_DEPTH) {
      throw new CnsError('INPUT_YAML', `${source}: ${tooDeep()}`, {
        details: { source, yamlCode: 'TOO_DEEP' },
      });
    }
    for (const key in value) {
      const child = value[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
}

function tooDeep(): string {
  return `nested more than ${MAX_DOCUMENT_DEPTH} levels deep; no cnsctl document needs that, so it is refused`;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
