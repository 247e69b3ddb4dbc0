/** The shapes of a quality report (stored as JSON with the version, shown to sellers and buyers). */

export interface TimeSeriesProfile {
  column: string;
  /** The strptime format when the column was text, e.g. `%Y/%m/%d %-H:%M`; null when typed by DuckDB. */
  format: string | null;
  first: string | null;
  last: string | null;
  /** Rows whose timestamp is earlier than the row before. */
  outOfOrder: number;
  /** Rows sharing a timestamp with another row. */
  repeated: number;
  /** Typical step between distinct timestamps, seconds. */
  medianIntervalSeconds: number | null;
  /** Steps longer than twice the typical one. */
  gaps: number;
  largestGapSeconds: number | null;
}

export interface SpellingVariant {
  column: string;
  /** The most frequent spelling, then the others, e.g. ["OK", "ok", "Ok "]. */
  spellings: string[];
  /** Rows using a spelling other than the most frequent one. */
  rows: number;
}

export interface ColumnProfile {
  name: string;
  type: string;
  missing: number;
  distinct: number;
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  /** Values outside the declared schema (null when no schema covers the column). */
  invalid: number | null;
}

export interface ScoreBreakdown {
  score: number;
  /** `explanationKo`: the same in Korean (reports made before it was added have none). */
  parts: {
    name: string;
    weight: number;
    value: number;
    explanation: string;
    explanationKo?: string;
  }[];
  formula: string;
}

export interface FileReport {
  fileId: string;
  name: string;
  sizeBytes: number;
  kind: 'table' | 'other' | 'empty';
  format: string | null;
  mediaType: string | null;
  encoding: string | null;
  delimiter: string | null;
  header: boolean | null;
  rows: number | null;
  columns: ColumnProfile[];
  duplicateRows: number | null;
  timeSeries: TimeSeriesProfile | null;
  spellingVariants: SpellingVariant[];
  schemaProblems: string[];
  score: ScoreBreakdown | null;
  /** Why the file could not be read, when it could not. */
  error: string | null;
  /** The same in Korean (absent from reports made before it was added). */
  errorKo?: string | null;
  previewKey: string | null;
}

export interface DeclaredColumn {
  name: string;
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'timestamp';
  min?: number;
  max?: number;
  allowed?: string[];
  required?: boolean;
}
