import { delistingLocked, lockedUntil } from './listing-rules.js';

describe('the one-year listing rule', () => {
  const listed = new Date('2024-07-01T00:00:00Z');
  const supported = { processingSupported: true, firstListedAt: listed };

  it('locks a processing-supported product for a year from its first listing', () => {
    expect(lockedUntil(listed).toISOString()).toBe('2025-07-01T00:00:00.000Z');
    expect(delistingLocked(supported, false, new Date('2025-06-30T23:59:59Z'))).toBe(true);
    expect(delistingLocked(supported, false, new Date('2025-07-01T00:00:00Z'))).toBe(false);
  });

  it('lets an operator delist inside the year, and does not lock other products', () => {
    expect(delistingLocked(supported, true, new Date('2024-08-01T00:00:00Z'))).toBe(false);
    expect(
      delistingLocked(
        { ...supported, processingSupported: false },
        false,
        new Date('2024-08-01T00:00:00Z'),
      ),
    ).toBe(false);
    expect(
      delistingLocked({ processingSupported: true, firstListedAt: null }, false, new Date()),
    ).toBe(false);
  });
});
