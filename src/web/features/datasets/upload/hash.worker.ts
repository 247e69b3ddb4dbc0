/// <reference lib="webworker" />
import { createSHA256 } from 'hash-wasm';

/**
 * The SHA-256 of a file and of each of its parts, in one pass of slices, so that a file of
 * gigabytes never sits in memory whole. Posts { progress } as it goes and { sha256, partSha256 }
 * at the end. Storage checks each part against its SHA-256 as it arrives.
 */
const SLICE = 8 * 1024 * 1024;

self.onmessage = async (e: MessageEvent<{ file: File; partSizeBytes: number }>) => {
  try {
    const { file, partSizeBytes } = e.data;
    const whole = await createSHA256();
    const part = await createSHA256();
    whole.init();
    const partSha256: string[] = [];
    for (let start = 0; start < file.size || partSha256.length === 0; start += partSizeBytes) {
      const end = Math.min(start + partSizeBytes, file.size);
      part.init();
      for (let at = start; at < end; at += SLICE) {
        const bytes = new Uint8Array(await file.slice(at, Math.min(at + SLICE, end)).arrayBuffer());
        whole.update(bytes);
        part.update(bytes);
        self.postMessage({ progress: Math.min(at + SLICE, end) });
      }
      partSha256.push(part.digest('hex'));
    }
    self.postMessage({ sha256: whole.digest('hex'), partSha256 });
  } catch (err) {
    self.postMessage({ error: (err as Error).message });
  }
};
