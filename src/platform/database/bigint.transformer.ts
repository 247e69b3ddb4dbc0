import type { ValueTransformer } from 'typeorm';

/**
 * Money columns are PostgreSQL `bigint`; in code they are `bigint`, never `number`.
 * pg returns int8 as a string, which this turns into a bigint without loss.
 */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
