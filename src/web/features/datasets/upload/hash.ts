const MiB = 1024 * 1024;

/**
 * The part size this app asks for: 8 MiB, or more (whole MiB) when a file would need over
 * 10,000 parts, S3's limit. Sent with the upload, so the API splits the file the same way.
 */
export function partSizeFor(sizeBytes: number): number {
  return Math.max(8 * MiB, Math.ceil(sizeBytes / 10_000 / MiB) * MiB);
}

/**
 * The SHA-256 of a file and of each of its parts, computed in a Web Worker (the page stays
 * responsive).
 */
export function sha256Of(
  file: File,
  partSizeBytes: number,
  onProgress: (hashedBytes: number) => void,
): Promise<{ sha256: string; partSha256: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (
      e: MessageEvent<{
        progress?: number;
        sha256?: string;
        partSha256?: string[];
        error?: string;
      }>,
    ) => {
      if (e.data.progress !== undefined) onProgress(e.data.progress);
      if (e.data.sha256 && e.data.partSha256) {
        resolve({ sha256: e.data.sha256, partSha256: e.data.partSha256 });
        worker.terminate();
      }
      if (e.data.error) {
        reject(new Error(e.data.error));
        worker.terminate();
      }
    };
    worker.onerror = (e) => {
      reject(new Error(e.message));
      worker.terminate();
    };
    worker.postMessage({ file, partSizeBytes });
  });
}
