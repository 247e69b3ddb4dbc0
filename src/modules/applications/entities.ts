import { Agreement } from './agreement.entity.js';
import { ApplicationTransition } from './application-transition.entity.js';
import { Application } from './application.entity.js';
import { Evaluation } from './evaluation.entity.js';

export const ApplicationsEntities = [Application, ApplicationTransition, Evaluation, Agreement];
