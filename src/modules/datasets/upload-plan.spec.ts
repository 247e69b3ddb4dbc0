import { fileNameProblem, MAX_PARTS, MIN_PART_BYTES, partPlan } from './upload-plan.js';

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
