/**
 * @module /proc/modules text → the loaded kernel modules. Read from the kernel's own list rather than
 * `lsmod`, which minimal hosts and containers often lack.
 */

/**
 * Returns the names of the loaded modules, in the order the kernel lists them.
 * A line is `name size refcount deps state address [taints]`; only the name matters for a snapshot.
 * @example parseProcModules('nvidia 14299136 - - Live 0xffffffffc0400000 (O)') // ['nvidia']
 */
export function parseProcModules(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const name = line.trim().split(/\s+/, 1)[0];
    if (name) names.push(name);
  }
  return names;
}
