import { useQuery } from '@tanstack/react-query';
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
