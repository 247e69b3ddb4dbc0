import { ProgramEvaluator } from './program-evaluator.entity.js';
import { Program } from './program.entity.js';

export const ProgramsEntities = [Program, ProgramEvaluator];
