import argon2 from '@node-rs/argon2';

// argon2id (algorithm 2) with the library's defaults: 19 MiB memory, 2 passes, 1 lane (OWASP).
const OPTIONS = { algorithm: 2 as argon2.Algorithm };

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not tell. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that matches nothing');
  return decoy;
}
