import type { Request } from 'express';
import type { Principal } from './principal.js';

/** The signed-in caller of a public route, when there is one (the guard loads it if a token came). */
export const viewer = (req: Request) => (req as Request & { user?: Principal }).user;
