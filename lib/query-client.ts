import { QueryClient } from '@tanstack/react-query';

// One factory: data rendered by the server stays fresh for a while, so hydration does not refetch at once.
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: 1 } },
  });
}
