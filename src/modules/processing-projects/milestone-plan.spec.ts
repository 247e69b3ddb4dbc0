import { milestonePlan } from './milestone-plan.js';

describe('milestone plan', () => {
  it('splits the government money 40/30/30 and adds up to the won', () => {
    const plan = milestonePlan(50_000_000n, '2024-07-01', '2024-10-31');
    expect(plan.map((m) => [m.name, m.amountKrw])).toEqual([
      ['PROCESSING', 20_000_000n],
      ['QUALITY_VERIFICATION', 15_000_000n],
      ['REGISTRATION', 15_000_000n],
    ]);
    expect(plan.map((m) => m.plannedOn)).toEqual(['2024-08-31', '2024-09-30', '2024-10-31']);
    const odd = milestonePlan(33_333_333n, '2024-07-01', '2024-10-31');
    expect(odd.reduce((a, m) => a + m.amountKrw, 0n)).toBe(33_333_333n);
  });
});
