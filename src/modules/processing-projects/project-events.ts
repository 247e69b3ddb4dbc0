/**
 * The events processing projects publish (DomainEvents). Every project event is published as
 * `processing_project.<action>` (`processing_project.milestone.accepted`, …); the completion of a
 * whole project as `processing_project.completed`, with `processorOrganizationId` in its payload.
 */
export const PROJECT_COMPLETED = 'processing_project.completed';
