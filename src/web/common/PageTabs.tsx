import { Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

/**
 * The page's query string as state: `set('tab', 'orders')` changes one parameter and keeps the
 * others, replacing the history entry (a tab is not a page to go back to).
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  return { params, set, setParams };
}

/** A page's tabs, the chosen one in the URL (`?tab=`); names from `<labels>.<tab>`. */
export function PageTabs<T extends string>({
  tabs,
  value,
  labels,
  onChange,
  children,
}: {
  tabs: readonly T[];
  value: T;
  labels: string;
  onChange: (tab: T) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Tabs value={value} onChange={(v) => onChange((v ?? tabs[0]) as T)} keepMounted={false}>
      <Tabs.List>
        {tabs.map((x) => (
          <Tabs.Tab key={x} value={x}>
            {t(`${labels}.${String(x)}` as string)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {children}
    </Tabs>
  );
}
