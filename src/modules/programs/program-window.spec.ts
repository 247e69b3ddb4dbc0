import { applicationWindow, fitsInMonths } from './program-window.js';

describe('applicationWindow', () => {
  const call = {
    applicationOpensAt: new Date('2024-03-01T00:00:00+09:00'),
    applicationClosesAt: new Date('2024-04-01T00:00:00+09:00'),
  };
  it('is not yet open, open, then closed', () => {
    expect(applicationWindow(call, new Date('2024-02-29T23:59:59+09:00'))).toBe('NOT_YET_OPEN');
    expect(applicationWindow(call, new Date('2024-03-01T00:00:00+09:00'))).toBe('OPEN');
    expect(applicationWindow(call, new Date('2024-03-31T23:59:59+09:00'))).toBe('OPEN');
    expect(applicationWindow(call, new Date('2024-04-01T00:00:00+09:00'))).toBe('CLOSED');
  });
  it('never closes a rolling call', () => {
    expect(applicationWindow({ ...call, applicationClosesAt: null }, new Date('2030-01-01'))).toBe(
      'OPEN',
    );
  });
});

describe('fitsInMonths', () => {
  it('allows up to the day before the same date four months later', () => {
    expect(fitsInMonths('2024-07-01', '2024-10-31', 4)).toBe(true);
    expect(fitsInMonths('2024-07-01', '2024-11-01', 4)).toBe(false);
    expect(fitsInMonths('2024-07-15', '2024-11-14', 4)).toBe(true);
    expect(fitsInMonths('2024-07-15', '2024-11-15', 4)).toBe(false);
  });
  it('clamps to the end of shorter months', () => {
    expect(fitsInMonths('2024-10-31', '2025-02-27', 4)).toBe(true);
    expect(fitsInMonths('2024-10-31', '2025-02-28', 4)).toBe(false);
  });
});
