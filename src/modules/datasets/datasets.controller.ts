import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, OrgRole, Roles } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { DatasetsService } from './datasets.service.js';
import {
  CompleteUploadDto,
  CreateDatasetDto,
  CreateVersionDto,
  DatasetQueryDto,
  StartUploadDto,
} from './dto/dataset.dto.js';
import { ParseVersionPipe } from '../../platform/http/version.pipe.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { UploadsService } from './uploads.service.js';
import {
  Answers,
  AnswersCreated,
  AnswersCsv,
  AnswersPage,
  Refuses,
} from '../../platform/openapi/answers.js';
import {
  DatasetDetailView,
  DatasetFileView,
  DatasetVersionView,
  DatasetView,
  UploadStartView,
} from './dto/datasets.views.js';
import { QualityReportView } from '../quality/index.js';

@ApiTags('datasets')
@ApiBearerAuth()
@Controller()
export class DatasetsController {
  constructor(
    private readonly datasets: DatasetsService,
    private readonly uploads: UploadsService,
  ) {}

  @Post('datasets')
  @OrgRole('member', 'body:organizationId')
  @ApiOperation({ summary: 'Describe a dataset your organization holds (members)' })
  @AnswersCreated(DatasetView)
  create(@Body() dto: CreateDatasetDto, @CurrentUser() user: Principal) {
    return this.datasets.create(dto, user.id);
  }

  @Get('organizations/:id/datasets')
  @Roles('operator')
  @OrgRole('member')
  @ApiOperation({ summary: "An organization's datasets (members, operators)" })
  @AnswersPage(DatasetView)
  list(@Param('id', ParseUuidPipe) id: string, @Query() query: DatasetQueryDto) {
    return this.datasets.listForOrganization(id, query);
  }

  @Get('datasets/:id')
  @Roles('operator')
  @OrgRole('member', 'dataset:id')
  @ApiOperation({ summary: 'A dataset with its versions and their quality status' })
  @Answers(DatasetDetailView)
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.datasets.get(id);
  }

  @Post('datasets/:id/versions')
  @OrgRole('member', 'dataset:id')
  @ApiOperation({
    summary: 'A new draft version (answers { version }); optionally with a declared schema',
  })
  @AnswersCreated(DatasetVersionView)
  createVersion(@Param('id', ParseUuidPipe) id: string, @Body() dto: CreateVersionDto) {
    return this.datasets.createVersion(id, dto);
  }

  @Get('datasets/:id/versions/:version')
  @Roles('operator')
  @OrgRole('member', 'dataset:id')
  @ApiOperation({ summary: 'A version with its files and quality summary' })
  @Answers(DatasetVersionView)
  getVersion(
    @Param('id', ParseUuidPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
  ) {
    return this.datasets.getVersion(id, version);
  }

  @Post('datasets/:id/versions/:version/files')
  @OrgRole('member', 'dataset:id')
  @ApiOperation({
    summary: 'Start an upload: answers { uploadId, partSizeBytes, parts: [{ partNumber, url }] }',
    description:
      'PUT each part to its URL straight to storage, keep the ETag headers, then POST /uploads/:uploadId/complete.',
  })
  @Refuses('CONFLICT', 'VERSION_SEALED')
  @AnswersCreated(UploadStartView)
  startUpload(
    @Param('id', ParseUuidPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @Body() dto: StartUploadDto,
    @CurrentUser() user: Principal,
  ) {
    return this.uploads.start(id, version, dto, user.id);
  }

  @Delete('datasets/:id/versions/:version/files/:fileId')
  @OrgRole('member', 'dataset:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a file from a draft version' })
  @Refuses('VERSION_SEALED')
  removeFile(
    @Param('id', ParseUuidPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @Param('fileId', ParseUuidPipe) fileId: string,
  ) {
    return this.uploads.removeFile(id, version, fileId);
  }

  @Post('uploads/:uploadId/complete')
  @OrgRole('member', 'upload:uploadId')
  @ApiOperation({
    summary:
      "Complete an upload with the parts' ETags; the service checks size and SHA-256 (CHECKSUM_MISMATCH)",
  })
  @Refuses('CHECKSUM_MISMATCH', 'CONFLICT', 'UPLOAD_INCOMPLETE')
  @AnswersCreated(DatasetFileView)
  complete(@Param('uploadId', ParseUuidPipe) uploadId: string, @Body() dto: CompleteUploadDto) {
    return this.uploads.complete(uploadId, dto);
  }

  @Delete('uploads/:uploadId')
  @OrgRole('member', 'upload:uploadId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Abort an upload in progress' })
  @Refuses('CONFLICT')
  abort(@Param('uploadId', ParseUuidPipe) uploadId: string) {
    return this.uploads.abort(uploadId);
  }

  @Post('datasets/:id/versions/:version/seal')
  @OrgRole('member', 'dataset:id')
  @ApiOperation({ summary: 'Freeze the version for good and start quality verification' })
  @Refuses('CONFLICT', 'VERSION_SEALED')
  @AnswersCreated(DatasetVersionView)
  seal(
    @Param('id', ParseUuidPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @CurrentUser() user: Principal,
  ) {
    return this.datasets.seal(id, version, user.id);
  }

  @Get('datasets/:id/versions/:version/quality-report')
  @Roles('operator')
  @OrgRole('member', 'dataset:id')
  @ApiOperation({
    summary:
      'The quality report: status (PENDING, RUNNING, PASSED, FAILED), progress, score and every file',
  })
  @Answers(QualityReportView)
  qualityReport(
    @Param('id', ParseUuidPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
  ) {
    return this.datasets.qualityReport(id, version);
  }

  @Get('datasets/:id/versions/:version/previews/:fileId')
  @Roles('operator')
  @OrgRole('member', 'dataset:id')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: "A table file's preview sample (first rows, UTF-8 CSV)" })
  @AnswersCsv('The first rows of the file')
  preview(
    @Param('id', ParseUuidPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @Param('fileId', ParseUuidPipe) fileId: string,
  ) {
    return this.datasets.preview(id, version, fileId);
  }
}
