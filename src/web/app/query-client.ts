import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../common/api';

/** The app's one cache of answers from the API. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network failure may.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.body.statusCode < 500),
      refetchOnWindowFocus: false,
    },
  },
});
