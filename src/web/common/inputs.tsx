import {
  type ComboboxItem,
  NumberInput,
  type NumberInputProps,
  Select,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from './i18n';
import { api, ok } from './api';
import { licencesQuery } from './licences';

/** A price in whole won: thousands separated, no decimals, `원` after it (`₩` before it in English). */
export function PriceInput(props: NumberInputProps) {
  const { ko } = useBilingual();
  const unit = ko ? { suffix: '원' } : { prefix: '₩' };
  return <NumberInput thousandSeparator="," {...unit} min={1} allowDecimal={false} {...props} />;
}

/** The licence templates (GET /api/licences), named in the reader's language with their term. */
export function LicenceSelect({
  value,
  onChange,
}: {
  value: string;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  const { text } = useBilingual();
  const licences = useQuery(licencesQuery());
  return (
    <Select
      label={t('product.licence')}
      value={value}
      allowDeselect={false}
      onChange={(v) => onChange(v!)}
      data={(licences.data?.items ?? []).map((l) => ({
        value: l.code,
        label: `${text(l.name, l.nameKo)} (${t('product.termMonths', { count: l.termMonths })})`,
      }))}
    />
  );
}

/** Which of the user's organizations a page acts for. */
export function OrganizationSelect({
  label,
  memberships,
  value,
  onChange,
  w,
}: {
  label: string;
  memberships: { organizationId: string; organizationName: string }[];
  value: string;
  onChange: (organizationId: string) => void;
  w?: number;
}) {
  return (
    <Select
      w={w}
      label={label}
      value={value}
      allowDeselect={false}
      onChange={(v) => onChange(v!)}
      data={memberships.map((m) => ({ value: m.organizationId, label: m.organizationName }))}
    />
  );
}

/**
 * A search box for a list the server searches: it hands over the trimmed words once the typing
 * pauses (300 ms), not on every key, so a list asks the server once per search.
 */
export function SearchInput({ label, onSearch }: { label: string; onSearch: (q: string) => void }) {
  const search = useDebouncedCallback((q: string) => onSearch(q.trim()), 300);
  return (
    <TextInput
      w={280}
      type="search"
      label={label}
      onChange={(e) => search(e.currentTarget.value)}
    />
  );
}

/**
 * A choice among more items than a page holds: the first `pageSize` show, and typing asks the
 * server for the items whose title holds the words (once typing pauses). `find` answers one
 * page of options for the words ('' for none).
 */
export function SearchSelect({
  label,
  queryKey,
  find,
  value,
  onChange,
  exclude,
  placeholder,
  clearable,
  w,
}: {
  label: string;
  queryKey: unknown[];
  find: (words: string) => Promise<ComboboxItem[]>;
  value: string | null;
  onChange: (value: string | null) => void;
  /** Items not to offer (already chosen elsewhere). */
  exclude?: Set<string>;
  placeholder?: string;
  clearable?: boolean;
  w?: number;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [words, setWords] = useState('');
  const settle = useDebouncedCallback((q: string) => setWords(q.trim()), 300);
  const [chosen, setChosen] = useState<ComboboxItem | null>(null);
  const options = useQuery({
    queryKey: [...queryKey, 'select', words],
    queryFn: () => find(words),
    placeholderData: keepPreviousData,
  });
  const data = (options.data ?? []).filter((o) => !exclude?.has(o.value));
  // The chosen item stays an option when a later search no longer finds it.
  if (chosen && chosen.value === value && !data.some((d) => d.value === chosen.value))
    data.unshift(chosen);
  return (
    <Select
      w={w}
      label={label}
      placeholder={placeholder ?? t('project.choose')}
      searchable
      clearable={clearable}
      allowDeselect={clearable ?? false}
      searchValue={search}
      onSearchChange={(q) => {
        setSearch(q);
        // The box shows the chosen option's title (chosen now, or given): that is not a search.
        settle(q === data.find((d) => d.value === value)?.label ? '' : q);
      }}
      // The server has filtered them already.
      filter={({ options }) => options}
      nothingFoundMessage={t('common.nothingFound')}
      value={value}
      onChange={(v, option) => {
        setChosen(option);
        onChange(v);
      }}
      data={data}
    />
  );
}

/** One of an organization's datasets, newest first, found by title (SearchSelect). */
export function DatasetSelect({
  organizationId,
  ...props
}: { organizationId: string } & Omit<Parameters<typeof SearchSelect>[0], 'queryKey' | 'find'>) {
  return (
    <SearchSelect
      {...props}
      queryKey={['datasets', organizationId]}
      find={async (q) =>
        (
          await ok(
            api.GET('/api/organizations/{id}/datasets', {
              params: { path: { id: organizationId }, query: { pageSize: 20, ...(q && { q }) } },
            }),
          )
        ).items.map((d) => ({ value: d.id, label: d.title }))
      }
    />
  );
}

/** One of the calls, newest first, found by title (SearchSelect). */
export function CallSelect(props: Omit<Parameters<typeof SearchSelect>[0], 'queryKey' | 'find'>) {
  return (
    <SearchSelect
      {...props}
      queryKey={['programs']}
      find={async (q) =>
        (
          await ok(
            api.GET('/api/programs', { params: { query: { pageSize: 20, ...(q && { q }) } } }),
          )
        ).items.map((p) => ({ value: p.id, label: p.title }))
      }
    />
  );
}
