import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  Authenticated,
  CurrentUser,
  OrgRole,
  Public,
  Roles,
} from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { viewer } from '../../platform/auth/viewer.js';
import { RequiredReasonDto } from '../../platform/http/reason.dto.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { Answers, AnswersCreated, AnswersPage, Refuses } from '../../platform/openapi/answers.js';
import { AccessQueries } from './access-queries.service.js';
import { AccessRequestsService } from './access-requests.service.js';
import {
  AccessListQuery,
  AccessRequestView,
  CreateAccessRequestDto,
  ProductAccessView,
} from './dto/access.dto.js';

/**
 * Access requests: a buyer asks to buy a product whose seller vets its buyers; the seller answers
 * within 5 Korean business days, or an operator does once the request is escalated.
 */
@ApiTags('access requests')
@Controller()
export class AccessController {
  constructor(
    private readonly access: AccessRequestsService,
    private readonly queries: AccessQueries,
  ) {}

  @Get('products/:id/access')
  @Public()
  @ApiOperation({
    summary:
      "Whether a product needs the seller's approval, how fast the seller answers (median, 90 days), and your requests",
  })
  @Answers(ProductAccessView)
  forProduct(@Param('id', ParseUuidPipe) id: string, @Req() req: Request) {
    return this.queries.forProduct(id, viewer(req));
  }

  @Post('products/:id/access-requests')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Ask for access with the intended use; the seller answers by dueOn (business days, Korean holidays skipped)',
  })
  @Refuses('ACCESS_NOT_REQUIRED', 'ACCESS_REQUEST_OPEN', 'ACCESS_COOLDOWN', 'RELATED_PARTY')
  @AnswersCreated(AccessRequestView)
  request(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: CreateAccessRequestDto,
    @CurrentUser() user: Principal,
  ) {
    return this.access.request(id, dto, user);
  }

  @Get('access-requests')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Requests your organizations made (side=buyer) or received (side=seller); operators may list all (side=operator)',
  })
  @AnswersPage(AccessRequestView)
  list(@Query() query: AccessListQuery, @CurrentUser() user: Principal) {
    return this.queries.list(query, user);
  }

  @Get('access-requests/:id')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: "One request (its buyer's and seller's members, operators)" })
  @Answers(AccessRequestView)
  get(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.queries.get(id, user);
  }

  @Post('access-requests/:id/approve')
  @Roles('operator')
  @OrgRole('member', 'access_request:id')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Approve: the buyer may order for 30 days (the seller; an operator once it is escalated)',
  })
  @Refuses('INVALID_TRANSITION', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(AccessRequestView)
  approve(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.access.approve(id, user);
  }

  @Post('access-requests/:id/refuse')
  @Roles('operator')
  @OrgRole('member', 'access_request:id')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Refuse with a reason the buyer reads; it may ask again after 14 days (the seller; an operator once escalated)',
  })
  @Refuses('INVALID_TRANSITION', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(AccessRequestView)
  refuse(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: RequiredReasonDto,
    @CurrentUser() user: Principal,
  ) {
    return this.access.refuse(id, dto.reason, user);
  }
}
