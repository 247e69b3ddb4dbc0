import { ExcludedIndustry } from './excluded-industry.entity.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationVerification } from './verification.entity.js';

export const OrganizationsEntities = [
  Organization,
  Membership,
  OrganizationVerification,
  ExcludedIndustry,
];
