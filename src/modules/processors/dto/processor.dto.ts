import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQuery, SearchWords } from '../../../platform/http/pagination.js';
import { TECHNOLOGIES, type Technology } from '../technologies.js';

export class ProcessorQueryDto extends PageQuery {
  @SearchWords('Words to find in the name, summary, technologies or industries')
  q?: string;

  @ApiPropertyOptional({ enum: TECHNOLOGIES })
  @IsOptional()
  @IsIn(TECHNOLOGIES)
  technology?: Technology;

  @ApiPropertyOptional({ example: '29', description: 'KSIC code or prefix of an industry served' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'industry must be a KSIC code of 2 to 5 digits' })
  industry?: string;

  @ApiPropertyOptional({
    enum: ['ACTIVE', 'SUSPENDED'],
    default: 'ACTIVE',
    description: 'SUSPENDED lists suspended members with their reasons (operators only)',
  })
  @IsOptional()
  @IsIn(['ACTIVE', 'SUSPENDED'])
  status?: 'ACTIVE' | 'SUSPENDED';

  @ApiPropertyOptional({
    enum: ['record', 'fit'],
    default: 'record',
    description:
      'record: newest pool year, then most projects done. fit (matching a project): those with room first, then those offering more of `wants`, those serving `forIndustry`, the most free slots and the most projects done',
  })
  @IsOptional()
  @IsIn(['record', 'fit'])
  sort?: 'record' | 'fit';

  @ApiPropertyOptional({
    enum: TECHNOLOGIES,
    isArray: true,
    description: 'With sort=fit: the processing a project asks for (comma-separated or repeated)',
  })
  @IsOptional()
  @Transform(({ value }) =>
    (Array.isArray(value) ? value : String(value).split(','))
      .map((v: string) => v.trim())
      .filter(Boolean),
  )
  @IsArray()
  @ArrayMaxSize(TECHNOLOGIES.length)
  @IsIn(TECHNOLOGIES, {
    each: true,
    message: `each of wants must be one of ${TECHNOLOGIES.join(', ')}`,
  })
  wants?: Technology[];

  @ApiPropertyOptional({
    example: '24',
    description: "With sort=fit: the owner's industry (KSIC code or prefix)",
  })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'forIndustry must be a KSIC code of 2 to 5 digits' })
  forIndustry?: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(5000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100_000) staffCount?: number;

  @ApiPropertyOptional({ enum: TECHNOLOGIES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(TECHNOLOGIES, {
    each: true,
    message: `each technology must be one of ${TECHNOLOGIES.join(', ')}`,
  })
  technologies?: Technology[];

  @ApiPropertyOptional({ example: ['29'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^\d{2,5}$/, {
    each: true,
    message: 'each industry must be a KSIC code of 2 to 5 digits',
  })
  industries?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  references?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 100,
    description:
      'Projects taken at once; null: the platform limit, which caps it either way (MAX_OPEN_PROJECTS_PER_PROCESSOR)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  capacity?: number | null;
}
