import { Transform } from 'node:stream';

/** A stream that passes every chunk through unchanged, showing each to `see` on the way (to hash or count it). */
export function tap(see: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      see(chunk);
      done(null, chunk);
    },
  });
}
