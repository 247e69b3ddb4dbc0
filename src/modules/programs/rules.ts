/**
 * The pure rules of programs/: no framework, no database. The web app checks a form with them as
 * it is typed, so it says what the API will say before anything is sent. Modules use index.ts.
 */
export { defaultTerms, moneyTermsFor, termsProblems } from './program-terms.js';
export type { MoneyTerms, ProgramKind, ProgramTerms } from './program-terms.js';
export { applicationWindow, fitsInMonths } from './program-window.js';
