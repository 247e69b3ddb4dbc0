import { APPLICATION_STATUSES, canMove, nextStatuses } from './application-status.js';

describe('application lifecycle', () => {
  it('follows the order of docs/domain.md', () => {
    const path = [
      'DRAFT',
      'SUBMITTED',
      'SCREENING',
      'EVALUATION',
      'SELECTED',
      'AGREEMENT',
      'IN_PROGRESS',
      'COMPLETED',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1], path[i])).toBe(true);
  });

  it('refuses skipping steps and moving back', () => {
    expect(canMove('DRAFT', 'SELECTED')).toBe(false);
    expect(canMove('DRAFT', 'EVALUATION')).toBe(false);
    expect(canMove('SELECTED', 'EVALUATION')).toBe(false);
    expect(canMove('REJECTED', 'SELECTED')).toBe(false);
  });

  it('ends in completed, rejected, withdrawn or cancelled', () => {
    const terminal = APPLICATION_STATUSES.filter((s) => nextStatuses(s).length === 0);
    expect([...terminal].sort()).toEqual(['CANCELLED', 'COMPLETED', 'REJECTED', 'WITHDRAWN']);
  });

  it('lets an applicant withdraw until the agreement is signed, not after', () => {
    for (const s of ['DRAFT', 'SUBMITTED', 'EVALUATION', 'SELECTED'] as const)
      expect(canMove(s, 'WITHDRAWN')).toBe(true);
    for (const s of ['AGREEMENT', 'IN_PROGRESS', 'COMPLETED'] as const)
      expect(canMove(s, 'WITHDRAWN')).toBe(false);
  });
});
