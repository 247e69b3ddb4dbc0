/**
 * What an upload in progress needs to go on after a page reload: its id, the part URLs the API
 * signed, and the ETags of the parts already stored. Kept in localStorage per dataset version.
 */
export interface SavedUpload {
  key: string;
  datasetId: string;
  version: number;
  name: string;
  size: number;
  lastModified: number;
  sha256: string;
  uploadId: string;
  partSizeBytes: number;
  parts: { partNumber: number; url: string; headers?: Record<string, string> }[];
  done: Record<number, string>;
  expiresAt: string;
}

const PREFIX = 'mdx.upload.';

export function fileKey(
  datasetId: string,
  version: number,
  file: { name: string; size: number; lastModified: number },
) {
  return `${datasetId}/${version}/${file.name}/${file.size}/${file.lastModified}`;
}

export function saved(key: string): SavedUpload | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    const s = raw ? (JSON.parse(raw) as SavedUpload) : null;
    // Part URLs expire: an upload past them starts again.
    return s && Date.parse(s.expiresAt) > Date.now() + 60_000 ? s : null;
  } catch {
    return null;
  }
}

export function save(s: SavedUpload) {
  localStorage.setItem(PREFIX + s.key, JSON.stringify(s));
}

export function forget(key: string) {
  localStorage.removeItem(PREFIX + key);
}

/** The unfinished uploads of one dataset version, to offer them again after a reload. */
export function unfinished(datasetId: string, version: number): SavedUpload[] {
  const out: SavedUpload[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i)!;
    if (!k.startsWith(PREFIX)) continue;
    const s = saved(k.slice(PREFIX.length));
    if (s && s.datasetId === datasetId && s.version === version) out.push(s);
  }
  return out;
}
