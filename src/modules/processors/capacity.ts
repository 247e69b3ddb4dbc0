/**
 * How many projects a processor may carry at once: what it says in its profile, never more than
 * the platform's limit (MAX_OPEN_PROJECTS_PER_PROCESSOR); the limit when it says nothing.
 */
export function capacityOf(stated: number | null, platformLimit: number): number {
  return Math.min(stated ?? platformLimit, platformLimit);
}
