import { ExcludedIndustry } from './excluded-industry.entity.js';
import { Invitation } from './invitation.entity.js';
import { MembershipRecord } from './membership-record.entity.js';
import { Membership } from './membership.entity.js';
import { OrganizationLink } from './organization-link.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationVerification } from './verification.entity.js';

export const OrganizationsEntities = [
  Organization,
  Membership,
  MembershipRecord,
  OrganizationLink,
  Invitation,
  OrganizationVerification,
  ExcludedIndustry,
];
