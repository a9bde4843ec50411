/**
 * @module `systemctl show UNIT...` text → one property map per requested unit. systemctl prints one
 * block of `Key=Value` lines per unit, in argument order, separated by a blank line; a unit that is not
 * installed still gets a block with `LoadState=not-found`, and it is left out of the result.
 */

/** The properties of one installed unit, as systemctl printed them (values are strings). */
export interface SystemdUnit {
  readonly unit: string;
  readonly properties: Readonly<Record<string, string>>;
}

/**
 * Parses `systemctl show` output for `units` (the names asked for, in the order asked).
 * Blocks are matched to units by `Id`/`Names`, falling back to position, so an alias asked for by its
 * other name still lands on the unit the caller named.
 */
export function parseSystemdShow(text: string, units: readonly string[]): SystemdUnit[] {
  const blocks = splitBlocks(text);
  const found: SystemdUnit[] = [];
  units.forEach((unit, position) => {
    const block = blocks.find((b) => namesOf(b).includes(unit)) ?? blocks[position];
    if (!block || !isInstalled(block)) return;
    found.push({ unit, properties: block });
  });
  return found;
}

function splitBlocks(text: string): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') {
      current = undefined;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    if (!current) {
      current = {};
      blocks.push(current);
    }
    current[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return blocks;
}

function namesOf(block: Readonly<Record<string, string>>): string[] {
  return [block.Id ?? '', ...(block.Names ?? '').split(/\s+/)].filter((n) => n !== '');
}

function isInstalled(block: Readonly<Record<string, string>>): boolean {
  const state = block.LoadState;
  return state !== undefined && state !== 'not-found';
}
