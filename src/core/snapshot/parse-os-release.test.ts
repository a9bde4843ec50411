import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOsRelease } from './parse-os-release.js';

const h100 = readFileSync(
  new URL('../../../test/fixtures/h100-node/os-release.txt', import.meta.url),
  'utf8',
);

describe('parseOsRelease', () => {
  it('reads the real Ubuntu 24.04 os-release with its quoted values unquoted', () => {
    const release = parseOsRelease(h100);
    expect(release).toMatchObject({
      ID: 'ubuntu',
      ID_LIKE: 'debian',
      VERSION_ID: '24.04',
      VERSION_CODENAME: 'noble',
      PRETTY_NAME: 'Ubuntu 24.04.3 LTS',
      HOME_URL: 'https://www.ubuntu.com/',
    });
    expect(Object.keys(release)).toHaveLength(13);
  });

  it.each([
    ['a comment line is ignored', '# ID=rhel\nID=ubuntu', { ID: 'ubuntu' }],
    ['a blank line is ignored', '\n\nID=rhel\n', { ID: 'rhel' }],
    ['single quotes are taken literally', "NAME='A \\\"B'", { NAME: 'A \\"B' }],
    [
      'double quotes honour shell escapes',
      'NAME="say \\"hi\\" \\$x \\\\"',
      { NAME: 'say "hi" $x \\' },
    ],
    ['an empty value stays empty', 'VARIANT=', { VARIANT: '' }],
    ['a line that is not an assignment is ignored', 'garbage line\nID=cos', { ID: 'cos' }],
    ['the last assignment of a key wins', 'ID=a\nID=b', { ID: 'b' }],
    [
      'CRLF line endings are tolerated',
      'ID=amzn\r\nVERSION_ID="2023"\r\n',
      { ID: 'amzn', VERSION_ID: '2023' },
    ],
    ['an unbalanced quote is kept as written', 'NAME="broken', { NAME: '"broken' }],
  ])('%s', (_name, text, expected) => {
    expect(parseOsRelease(text)).toEqual(expected);
  });
});
