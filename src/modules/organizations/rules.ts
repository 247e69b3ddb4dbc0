/**
 * The pure rules of organizations/: no framework, no database. The web app checks its forms with
 * them as they are typed. Modules use index.ts.
 */
export const ORGANIZATION_CATEGORIES = ['SME', 'MID_SIZE', 'LARGE', 'NONPROFIT'] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];
export {
  businessNumberCheckDigit,
  businessNumberProblem,
  normaliseBusinessNumber,
} from './business-number.js';
