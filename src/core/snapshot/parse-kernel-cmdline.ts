/**
 * @module /proc/cmdline text → kernel parameters as key/value. Tokens split on whitespace outside double
 * quotes, as the kernel's own parser does; `key=value` maps key → value, a bare flag (`quiet`) maps to "".
 * A repeated key (`console=tty1 console=ttyS0`) keeps every value, joined by one space, because the
 * kernel applies each of them. Everything after a lone `--` belongs to init, not the kernel, and is left out.
 */

/**
 * Parses a kernel command line.
 * @example parseKernelCmdline('ro quiet iommu=pt') // { ro: '', quiet: '', iommu: 'pt' }
 */
export function parseKernelCmdline(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const token of tokenize(text)) {
    if (token === '--') break;
    const eq = token.indexOf('=');
    const key = stripQuotes(eq === -1 ? token : token.slice(0, eq));
    if (key === '') continue;
    const value = eq === -1 ? '' : stripQuotes(token.slice(eq + 1));
    const previous = out[key];
    out[key] = previous === undefined ? value : `${previous} ${value}`;
  }
  return out;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inQuote = false;
  for (const ch of text) {
    if (ch === '"') inQuote = !inQuote;
    if (!inQuote && /\s/.test(ch)) {
      if (current !== '') tokens.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
}

function stripQuotes(value: string): string {
  return value.replace(/"/g, '');
}
