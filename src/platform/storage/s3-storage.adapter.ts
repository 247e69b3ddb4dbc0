import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { AppConfig } from '../config/config.js';
import { StoragePort, type StoredObject, type StoredPart } from './storage.port.js';

const base64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
const hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');
const CHECKSUM_HEADER = 'x-amz-checksum-sha256';

export function createS3Client(storage: AppConfig['storage']): S3Client {
  return new S3Client({
    region: storage.region,
    endpoint: storage.endpoint,
    forcePathStyle: storage.forcePathStyle ?? Boolean(storage.endpoint),
    credentials:
      storage.accessKeyId && storage.secretAccessKey
        ? { accessKeyId: storage.accessKeyId, secretAccessKey: storage.secretAccessKey }
        : undefined,
    // s3rver stores streamed bodies with aws-chunked framing otherwise (see docs/architecture.md).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export class S3StorageAdapter extends StoragePort {
  readonly bucket: string;
  readonly endpoint: string | undefined;
  readonly mode: 'embedded' | 'external';

  constructor(
    private readonly client: S3Client,
    storage: AppConfig['storage'],
  ) {
    super();
    this.bucket = storage.bucket;
    this.endpoint = storage.endpoint;
    this.mode = storage.mode;
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** Creates the bucket when it does not exist (embedded mode and first starts). */
  async ensureBucket(): Promise<void> {
    try {
      await this.check();
    } catch {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
  }

  async put(key: string, body: Buffer | Readable, contentType?: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        sizeBytes: Number(out.ContentLength ?? 0),
        etag: out.ETag,
        contentType: out.ContentType,
      };
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return undefined;
      throw err;
    }
  }

  async read(key: string): Promise<Readable> {
    const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return out.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async startMultipart(
    key: string,
    contentType: string,
    plan: { sizeBytes: number; partSizeBytes: number; checksums?: boolean },
  ): Promise<string> {
    const out = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: contentType,
        ChecksumAlgorithm: plan.checksums ? 'SHA256' : undefined,
        // The plan rides with the upload: the local S3 server holds each part to its length.
        Metadata: {
          'upload-size': String(plan.sizeBytes),
          'part-size': String(plan.partSizeBytes),
        },
      }),
    );
    return out.UploadId!;
  }

  async listParts(key: string, uploadId: string): Promise<StoredPart[] | undefined> {
    try {
      const parts: StoredPart[] = [];
      for (let marker: string | undefined; ;) {
        const out = await this.client.send(
          new ListPartsCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumberMarker: marker,
          }),
        );
        for (const p of out.Parts ?? [])
          parts.push({
            partNumber: p.PartNumber!,
            sizeBytes: Number(p.Size ?? 0),
            etag: p.ETag ?? '',
            sha256: p.ChecksumSHA256 ? hex(p.ChecksumSHA256) : undefined,
          });
        if (!out.IsTruncated) return parts;
        marker = out.NextPartNumberMarker;
      }
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return undefined;
      throw err;
    }
  }

  async presignPart(
    key: string,
    uploadId: string,
    part: { partNumber: number; contentLength: number; sha256?: string },
    expiresInSeconds: number,
  ): Promise<{ url: string; headers: Record<string, string> }> {
    const checksum = part.sha256 ? base64(part.sha256) : undefined;
    const url = await getSignedUrl(
      this.client,
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: part.partNumber,
        // Signed into the URL: S3 refuses a body of any other length.
        ContentLength: part.contentLength,
        ChecksumSHA256: checksum,
      }),
      {
        expiresIn: expiresInSeconds,
        signableHeaders: new Set(['content-length', ...(checksum ? [CHECKSUM_HEADER] : [])]),
        // S3 checks a checksum sent as a header only; hoisted into the query it is ignored
        // (aws-sdk-js-v3 #3906), so it stays a signed header the client must send.
        unhoistableHeaders: new Set(checksum ? [CHECKSUM_HEADER] : []),
      },
    );
    return { url, headers: checksum ? { [CHECKSUM_HEADER]: checksum } : {} };
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string; sha256?: string }[],
  ): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: parts.map((p) => ({
            PartNumber: p.partNumber,
            ETag: p.etag,
            ChecksumSHA256: p.sha256 ? base64(p.sha256) : undefined,
          })),
        },
      }),
    );
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    await this.client.send(
      new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
    );
  }

  presignGet(key: string, expiresInSeconds: number, downloadName?: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: downloadName
          ? `attachment; filename*=UTF-8''${encodeURIComponent(downloadName)}`
          : undefined,
      }),
      { expiresIn: expiresInSeconds },
    );
  }
}
