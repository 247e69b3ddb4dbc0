/** The SHA-256 of a file, computed in a Web Worker (the page stays responsive). */
export function sha256Of(file: File, onProgress: (hashedBytes: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (
      e: MessageEvent<{ progress?: number; sha256?: string; error?: string }>,
    ) => {
      if (e.data.progress !== undefined) onProgress(e.data.progress);
      if (e.data.sha256) {
        resolve(e.data.sha256);
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
    worker.postMessage({ file });
  });
}
