/** The lifecycle of docs/domain.md: draft -> submitted -> screening -> evaluation -> selected | rejected -> agreement -> in progress -> completed. */
export const APPLICATION_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'SCREENING',
  'EVALUATION',
  'SELECTED',
  'REJECTED',
  'AGREEMENT',
  'IN_PROGRESS',
  'COMPLETED',
  'WITHDRAWN',
  'CANCELLED',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

const NEXT: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  DRAFT: ['SUBMITTED', 'WITHDRAWN'],
  SUBMITTED: ['SCREENING', 'WITHDRAWN'],
  SCREENING: ['EVALUATION', 'REJECTED', 'WITHDRAWN'],
  EVALUATION: ['SELECTED', 'REJECTED', 'WITHDRAWN'],
  SELECTED: ['AGREEMENT', 'CANCELLED', 'WITHDRAWN'],
  REJECTED: [],
  AGREEMENT: ['IN_PROGRESS', 'COMPLETED', 'CANCELLED'],
  IN_PROGRESS: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  WITHDRAWN: [],
  CANCELLED: [],
};

/** Statuses in which an application still counts as the organization's open one for a call. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'SCREENING',
  'EVALUATION',
  'SELECTED',
  'AGREEMENT',
  'IN_PROGRESS',
];

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

export function nextStatuses(from: ApplicationStatus): readonly ApplicationStatus[] {
  return NEXT[from];
}
