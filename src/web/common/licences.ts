import { useQuery } from '@tanstack/react-query';
import { useBilingual } from './i18n';
import { api, type ApiClient, ok } from './api';

/**
 * The licence templates (GET /api/licences). The catalog's loader asks for them beside its search,
 * so the page drawn on the server already names each product's licence.
 */
export function licencesQuery(client: ApiClient = api) {
  return {
    queryKey: ['licences'],
    queryFn: () => ok(client.GET('/api/licences')),
    staleTime: 10 * 60_000,
  };
}

/** A licence's name in the reader's language; its code until the templates have come. */
export function useLicenceName(): (code: string) => string {
  const { data } = useQuery(licencesQuery());
  const { text } = useBilingual();
  return (code) => {
    const licence = data?.items.find((l) => l.code === code);
    return licence ? text(licence.name, licence.nameKo) : code;
  };
}
