import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { InvitationsService } from './invitations.service.js';
import { Answers, Refuses } from '../../platform/openapi/answers.js';
import { InvitationAnswerView, MyInvitationView } from './dto/organizations.views.js';

/** The invited person's side: what waits for them, and their answer. */
@ApiTags('organizations')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get('me/invitations')
  @Authenticated()
  @ApiOperation({ summary: 'Invitations waiting for you (to your e-mail address)' })
  @Answers([MyInvitationView])
  mine(@CurrentUser() user: Principal) {
    return this.invitations.mine(user);
  }

  @Post('invitations/:id/accept')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation addressed to you: you become a member' })
  @Refuses('INVALID_TRANSITION')
  @Answers(InvitationAnswerView)
  accept(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.invitations.accept(id, user);
  }

  @Post('invitations/:id/decline')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline an invitation addressed to you' })
  @Answers(InvitationAnswerView)
  decline(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.invitations.decline(id, user);
  }
}
