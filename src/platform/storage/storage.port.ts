import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  sizeBytes: number;
  etag?: string;
  contentType?: string;
}

export interface StoredPart {
  partNumber: number;
  sizeBytes: number;
  etag: string;
  sha256?: string;
}

/**
 * What the domain asks of object storage. The S3 adapter implements it for AWS S3 and any
 * S3-compatible server; modules depend on this port, never on the AWS SDK.
 */
export abstract class StoragePort {
  /** `embedded` when this process started a local S3-compatible server, else `external`. */
  abstract readonly mode: 'embedded' | 'external';
  abstract readonly bucket: string;
  abstract readonly endpoint: string | undefined;
  /** Resolves when the bucket is reachable; rejects with the storage's error otherwise. */
  abstract check(): Promise<void>;
  abstract put(key: string, body: Buffer | Readable, contentType?: string): Promise<void>;
  abstract head(key: string): Promise<StoredObject | undefined>;
  abstract read(key: string): Promise<Readable>;
  abstract delete(key: string): Promise<void>;
  /**
   * Starts a multipart upload of a file of this size in parts of this size; answers its id.
   * `checksums` asks storage to check each part's SHA-256 as it arrives (S3's additional
   * checksums): the parts must then be presigned and completed with theirs.
   */
  abstract startMultipart(
    key: string,
    contentType: string,
    plan: { sizeBytes: number; partSizeBytes: number; checksums?: boolean },
  ): Promise<string>;
  /**
   * The parts stored so far; undefined when storage knows no such upload (completed, aborted).
   * `sha256` (hex) is the part's SHA-256 as storage computed it, when the upload has checksums
   * and the store keeps them.
   */
  abstract listParts(key: string, uploadId: string): Promise<StoredPart[] | undefined>;
  /**
   * A short-lived URL the client PUTs one part to, straight to storage; the part's exact length
   * is signed into it, so storage refuses a body of any other length. With `sha256` (hex) the
   * part's checksum is signed in too: the client sends `headers` with the PUT, and storage
   * refuses a body with another SHA-256 (400 BadDigest).
   */
  abstract presignPart(
    key: string,
    uploadId: string,
    part: { partNumber: number; contentLength: number; sha256?: string },
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }>;
  /** Joins the parts; with their `sha256` (hex) storage checks them against the stored parts. */
  abstract completeMultipart(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string; sha256?: string }[],
  ): Promise<void>;
  abstract abortMultipart(key: string, uploadId: string): Promise<void>;
  /** A short-lived URL to GET the object directly from storage. */
  abstract presignGet(
    key: string,
    expiresInSeconds: number,
    downloadName?: string,
  ): Promise<string>;
}
