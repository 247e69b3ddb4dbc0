import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Skeleton,
  Slider,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../common/errors';
import { grouped } from '../../common/format';
import { Pages, pageInAddress } from '../../common/Pages';
import { label } from '../../common/labels';
import { useLicenceName } from '../../common/licences';
import { ProductCard } from './ProductCard';
import { catalogQuery, PAGE_SIZE, PRICE_BANDS, queryOf } from './query';

/** Marked once, in the frame after the first results were drawn: what bench:web measures (scripts/bench/web.ts). */
const READY_MARK = 'mdx:catalog-ready';

export function Component() {
  const { t } = useTranslation();
  const licenceName = useLicenceName();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const result = useQuery({ ...catalogQuery(query), placeholderData: keepPreviousData });
  const drawn = Boolean(result.data);
  useEffect(() => {
    if (drawn && !performance.getEntriesByName(READY_MARK).length)
      requestAnimationFrame(() => setTimeout(() => performance.mark(READY_MARK)));
  }, [drawn]);

  /** Changes some of the search; any change but the page goes back to page 1. */
  function update(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  }

  const facets = result.data?.facets;
  const count = (facet: Record<string, number> | undefined, key: string) => facet?.[key] ?? 0;
  const band = Object.entries(PRICE_BANDS).find(
    ([, [min, max]]) => min === query.minPriceKrw && max === query.maxPriceKrw,
  )?.[0];

  return (
    <Stack>
      <Title order={1}>{t('catalog.title')}</Title>
      <SearchBox initial={query.q ?? ''} params={params} onSearch={(q) => update({ q })} />
      <Group align="flex-start" wrap="nowrap" gap="lg">
        <Paper
          withBorder
          p="md"
          radius="md"
          w={280}
          miw={240}
          component="aside"
          aria-label={t('catalog.filters')}
        >
          <Stack gap="md">
            <Radio.Group
              label={t('catalog.dataType')}
              value={query.dataType ?? ''}
              onChange={(v) => update({ dataType: v || undefined })}
            >
              <Stack gap={4} mt={4}>
                <Radio value="" label={t('catalog.all')} />
                {Object.keys(facets?.dataType ?? {}).map((code) => (
                  <Radio
                    key={code}
                    value={code}
                    label={`${label(t, 'dataType', code)} (${grouped(count(facets?.dataType, code))})`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <NativeSelect
              label={t('catalog.industry')}
              value={query.industryCode ?? ''}
              onChange={(e) => update({ industry: e.currentTarget.value || undefined })}
              data={[
                { value: '', label: t('catalog.all') },
                ...Object.entries(facets?.industryDivision ?? {})
                  .filter(([code]) => code !== 'NONE')
                  .map(([code, n]) => ({
                    value: code,
                    label: `${label(t, 'ksic', code)} (${grouped(n)})`,
                  })),
              ]}
            />
            <NativeSelect
              label={t('catalog.licence')}
              value={query.license ?? ''}
              onChange={(e) => update({ licence: e.currentTarget.value || undefined })}
              data={[
                { value: '', label: t('catalog.all') },
                ...Object.entries(facets?.license ?? {}).map(([code, n]) => ({
                  value: code,
                  label: `${licenceName(code)} (${grouped(n)})`,
                })),
              ]}
            />
            <Radio.Group
              label={t('catalog.price')}
              value={band ?? ''}
              onChange={(v) => {
                const [min, max] = PRICE_BANDS[v] ?? [undefined, undefined];
                update({ minPrice: min?.toString(), maxPrice: max?.toString() });
              }}
            >
              <Stack gap={4} mt={4}>
                <Radio value="" label={t('catalog.all')} />
                {Object.keys(PRICE_BANDS).map((code) => (
                  <Radio
                    key={code}
                    value={code}
                    label={`${label(t, 'priceRange', code)} (${grouped(count(facets?.priceRange, code))})`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <Group grow gap="xs">
              <NumberInput
                label={t('catalog.minPrice')}
                thousandSeparator=","
                suffix="원"
                min={0}
                value={query.minPriceKrw ?? ''}
                onBlur={(e) =>
                  update({ minPrice: e.currentTarget.value.replace(/\D/g, '') || undefined })
                }
              />
              <NumberInput
                label={t('catalog.maxPrice')}
                thousandSeparator=","
                suffix="원"
                min={0}
                value={query.maxPriceKrw ?? ''}
                onBlur={(e) =>
                  update({ maxPrice: e.currentTarget.value.replace(/\D/g, '') || undefined })
                }
              />
            </Group>
            <div>
              <Text size="sm" fw={500} id="min-quality-label">
                {t('catalog.minQuality')}: {query.minQuality ?? 0}
              </Text>
              <Slider
                aria-labelledby="min-quality-label"
                thumbLabel={t('catalog.minQuality')}
                min={0}
                max={100}
                step={10}
                defaultValue={query.minQuality ?? 0}
                onChangeEnd={(v) => update({ minQuality: v ? String(v) : undefined })}
                marks={[{ value: 50 }, { value: 70 }, { value: 90 }]}
              />
            </div>
            <Checkbox
              label={`${t('catalog.processingSupported')} (${grouped(count(facets?.processingSupported, 'true'))})`}
              checked={query.processingSupported === true}
              onChange={(e) => update({ supported: e.currentTarget.checked ? 'true' : undefined })}
            />
          </Stack>
        </Paper>
        <Stack flex={1} gap="md">
          <Group justify="space-between">
            <Text aria-live="polite">
              {result.data ? t('catalog.found', { count: result.data.total }) : ' '}
            </Text>
            <NativeSelect
              label={t('catalog.sort')}
              w={200}
              value={query.sort ?? (query.q ? 'relevance' : 'newest')}
              onChange={(e) => update({ sort: e.currentTarget.value })}
              data={['relevance', 'newest', 'price_asc', 'price_desc'].map((s) => ({
                value: s,
                label: t(`catalog.sorts.${s}`),
              }))}
            />
          </Group>
          <ErrorAlert error={result.error} />
          {result.isPending ? (
            <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
              {Array.from({ length: 6 }, (_, i) => (
                <Skeleton key={i} h={150} radius="md" />
              ))}
            </SimpleGrid>
          ) : result.data && result.data.items.length === 0 ? (
            <Paper withBorder p="xl" radius="md" data-empty>
              <Text>{t('catalog.none')}</Text>
            </Paper>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }}>
              {result.data?.items.map((p) => (
                <ProductCard key={p.id} product={p} />
              ))}
            </SimpleGrid>
          )}
          {result.data && (
            <Pages
              total={result.data.total}
              pageSize={PAGE_SIZE}
              page={query.page ?? 1}
              href={pageInAddress(params)}
            />
          )}
        </Stack>
      </Group>
    </Stack>
  );
}

/**
 * The search box. A new search in the URL (back, a shared link) shows in it, unless the reader has
 * typed since: the router renders a search's results in a transition, which can land after the
 * next words were typed, and must not put the old ones back.
 * It is a plain GET form too, keeping the other filters: on the page the server drew, it searches
 * before the app's script has run.
 */
function SearchBox({
  initial,
  params,
  onSearch,
}: {
  initial: string;
  params: URLSearchParams;
  onSearch: (q?: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [seen, setSeen] = useState(initial);
  const [typed, setTyped] = useState(false);
  if (initial !== seen) {
    setSeen(initial);
    if (!typed) setText(initial);
  }
  return (
    <form
      role="search"
      method="get"
      action="/"
      onSubmit={(e) => {
        e.preventDefault();
        setTyped(false);
        onSearch(text.trim() || undefined);
      }}
    >
      <Group align="flex-end" wrap="nowrap">
        {[...params].map(([k, v]) =>
          k === 'q' || k === 'page' ? null : <input key={k} type="hidden" name={k} value={v} />,
        )}
        <TextInput
          flex={1}
          size="md"
          type="search"
          name="q"
          label={t('catalog.searchLabel')}
          placeholder={t('catalog.searchPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setTyped(true);
          }}
        />
        <Button type="submit" size="md">
          {t('catalog.search')}
        </Button>
      </Group>
    </form>
  );
}
