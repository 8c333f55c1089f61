import { QueryClient } from "@tanstack/react-query";

/** One factory, so server prefetching and the browser agree on defaults. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // Data shown right after a server render is fresh: do not refetch it at once.
      queries: { staleTime: 30_000, refetchOnWindowFocus: true },
    },
  });
}
