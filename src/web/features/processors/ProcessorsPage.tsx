import {
  Anchor,
  Badge,
  Card,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { TECHNOLOGIES } from '../../../modules/processors/technologies';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { Pages } from '../../common/Pages';
import { label } from '../../common/labels';
import { Capacity } from './Capacity';

type Processor = components['schemas']['ProcessorView'];
const PAGE_SIZE = 12;

/**
 * The processor pool's public directory: who processes manufacturing data, with what techniques,
 * for which industries, and how much room they have. The URL carries the search.
 */
export function Component() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const technology = params.get('technology') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const update = (next: Record<string, string>) => {
    const merged = { q, technology, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)), { replace: true });
  };
  const list = useQuery({
    queryKey: ['processors-directory', q, technology, page],
    queryFn: () =>
      ok(
        api.GET('/api/processors', {
          params: {
            query: {
              page,
              pageSize: PAGE_SIZE,
              ...(q && { q }),
              ...(technology && { technology: technology as (typeof TECHNOLOGIES)[number] }),
            },
          },
        }),
      ),
  });
  return (
    <Stack>
      <Title order={1}>{t('processors.title')}</Title>
      <Text c="dimmed">{t('processors.intro')}</Text>
      <Group align="flex-end">
        <TextInput
          w={320}
          type="search"
          label={t('processors.search')}
          defaultValue={q}
          onKeyDown={(e) => {
            if (e.key === 'Enter') update({ q: e.currentTarget.value.trim(), page: '' });
          }}
          onBlur={(e) => update({ q: e.currentTarget.value.trim(), page: '' })}
        />
        <Select
          w={240}
          label={t('processors.technology')}
          clearable
          value={technology || null}
          onChange={(v) => update({ technology: v ?? '', page: '' })}
          data={TECHNOLOGIES.map((c) => ({ value: c, label: label(t, 'technology', c) }))}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {!list.data ? (
        <Skeleton h={240} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('processors.none')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('processors.count', { count: list.data.total })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {list.data.items.map((p) => (
              <ProcessorCard key={p.organizationId} p={p} />
            ))}
          </SimpleGrid>
          <Pages
            total={list.data.total}
            pageSize={PAGE_SIZE}
            page={page}
            onChange={(n) => update({ page: String(n) })}
          />
        </>
      )}
    </Stack>
  );
}

function ProcessorCard({ p }: { p: Processor }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={p.name}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Anchor component={Link} to={`/processors/${p.organizationId}`} fw={700}>
            {p.name}
          </Anchor>
          <Capacity p={p} />
        </Group>
        <Text size="sm" lineClamp={3}>
          {p.summary}
        </Text>
        <Group gap={4}>
          {p.technologies.map((x) => (
            <Badge key={x} size="sm" variant="outline" color="gray.7">
              {label(t, 'technology', x)}
            </Badge>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          {[
            p.industries.map((c) => `KSIC ${c}`).join(', '),
            t('project.staff', { count: p.staffCount }),
            t('project.done', { count: p.projectsDone }),
            p.region,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Stack>
    </Card>
  );
}
