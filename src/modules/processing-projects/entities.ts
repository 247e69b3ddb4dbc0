import { ProcessingProject, ProjectEvent, ProjectMilestone } from './project.entity.js';

export const ProcessingProjectsEntities = [ProcessingProject, ProjectMilestone, ProjectEvent];
