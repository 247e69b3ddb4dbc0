// Every migration in order. `npm run migration:generate -- Name` adds new ones here.
import { PasswordResets1796281170731 } from './1796281170731-PasswordResets.js';
import { CatalogFacetIndex1796240000000 } from './1796240000000-CatalogFacetIndex.js';
import { QualityReasonsKo1796250000000 } from './1796250000000-QualityReasonsKo.js';
import { ListedFacetCounts1796260000000 } from './1796260000000-ListedFacetCounts.js';
import { ListedProducts1796270000000 } from './1796270000000-ListedProducts.js';
import { SearchTrigrams1796280000000 } from './1796280000000-SearchTrigrams.js';
import { PartChecksums1796219922237 } from './1796219922237-PartChecksums.js';
import { UsageFigures1796197273634 } from './1796197273634-UsageFigures.js';
import { AccessRequests1796195654882 } from './1796195654882-AccessRequests.js';
import { Webhooks1796186803497 } from './1796186803497-Webhooks.js';
import { NotificationMail1796185375854 } from './1796185375854-NotificationMail.js';
import { Notifications1796180689786 } from './1796180689786-Notifications.js';
import { ProcessorCapacity1796176983326 } from './1796176983326-ProcessorCapacity.js';
import { DomainEvents1796136602373 } from './1796136602373-DomainEvents.js';
import { Invitations1796128014989 } from './1796128014989-Invitations.js';
import { AuthAttemptsAndLoginAddresses1796125460862 } from './1796125460862-AuthAttemptsAndLoginAddresses.js';
import { RelatedPartiesAndConfirmedNumbers1796124711522 } from './1796124711522-RelatedPartiesAndConfirmedNumbers.js';
import { ProcessingProjects1795643278737 } from './1795643278737-ProcessingProjects.js';
import { VouchersOrdersEntitlements1795641233230 } from './1795641233230-VouchersOrdersEntitlements.js';
import { Catalog1795640444870 } from './1795640444870-Catalog.js';
import { DatasetsUploadsQuality1795638274734 } from './1795638274734-DatasetsUploadsQuality.js';
import { ProgramsApplicationsLedgerPool1795637446923 } from './1795637446923-ProgramsApplicationsLedgerPool.js';
import { Initial1795636412756 } from './1795636412756-Initial.js';
import { AuditAppendOnlyAndExcludedIndustries1795636500000 } from './1795636500000-AuditAppendOnlyAndExcludedIndustries.js';
import { LedgerIntegrity1795637500000 } from './1795637500000-LedgerIntegrity.js';
import { JobQueueSchema1795638000000 } from './1795638000000-JobQueueSchema.js';
import { CatalogSearch1795640500000 } from './1795640500000-CatalogSearch.js';
import { SearchKoreanWithoutSpaces1796130000000 } from './1796130000000-SearchKoreanWithoutSpaces.js';
export const allMigrations: (new () => object)[] = [
  Initial1795636412756,
  AuditAppendOnlyAndExcludedIndustries1795636500000,
  ProgramsApplicationsLedgerPool1795637446923,
  LedgerIntegrity1795637500000,
  JobQueueSchema1795638000000,
  DatasetsUploadsQuality1795638274734,
  Catalog1795640444870,
  CatalogSearch1795640500000,
  VouchersOrdersEntitlements1795641233230,
  ProcessingProjects1795643278737,
  RelatedPartiesAndConfirmedNumbers1796124711522,
  AuthAttemptsAndLoginAddresses1796125460862,
  Invitations1796128014989,
  SearchKoreanWithoutSpaces1796130000000,
  DomainEvents1796136602373,
  ProcessorCapacity1796176983326,
  Notifications1796180689786,
  NotificationMail1796185375854,
  Webhooks1796186803497,
  AccessRequests1796195654882,
  UsageFigures1796197273634,
  PartChecksums1796219922237,
  CatalogFacetIndex1796240000000,
  QualityReasonsKo1796250000000,
  ListedFacetCounts1796260000000,
  ListedProducts1796270000000,
  SearchTrigrams1796280000000,
  PasswordResets1796281170731,
];
