import { MILESTONES, type MilestoneName } from './project.entity.js';

export const DEFAULT_SHARES_BP: Record<MilestoneName, number> = {
  PROCESSING: 4000,
  QUALITY_VERIFICATION: 3000,
  REGISTRATION: 3000,
};

/**
 * The three milestones of an agreement: planned at 50%, 75% and 100% of its period, each paying
 * its share of the government money; the last takes the remainder so the shares add up exactly.
 */
export function milestonePlan(
  governmentKrw: bigint,
  startsOn: string,
  endsOn: string,
  sharesBp = DEFAULT_SHARES_BP,
) {
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const end = Date.parse(`${endsOn}T00:00:00Z`);
  const at = (f: number) =>
    new Date(start + Math.round((end - start) * f)).toISOString().slice(0, 10);
  const fractions = [0.5, 0.75, 1];
  let paid = 0n;
  return MILESTONES.map((name, i) => {
    const amountKrw =
      i === MILESTONES.length - 1
        ? governmentKrw - paid
        : (governmentKrw * BigInt(sharesBp[name])) / 10_000n;
    paid += amountKrw;
    return {
      name,
      position: i + 1,
      plannedOn: i === 2 ? endsOn : at(fractions[i]),
      shareBp: sharesBp[name],
      amountKrw,
    };
  });
}
