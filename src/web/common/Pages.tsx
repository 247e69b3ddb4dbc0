import { Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Page links under a list, each named for a screen reader ("3쪽", "다음 쪽"); nothing when the
 * list fits on one page.
 */
export function Pages({
  total,
  pageSize,
  page,
  onChange,
}: {
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  return (
    <Pagination
      total={Math.ceil(total / pageSize)}
      value={page}
      onChange={onChange}
      getControlProps={(control) => ({ 'aria-label': t(`catalog.pageControl.${control}`) })}
      getItemProps={(n) => ({ 'aria-label': t('catalog.pageN', { page: n }) })}
    />
  );
}
