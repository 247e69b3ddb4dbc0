import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/access.decorators.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditEntryView } from './dto/audit.views.js';
import { AnswersPage } from '../../platform/openapi/answers.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('operator')
  @ApiOperation({ summary: 'The audit trail, newest first, filterable (operators only)' })
  @AnswersPage(AuditEntryView)
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
