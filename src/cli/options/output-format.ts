/**
 * @module What -o and -t may be given together. A table or JUnit report written to `recipe.yaml`
 * looks like a document that no command can read back, so that combination is a usage error, found
 * before any work is done (withOutputOptions checks it for every command).
 */
import { CnsError } from '../../core/shared/errors.js';

const DOCUMENT_FILE = /\.(ya?ml|json)$/i;
const DOCUMENT_FORMATS: readonly string[] = ['yaml', 'json'];

/**
 * Throws USAGE when `format` is not a document format and `output` names a YAML or JSON file.
 * @example assertOutputReadable('recipe.yaml', 'table') // throws; 'recipe.txt' or -t json are fine
 */
export function assertOutputReadable(output?: string, format?: string): void {
  if (output === undefined || format === undefined || DOCUMENT_FORMATS.includes(format)) return;
  const extension = DOCUMENT_FILE.exec(output)?.[1]?.toLowerCase();
  if (extension === undefined) return;
  const what = format === 'table' ? 'a table' : `a ${format} report`;
  throw new CnsError(
    'USAGE',
    `-o ${output} -t ${format}: that writes ${what} into a .${extension} file, which no command can read back; leave out -t (or use -t yaml or json) to write the document, or give the ${format} output another name`,
    { details: { output, format } },
  );
}
