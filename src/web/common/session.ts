import { useSyncExternalStore } from 'react';

/** The signed-in user's tokens, kept across reloads in this browser only. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** Why the user was sent back to sign-in. */
export type SignedOutReason = 'expired' | 'theft' | 'signedOut' | 'withdrawn';

const KEY = 'mdx.session';
let tokens: Tokens | null = read();
let reason: SignedOutReason | null = null;
const listeners = new Set<() => void>();

function read(): Tokens | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  } catch {
    return null;
  }
}

function emit() {
  for (const l of listeners) l();
}

export const session = {
  get tokens() {
    return tokens;
  },
  get reason() {
    return reason;
  },
  signIn(next: Tokens) {
    tokens = next;
    reason = null;
    localStorage.setItem(KEY, JSON.stringify(next));
    emit();
  },
  signOut(why: SignedOutReason) {
    tokens = null;
    reason = why;
    localStorage.removeItem(KEY);
    emit();
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signing in or out changes this one too.
if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    tokens = read();
    emit();
  });

/**
 * True while someone is signed in; re-renders on sign-in and sign-out. A page drawn by the server
 * is drawn for nobody in particular: the app takes it over as that, then shows who is signed in.
 */
export function useSignedIn(): boolean {
  return useSyncExternalStore(
    session.subscribe,
    () => tokens !== null,
    () => false,
  );
}
