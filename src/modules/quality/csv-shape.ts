import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const CANDIDATES = [',', '\t', ';', '|'];

/** Fields in one line, counting delimiters outside double quotes; `open` carries an unclosed quote over. */
function countFields(
  line: string,
  delimiter: string,
  open: boolean,
): { fields: number; open: boolean } {
  let fields = 1;
  let quoted = open;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) fields++;
  }
  return { fields, open: quoted };
}

/** The delimiter of a header line: the candidate that splits it into the most fields. */
export function guessDelimiter(headerLine: string): string {
  let best = ',';
  let most = 1;
  for (const d of CANDIDATES) {
    const { fields } = countFields(headerLine, d, false);
    if (fields > most) {
      best = d;
      most = fields;
    }
  }
  return best;
}

/** The first line whose field count differs from the header's, or null when every row has the same shape. */
export async function findRaggedLine(
  file: string,
  delimiter: string,
): Promise<{ line: number; found: number; expected: number } | null> {
  let expected = -1;
  let lineNo = 0;
  let pending = 0;
  let open = false;
  let startLine = 0;
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Infinity,
  })) {
    lineNo++;
    if (!open && line.trim() === '') continue;
    if (!open) startLine = lineNo;
    const { fields, open: stillOpen } = countFields(line, delimiter, open);
    pending += open ? fields - 1 : fields;
    open = stillOpen;
    if (open) continue;
    if (expected === -1) expected = pending;
    else if (pending !== expected) return { line: startLine, found: pending, expected };
    pending = 0;
  }
  return null;
}
