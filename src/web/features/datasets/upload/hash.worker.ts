/// <reference lib="webworker" />
import { createSHA256 } from 'hash-wasm';

/**
 * SHA-256 of a file, streamed in slices so that a file of gigabytes never sits in memory whole.
 * Posts { progress } as it goes and { sha256 } at the end.
 */
const SLICE = 8 * 1024 * 1024;

self.onmessage = async (e: MessageEvent<{ file: File }>) => {
  try {
    const { file } = e.data;
    const hasher = await createSHA256();
    hasher.init();
    for (let at = 0; at < file.size; at += SLICE) {
      hasher.update(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()));
      self.postMessage({ progress: Math.min(at + SLICE, file.size) });
    }
    self.postMessage({ sha256: hasher.digest('hex') });
  } catch (err) {
    self.postMessage({ error: (err as Error).message });
  }
};
