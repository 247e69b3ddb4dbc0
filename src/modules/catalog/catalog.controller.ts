import {
  Body,
  Controller,
  Get,
  Header,
  Injectable,
  Param,
  Patch,
  type PipeTransform,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { DomainError } from '../../platform/errors/domain-error.js';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, OrgRole, Public, Roles } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { viewer } from '../../platform/auth/viewer.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { RequiredReasonDto } from '../../platform/http/reason.dto.js';
import {
  CreateProductDto,
  LicenceDto,
  ProductSearchDto,
  RevisionDto,
  UpdateProductDto,
} from './dto/product.dto.js';
import { LicencesService } from './licences.service.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { ProductSearch } from './product-search.service.js';
import { ProductViews } from './product-views.service.js';
import { ProductsService } from './products.service.js';
import {
  Answers,
  AnswersCreated,
  AnswersCsv,
  AnswersPage,
  Refuses,
} from '../../platform/openapi/answers.js';
import {
  LicenceView,
  PricingGuideView,
  ProductSearchView,
  ProductSummaryView,
  ProductView,
} from './dto/catalog.views.js';

@Injectable()
class LicenceCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(value))
      throw new DomainError(
        'VALIDATION_FAILED',
        `"${value}" is not a licence code: use capitals, digits and _, like RESEARCH_ONLY.`,
      );
    return value;
  }
}

@ApiTags('catalog')
@Controller()
export class CatalogController {
  constructor(
    private readonly products: ProductsService,
    private readonly licences: LicencesService,
    private readonly views: ProductViews,
    private readonly finder: ProductSearch,
  ) {}

  @Get('products')
  @Public()
  @ApiOperation({
    summary: 'Search listed products: Korean and English words, filters, sorting, facet counts',
    description:
      'Answers { items, total, page, pageSize, facets: { dataType, industryDivision, processingSupported, priceRange } }.',
  })
  @Answers(ProductSearchView)
  search(@Query() query: ProductSearchDto) {
    return this.finder.search(query);
  }

  @Post('products')
  @OrgRole('member', 'dataset:datasetId')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "A draft product from a sealed version whose quality report PASSED (members of the dataset's organization)",
  })
  @Refuses('QUALITY_NOT_PASSED', 'VERSION_NOT_SEALED')
  @AnswersCreated(ProductView)
  create(@Body() dto: CreateProductDto, @CurrentUser() user: Principal) {
    return this.products.create(dto, user.id);
  }

  @Get('products/:id')
  @Public()
  @ApiOperation({
    summary:
      'A product: price, licence, quality summary, samples, processor, revisions (drafts only to the seller)',
  })
  @ApiQuery({
    name: 'ref',
    required: false,
    enum: ['search'],
    description: 'search: the reader came from a search result (counted as a click from search)',
  })
  @Answers(ProductView)
  get(
    @Param('id', ParseUuidPipe) id: string,
    @Query('ref') ref: string | undefined,
    @Req() req: Request,
  ) {
    return this.views.get(id, viewer(req), ref === 'search' ? 'search' : undefined);
  }

  @Get('products/:id/samples/:fileId')
  @Public()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'A public preview sample of one table file (first rows, UTF-8 CSV)' })
  @AnswersCsv('The first rows of the file, with spreadsheet formulas neutralised')
  sample(
    @Param('id', ParseUuidPipe) id: string,
    @Param('fileId', ParseUuidPipe) fileId: string,
    @Req() req: Request,
  ) {
    return this.views.sample(id, fileId, viewer(req));
  }

  @Patch('products/:id')
  @OrgRole('member', 'product:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change title, description, tags, price or licence (the seller)' })
  @Answers(ProductView)
  update(@Param('id', ParseUuidPipe) id: string, @Body() dto: UpdateProductDto) {
    return this.products.update(id, dto);
  }

  @Get('products/:id/pricing-guide')
  @Roles('operator')
  @OrgRole('member', 'product:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: '가격산정: a suggested price and how it was reached (the seller)' })
  @Answers(PricingGuideView)
  pricingGuide(@Param('id', ParseUuidPipe) id: string) {
    return this.views.pricingGuide(id);
  }

  @Post('products/:id/publish')
  @OrgRole('member', 'product:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'List the product; the pricing guide is stored with it' })
  @Refuses('INVALID_TRANSITION', 'ORGANIZATION_NOT_VERIFIED')
  @AnswersCreated(ProductView)
  publish(@Param('id', ParseUuidPipe) id: string) {
    return this.products.publish(id);
  }

  @Post('products/:id/delist')
  @Roles('operator')
  @OrgRole('member', 'product:id')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Delist with a reason; a processing-supported product stays listed a year (LISTING_LOCKED) unless an operator delists it',
  })
  @Refuses('LISTING_LOCKED', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(ProductView)
  delist(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: RequiredReasonDto,
    @CurrentUser() user: Principal,
  ) {
    return this.products.delist(id, dto.reason, user);
  }

  @Post('products/:id/revisions')
  @OrgRole('member', 'product:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Offer a newer sealed, verified version of the same dataset' })
  @Refuses('CONFLICT', 'VERSION_NOT_SEALED')
  @AnswersCreated(ProductView)
  revise(@Param('id', ParseUuidPipe) id: string, @Body() dto: RevisionDto) {
    return this.products.addRevision(id, dto);
  }

  @Get('organizations/:id/products')
  @Roles('operator')
  @OrgRole('member')
  @ApiBearerAuth()
  @ApiOperation({ summary: "A seller's products in every status (members, operators)" })
  @AnswersPage(ProductSummaryView)
  mine(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.views.listForOrganization(id, query);
  }

  @Get('licences')
  @Public()
  @ApiOperation({ summary: 'Licence templates products can use' })
  @AnswersPage(LicenceView)
  listLicences(@Query() query: PageQuery) {
    return this.licences.list(query);
  }

  @Put('licences/:code')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add or change a licence template (operators)' })
  @Answers(LicenceView)
  putLicence(
    @Param('code', LicenceCodePipe) code: string,
    @Body() dto: LicenceDto,
    @CurrentUser() user: Principal,
  ) {
    return this.licences.put(code, dto, user.id);
  }
}
