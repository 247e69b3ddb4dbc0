import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../platform/auth/access.decorators.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { type Feed, OpenCatalogue } from './open-catalogue.service.js';

/** Sends a feed with its validators; a conditional request that still holds answers 304. */
function send(req: Request, res: Response, feed: Feed, type: string) {
  res.setHeader('ETag', feed.etag);
  res.setHeader('Last-Modified', feed.lastModified.toUTCString());
  res.setHeader('Cache-Control', 'public, max-age=60');
  if (req.fresh) return res.status(304).end();
  res.status(200).type(type).send(JSON.stringify(feed.body));
}

const positive = (value: string | undefined, name: string, fallback?: number) => {
  if (value === undefined) return fallback;
  if (!/^[1-9]\d{0,17}$/.test(value))
    throw new DomainError('VALIDATION_FAILED', `${name} must be a positive whole number.`, {
      messageKo: `${name}은(는) 1 이상의 정수여야 합니다.`,
    });
  return value;
};

@ApiTags('open catalogue')
@Controller('catalog')
export class OpenCatalogueController {
  constructor(private readonly catalogue: OpenCatalogue) {}

  @Get('dcat')
  @Public()
  @ApiOperation({
    summary: 'Listed products as DCAT-AP 3 (JSON-LD), 100 a page; ETag and Last-Modified, 304',
  })
  @ApiProduces('application/ld+json')
  @ApiQuery({ name: 'page', required: false, schema: { type: 'integer', minimum: 1 } })
  @ApiOkResponse({
    description: 'A dcat:Catalog with its dcat:Dataset entries and a hydra:view to page on',
    content: { 'application/ld+json': { schema: { type: 'object', additionalProperties: true } } },
  })
  @ApiResponse({ status: 304, description: 'Not modified: the If-None-Match ETag still holds' })
  async dcat(@Query('page') page: string | undefined, @Req() req: Request, @Res() res: Response) {
    const n = Number(positive(page, 'page', 1));
    if (n > 100_000)
      throw new DomainError('VALIDATION_FAILED', 'page must be at most 100000.', {
        messageKo: 'page는 100000 이하여야 합니다.',
      });
    send(req, res, await this.catalogue.dcat(n), 'application/ld+json');
  }

  @Get('changes')
  @Public()
  @ApiOperation({
    summary: 'A JSON Feed of products listed, revised and delisted, newest first; ETag, 304',
  })
  @ApiProduces('application/feed+json')
  @ApiQuery({
    name: 'before',
    required: false,
    description: 'An item id: the changes before it (next_url carries it)',
  })
  @ApiOkResponse({
    description: 'JSON Feed 1.1',
    content: {
      'application/feed+json': { schema: { type: 'object', additionalProperties: true } },
    },
  })
  @ApiResponse({ status: 304, description: 'Not modified: the If-None-Match ETag still holds' })
  async changes(
    @Query('before') before: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    send(
      req,
      res,
      await this.catalogue.changes(positive(before, 'before') as string | undefined),
      'application/feed+json',
    );
  }
}
