import { useQuery } from '@tanstack/react-query';
import type { components } from '../api/openapi.gen';
import { api, ok } from './api';
import { useSignedIn } from './session';

/** The signed-in user with their organizations (null when nobody is signed in). */
export function useMe() {
  const signedIn = useSignedIn();
  const query = useQuery({
    queryKey: ['me'],
    queryFn: () => ok(api.GET('/api/me')),
    enabled: signedIn,
    staleTime: 60_000,
  });
  return { ...query, me: signedIn ? (query.data ?? null) : null, signedIn };
}

/**
 * The reader's organizations that may buy a product: every one but its seller. The server also
 * refuses buyers related to the seller; this only keeps the page from offering the seller itself.
 */
export function buyingMemberships(
  me: components['schemas']['MeView'] | null | undefined,
  sellerOrganizationId: string,
): components['schemas']['MembershipView'][] {
  return me?.memberships.filter((m) => m.organizationId !== sellerOrganizationId) ?? [];
}
