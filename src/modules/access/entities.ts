import { AccessRequest } from './access-request.entity.js';

export const AccessEntities = [AccessRequest];
