import { api, ApiError, ok } from '../../../common/api';
import { partSizeFor, sha256Of } from './hash';
import { fileKey, forget, save, saved, type SavedUpload } from './resume';

export type Phase = 'hashing' | 'uploading' | 'completing' | 'done' | 'failed' | 'cancelled';

export interface Progress {
  phase: Phase;
  /** Bytes hashed (hashing) or stored (uploading). */
  bytes: number;
  total: number;
  /** Bytes per second over the last few seconds, while uploading. */
  speed: number;
  resumed: boolean;
  error?: string;
}

const IN_FLIGHT = 4;
const ATTEMPTS = 4;

/** Storage refused a part's bytes: they are not the ones hashed (the file changed meanwhile). */
const changedFile = () =>
  new ApiError({
    statusCode: 400,
    code: 'CHECKSUM_MISMATCH',
    message:
      'Storage refused a part: its bytes differ from the SHA-256 computed before the upload. Was the file changed meanwhile? Drop it again to upload it anew.',
    messageKo:
      '저장소가 파일 조각을 거부했습니다. 업로드 전에 계산한 SHA-256과 내용이 다릅니다. 그사이 파일이 바뀌었나요? 파일을 다시 끌어다 놓아 새로 올려 주세요.',
  });

/** PUTs one part with progress, with the headers signed into its URL; answers its ETag. */
function putPart(
  part: { url: string; headers?: Record<string, string> },
  body: Blob,
  onBytes: (n: number) => void,
  signal: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', part.url);
    for (const [name, value] of Object.entries(part.headers ?? {}))
      xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onload = () => {
      const etag = xhr.getResponseHeader('ETag');
      if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag);
      else if (xhr.status === 400 && xhr.responseText.includes('BadDigest')) reject(changedFile());
      else reject(new Error(`part answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/**
 * Uploads a file straight to storage with the presigned multipart flow: its SHA-256 and each
 * part's first (in a worker, streamed), then four parts in flight, each retried, every finished
 * part remembered so that a reload picks up where it stopped (drop the same file again). Storage
 * checks each part against its SHA-256; completion is the API's.
 */
export async function uploadFile(
  file: File,
  target: { datasetId: string; version: number },
  onProgress: (p: Progress) => void,
  signal: AbortSignal,
): Promise<void> {
  const key = fileKey(target.datasetId, target.version, file);
  let state: SavedUpload | null = saved(key);
  const resumed = state !== null;
  const report = (p: Omit<Progress, 'total' | 'resumed'>) =>
    onProgress({ ...p, total: file.size, resumed });

  if (!state) {
    const partSizeBytes = partSizeFor(file.size);
    const { sha256, partSha256 } = await sha256Of(file, partSizeBytes, (bytes) =>
      report({ phase: 'hashing', bytes, speed: 0 }),
    );
    if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    const start = await ok(
      api.POST('/api/datasets/{id}/versions/{version}/files', {
        params: { path: { id: target.datasetId, version: target.version } },
        body: {
          name: file.name,
          sizeBytes: file.size,
          sha256,
          contentType: file.type || 'text/csv',
          partSizeBytes,
          partSha256,
        },
      }),
    );
    state = {
      key,
      ...target,
      name: file.name,
      size: file.size,
      lastModified: file.lastModified,
      sha256,
      uploadId: start.uploadId,
      partSizeBytes: start.partSizeBytes,
      parts: start.parts,
      done: {},
      expiresAt: start.expiresAt,
    };
    save(state);
  }
  const s = state;
  const cancel = () => {
    void api.DELETE('/api/uploads/{uploadId}', { params: { path: { uploadId: s.uploadId } } });
    forget(key);
  };
  signal.addEventListener('abort', cancel, { once: true });

  const sizeOf = (n: number) => Math.min(s.partSizeBytes, file.size - (n - 1) * s.partSizeBytes);
  const inFlight = new Map<number, number>();
  const stored = () =>
    Object.keys(s.done).reduce((a, n) => a + sizeOf(Number(n)), 0) +
    [...inFlight.values()].reduce((a, b) => a + b, 0);
  const samples: [number, number][] = [];
  const tick = () => {
    const now = performance.now();
    const bytes = stored();
    samples.push([now, bytes]);
    while (samples.length > 2 && now - samples[0][0] > 3000) samples.shift();
    const [t0, b0] = samples[0];
    report({ phase: 'uploading', bytes, speed: now > t0 ? ((bytes - b0) * 1000) / (now - t0) : 0 });
  };
  tick();

  const queue = s.parts.filter((p) => !s.done[p.partNumber]);
  const worker = async () => {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const body = file.slice(
        (part.partNumber - 1) * s.partSizeBytes,
        part.partNumber * s.partSizeBytes,
      );
      for (let attempt = 1; ; attempt++) {
        try {
          const etag = await putPart(
            part,
            body,
            (n) => {
              inFlight.set(part!.partNumber, n);
              tick();
            },
            signal,
          );
          inFlight.delete(part.partNumber);
          s.done[part.partNumber] = etag;
          save(s);
          tick();
          break;
        } catch (err) {
          inFlight.delete(part.partNumber);
          if (signal.aborted || attempt >= ATTEMPTS || err instanceof ApiError) throw err;
          await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  signal.removeEventListener('abort', cancel);
  report({ phase: 'completing', bytes: file.size, speed: 0 });
  await ok(
    api.POST('/api/uploads/{uploadId}/complete', {
      params: { path: { uploadId: s.uploadId } },
      body: {
        parts: Object.entries(s.done)
          .map(([n, etag]) => ({ partNumber: Number(n), etag }))
          .sort((a, b) => a.partNumber - b.partNumber),
      },
    }),
  );
  forget(key);
  report({ phase: 'done', bytes: file.size, speed: 0 });
}
