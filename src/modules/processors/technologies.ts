/** What a processor can do for a manufacturer's data (a pool application names at least one). */
export const TECHNOLOGIES = [
  'PREPROCESSING',
  'LABELLING',
  'AI_MODELLING',
  'QUALITY_VERIFICATION',
  'ANALYTICS',
  'VISUALISATION',
  'CONSULTING',
] as const;
export type Technology = (typeof TECHNOLOGIES)[number];
