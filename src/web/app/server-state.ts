import type { DehydratedState } from '@tanstack/react-query';
import type { Language } from '../common/i18n';

/**
 * What the server used to draw a page (entry-server.tsx), handed to the browser's app in the page
 * as a JSON data block, which the Content-Security-Policy allows as it runs nothing: the answers
 * in TanStack Query's cache, the router's loader data, and the language it was drawn in.
 */
export interface ServerState {
  lang: Language;
  queries: DehydratedState;
  loaderData: Record<string, unknown>;
}

export const SERVER_STATE_ID = 'mdx-ssr';

/** The state as the page carries it: `<` escaped, so no text in it can end the script element. */
export function serverStateBlock(state: ServerState): string {
  const json = JSON.stringify(state).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${SERVER_STATE_ID}">${json}</script>`;
}

/** The state the server left in this page, or null when the page was not drawn there. */
export function readServerState(): ServerState | null {
  const block = document.getElementById(SERVER_STATE_ID);
  if (!block?.textContent) return null;
  try {
    return JSON.parse(block.textContent) as ServerState;
  } catch {
    return null;
  }
}
