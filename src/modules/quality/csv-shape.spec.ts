import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findRaggedLine, guessDelimiter } from './csv-shape.js';

describe('csv shape', () => {
  it('guesses the delimiter from the header', () => {
    expect(guessDelimiter('a,b,c')).toBe(',');
    expect(guessDelimiter('a\tb\tc')).toBe('\t');
    expect(guessDelimiter('a;b;"c,d"')).toBe(';');
    expect(guessDelimiter('single')).toBe(',');
  });

  it('finds the first ragged line, respecting quotes that span lines', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mdx-shape-'));
    try {
      const ok = path.join(dir, 'ok.csv');
      await writeFile(ok, 'a,b,c\n1,"x, y",3\n4,"multi\nline",6\n\n7,8,9\n');
      expect(await findRaggedLine(ok, ',')).toBeNull();
      const bad = path.join(dir, 'bad.csv');
      await writeFile(bad, 'a,b,c\n1,2,3\n4,5,6,7\n');
      expect(await findRaggedLine(bad, ',')).toEqual({ line: 3, found: 4, expected: 3 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
