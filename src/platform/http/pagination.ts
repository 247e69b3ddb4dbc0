import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Far past any list's end (200 a page): a bound so an offset never overflows. */
export const MAX_PAGE = 100_000;

/** `?page=&pageSize=` for every list; lists answer `{ items, total, page, pageSize }`. */
export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1)
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;
}

/**
 * A list's `?q=`: optional words (trimmed, at most 100 characters) that `description` says
 * where the list looks for.
 */
export function SearchWords(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ description, maxLength: 100 }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim() : value,
    ),
    IsString(),
    MaxLength(100),
  );
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of what a query answers, with the total, in one round trip (count(*) OVER ()).
 * `orderBy` names the query's output columns (`"grantedAt" DESC, id`); it must end in a unique one.
 */
export async function pagedQuery<T>(
  m: { query(sql: string, params?: unknown[]): Promise<unknown[]> },
  sql: string,
  params: unknown[],
  orderBy: string,
  query: PageQuery,
): Promise<Page<T>> {
  const n = params.length;
  const rows = (await m.query(
    `SELECT listed.*, count(*) OVER ()::int AS "__total" FROM (${sql}) listed
      ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...params, query.pageSize, (query.page - 1) * query.pageSize],
  )) as (T & { __total: number })[];
  const total = rows[0]?.__total ?? (query.page > 1 ? await countOf(m, sql, params) : 0);
  return {
    items: rows.map(({ __total: _t, ...row }) => row as unknown as T),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The total when the page asked for is past the end (no row carried it). */
async function countOf(
  m: { query(sql: string, params?: unknown[]): Promise<unknown[]> },
  sql: string,
  params: unknown[],
): Promise<number> {
  const [row] = (await m.query(`SELECT count(*)::int AS n FROM (${sql}) listed`, params)) as {
    n: number;
  }[];
  return row.n;
}

/** A page from TypeORM's findAndCount (`skip`/`take` from the query). */
export function pageOf<T>([items, total]: [T[], number], query: PageQuery): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** skip and take for TypeORM. */
export const window = (query: PageQuery) => ({
  skip: (query.page - 1) * query.pageSize,
  take: query.pageSize,
});
