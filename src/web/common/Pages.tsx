import { Pagination } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

type Pager = { total: number; pageSize: number; page: number } & (
  | { onChange: (page: number) => void; href?: never }
  | { href: (page: number) => string; onChange?: never }
);

/**
 * Page links under a list, each named for a screen reader ("3쪽", "다음 쪽"); nothing when the
 * list fits on one page. With `href`, each is a real link to its page's address (the router
 * follows it in the app, the browser before the app has run), rather than a button.
 */
export function Pages({ total, pageSize, page, onChange, href }: Pager) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  const pages = Math.ceil(total / pageSize);
  const target = { first: 1, previous: page - 1, next: page + 1, last: pages };
  const link = (n: number) =>
    href && n >= 1 && n <= pages && n !== page ? { component: Link, to: href(n) } : {};
  return (
    <Pagination
      total={pages}
      value={page}
      onChange={onChange ?? (() => undefined)}
      getControlProps={(control) => ({
        'aria-label': t(`catalog.pageControl.${control}`),
        ...link(target[control]),
      })}
      getItemProps={(n) => ({ 'aria-label': t('catalog.pageN', { page: n }), ...link(n) })}
    />
  );
}

/**
 * The address of each page of a list whose page is in the address (`?page=`), keeping the
 * address's other parameters; the first page has none.
 */
export function pageInAddress(params: URLSearchParams) {
  return (page: number) => {
    const next = new URLSearchParams(params);
    if (page === 1) next.delete('page');
    else next.set('page', String(page));
    return `?${next}`;
  };
}

/**
 * Keeps a paged list on a page that exists: when rows leave it (a claim verified, a member
 * suspended) and the last page empties, it goes back to the new last page.
 */
export function useExistingPage(
  page: number,
  setPage: (page: number) => void,
  total: number | undefined,
  pageSize: number,
) {
  useEffect(() => {
    if (total === undefined) return;
    const last = Math.max(1, Math.ceil(total / pageSize));
    if (page > last) setPage(last);
  }, [page, setPage, total, pageSize]);
}
