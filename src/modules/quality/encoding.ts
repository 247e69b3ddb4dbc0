import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';

export type TextEncoding = 'UTF-8' | 'UTF-8 with BOM' | 'CP949';

export class BrokenFileError extends Error {
  /** `message` in English, `messageKo` the same in Korean: both reach the data's owner. */
  constructor(
    message: string,
    readonly messageKo: string,
  ) {
    super(message);
  }
}

/** DuckDB met bytes that are not UTF-8: the file may be CP949 (`fromCp949`). */
export class NotUtf8Error extends BrokenFileError {}

/** A file that starts with a UTF-8 byte-order mark and then holds bytes that are not UTF-8. */
export const bomButNotUtf8 = () =>
  new BrokenFileError(
    'The file starts with a UTF-8 byte-order mark but is not valid UTF-8.',
    '파일이 UTF-8 바이트 순서 표시(BOM)로 시작하지만 올바른 UTF-8이 아닙니다.',
  );

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Whether the whole file is valid UTF-8, read as a stream (never all in memory). */
async function isUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
      decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** Counts U+FFFD in a CP949 decoding of the file: bytes that are not CP949 either. */
async function cp949Errors(path: string): Promise<{ errors: number; chars: number }> {
  let errors = 0;
  let chars = 0;
  const decoder = iconv.getDecoder('cp949');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const text = decoder.write(chunk as Buffer);
    chars += text.length;
    for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) errors++;
  }
  return { errors, chars };
}

async function head(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Finds a text file's encoding (UTF-8, UTF-8 with a byte-order mark, or CP949/EUC-KR) and writes
 * it as plain UTF-8 without BOM to `target` when it is not that already. Returns the path DuckDB
 * should read. Korean legacy files are transcoded with iconv-lite, streaming.
 */
export async function toUtf8(
  path: string,
  target: string,
): Promise<{ encoding: TextEncoding; path: string }> {
  if (startsWithBom(await head(path, 3))) {
    if (!(await isUtf8(path))) throw bomButNotUtf8();
    await pipeline(createReadStream(path, { start: 3 }), createWriteStream(target));
    return { encoding: 'UTF-8 with BOM', path: target };
  }
  if (await isUtf8(path)) return { encoding: 'UTF-8', path };
  return fromCp949(path, target);
}

/** Whether a file's first bytes are a UTF-8 byte-order mark (DuckDB's CSV reader skips it). */
export function startsWithBom(first: Buffer): boolean {
  return first.subarray(0, 3).equals(BOM);
}

/**
 * Writes a CP949/EUC-KR file as UTF-8 to `target`, streaming; refuses a file that is not CP949
 * either (more than one undecodable byte in a thousand characters).
 */
export async function fromCp949(
  path: string,
  target: string,
): Promise<{ encoding: TextEncoding; path: string }> {
  const { errors, chars } = await cp949Errors(path);
  if (errors > 0 && errors / Math.max(chars, 1) > 0.001)
    throw new BrokenFileError(
      `The file is neither UTF-8 nor CP949/EUC-KR text (${errors} undecodable bytes).`,
      `파일이 UTF-8도 CP949/EUC-KR 텍스트도 아닙니다 (해석할 수 없는 바이트 ${errors}개).`,
    );
  await pipeline(
    createReadStream(path, { highWaterMark: 1 << 20 }),
    iconv.decodeStream('cp949'),
    iconv.encodeStream('utf8'),
    createWriteStream(target),
  );
  return { encoding: 'CP949', path: target };
}

export { head as readHead };
