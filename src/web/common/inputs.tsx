import { NumberInput, type NumberInputProps, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { licencesQuery } from './licences';

/** A price in whole won: thousands separated, no decimals, `원` after it (`₩` before it in English). */
export function PriceInput(props: NumberInputProps) {
  const { i18n } = useTranslation();
  const unit = i18n.language.startsWith('ko') ? { suffix: '원' } : { prefix: '₩' };
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
  const { t, i18n } = useTranslation();
  const licences = useQuery(licencesQuery());
  return (
    <Select
      label={t('product.licence')}
      value={value}
      allowDeselect={false}
      onChange={(v) => onChange(v!)}
      data={(licences.data?.items ?? []).map((l) => ({
        value: l.code,
        label: `${i18n.language.startsWith('ko') ? l.nameKo : l.name} (${t('product.termMonths', { count: l.termMonths })})`,
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
