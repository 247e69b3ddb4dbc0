import { fileNameProblem, MAX_PARTS, MIN_PART_BYTES, partLength, partPlan } from './upload-plan.js';

const MiB = 1024 * 1024;

describe('part plan', () => {
  it('uses 8 MiB parts for ordinary files, one part for small and empty ones', () => {
    expect(partPlan(200 * 1000 * 1000)).toEqual({ partSizeBytes: 8 * MiB, partCount: 24 });
    expect(partPlan(420_050)).toEqual({ partSizeBytes: 8 * MiB, partCount: 1 });
    expect(partPlan(0)).toEqual({ partSizeBytes: 8 * MiB, partCount: 1 });
  });

  it('never needs more than 10,000 parts or less than 5 MiB a part', () => {
    for (const size of [5 * 1024 ** 3, 100 * 1024 ** 3, 8 * MiB * MAX_PARTS + 1]) {
      const { partSizeBytes, partCount } = partPlan(size);
      expect(partCount).toBeLessThanOrEqual(MAX_PARTS);
      expect(partSizeBytes).toBeGreaterThanOrEqual(MIN_PART_BYTES);
      expect(partSizeBytes * partCount).toBeGreaterThanOrEqual(size);
      expect(partSizeBytes % MiB).toBe(0);
    }
  });
});

describe('file names', () => {
  it('takes Korean names and refuses paths and control characters', () => {
    expect(fileNameProblem('정상 데이터 수집.csv')).toBeUndefined();
    expect(fileNameProblem('../etc/passwd')).toBeDefined();
    expect(fileNameProblem('a\\b.csv')).toBeDefined();
    expect(fileNameProblem('a\nb.csv')).toBeDefined();
    expect(fileNameProblem(' a.csv')).toBeDefined();
    expect(fileNameProblem('가'.repeat(86))).toBeDefined();
  });
});

describe('file names that would read as something else', () => {
  it('refuses bidi controls, zero-width characters, U+0085 and separators, naming the character', () => {
    expect(fileNameProblem('invoice\u202Efdp.exe')).toContain('U+202E');
    expect(fileNameProblem('data\u200B.csv')).toContain('U+200B');
    expect(fileNameProblem('data\u0085.csv')).toContain('U+0085');
    expect(fileNameProblem('data\u2028.csv')).toContain('U+2028');
    expect(fileNameProblem('da\uFEFFta.csv')).toContain('U+FEFF');
  });
});

describe('part lengths', () => {
  it('are the part size but for the last, which holds the rest, and 0 past the end', () => {
    const size = 20 * MiB + 1;
    expect([1, 2, 3, 4].map((n) => partLength(size, 8 * MiB, n))).toEqual([
      8 * MiB,
      8 * MiB,
      4 * MiB + 1,
      0,
    ]);
  });
});
