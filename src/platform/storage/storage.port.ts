import type { Readable } from 'node:stream';

export interface StoredObject {
  key: string;
  sizeBytes: number;
  etag?: string;
  contentType?: string;
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
  /** Starts a multipart upload of a file of this size in parts of this size; answers its id. */
  abstract startMultipart(
    key: string,
    contentType: string,
    plan: { sizeBytes: number; partSizeBytes: number },
  ): Promise<string>;
  /** The parts stored so far; undefined when storage knows no such upload (completed, aborted). */
  abstract listParts(
    key: string,
    uploadId: string,
  ): Promise<{ partNumber: number; sizeBytes: number; etag: string }[] | undefined>;
  /**
   * A short-lived URL the client PUTs one part to, straight to storage; the part's exact length
   * is signed into it, so storage refuses a body of any other length.
   */
  abstract presignPart(
    key: string,
    uploadId: string,
    partNumber: number,
    contentLength: number,
    expiresInSeconds: number,
  ): Promise<string>;
  abstract completeMultipart(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
  ): Promise<void>;
  abstract abortMultipart(key: string, uploadId: string): Promise<void>;
  /** A short-lived URL to GET the object directly from storage. */
  abstract presignGet(
    key: string,
    expiresInSeconds: number,
    downloadName?: string,
  ): Promise<string>;
}
