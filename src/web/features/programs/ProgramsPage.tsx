import {
  Anchor,
  Badge,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate } from '../../common/format';
import { label } from '../../common/labels';
import { Pages, pageInAddress } from '../../common/Pages';
import { Terms } from './terms';

const PAGE_SIZE = 20;

export const windowColor = { OPEN: 'teal', NOT_YET_OPEN: 'blue', CLOSED: 'gray' } as const;

/** The calls of the three programs: open ones first, with their terms in plain words. */
export function Component() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const open = params.get('all') !== 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const calls = useQuery({
    queryKey: ['programs', open, page],
    queryFn: () =>
      ok(
        api.GET('/api/programs', {
          params: { query: { ...(open && { open: true }), page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('programs.title')}</Title>
        <SegmentedControl
          aria-label={t('programs.show')}
          value={open ? 'open' : 'all'}
          onChange={(v) => setParams(v === 'all' ? { all: 'true' } : {})}
          data={[
            { value: 'open', label: t('programs.openOnly') },
            { value: 'all', label: t('programs.all') },
          ]}
        />
      </Group>
      <Text c="dimmed">{t('programs.intro')}</Text>
      <ErrorAlert error={calls.error} />
      {!calls.data ? (
        <Skeleton h={200} />
      ) : calls.data.items.length === 0 ? (
        <Text>{open ? t('programs.none') : t('programs.noneAtAll')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {calls.data.items.map((p) => (
            <Card key={p.id} withBorder radius="md" component="article">
              <Stack gap="xs">
                <Group gap="xs">
                  <Badge variant="light">{label(t, 'programKind', p.kind)}</Badge>
                  <Badge variant="light" color={windowColor[p.applicationWindow]}>
                    {label(t, 'window', p.applicationWindow)}
                  </Badge>
                </Group>
                <Anchor component={Link} to={`/programs/${p.id}`} fw={600}>
                  {p.title}
                </Anchor>
                <Text size="sm">
                  {t('programs.window', {
                    from: seoulDate(p.applicationOpensAt),
                    to: p.applicationClosesAt
                      ? seoulDate(p.applicationClosesAt)
                      : t('programs.rolling'),
                  })}
                </Text>
                <Terms program={p} />
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {calls.data && (
        <Pages
          total={calls.data.total}
          pageSize={PAGE_SIZE}
          page={page}
          href={pageInAddress(params)}
        />
      )}
    </Stack>
  );
}
