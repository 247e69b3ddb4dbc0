import { PoolMember } from './pool-member.entity.js';

export const ProcessorsEntities = [PoolMember];
