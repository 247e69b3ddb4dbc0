/**
 * Korean business registration numbers (사업자등록번호): 10 digits, the last a check digit.
 * Weights 1,3,7,1,3,7,1,3,5 on the first nine digits, plus the tens digit of (9th digit x 5);
 * the check digit is (10 - sum mod 10) mod 10.
 */
const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** Strips the usual dashes and spaces (`123-45-67890`); anything else is left for the check. */
export function normaliseBusinessNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function businessNumberCheckDigit(firstNine: string): number {
  const d = [...firstNine].map(Number);
  let sum = WEIGHTS.reduce((acc, w, i) => acc + w * d[i], 0);
  sum += Math.floor((d[8] * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

export type BusinessNumberProblem = 'FORMAT' | 'CHECK_DIGIT';

/** Why a (normalised) number is not valid, or undefined when it is. */
export function businessNumberProblem(number: string): BusinessNumberProblem | undefined {
  if (!/^\d{10}$/.test(number)) return 'FORMAT';
  return businessNumberCheckDigit(number.slice(0, 9)) === Number(number[9])
    ? undefined
    : 'CHECK_DIGIT';
}
