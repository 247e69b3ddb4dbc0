import { Badge, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';

type Channel = components['schemas']['PreferenceView']['channel'];
const CHANNELS: Channel[] = ['OFF', 'IN_APP', 'IN_APP_AND_EMAIL'];

/** Per kind of notification: off, in the app, or in the app and by e-mail. Saved as it changes. */
export function NotificationSettings() {
  const { t, i18n } = useTranslation();
  const ko = !i18n.language.startsWith('en');
  const queries = useQueryClient();
  const prefs = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => ok(api.GET('/api/me/notification-preferences')),
  });
  const save = useMutation({
    mutationFn: (item: { kind: string; channel: Channel }) =>
      ok(api.PUT('/api/me/notification-preferences', { body: { items: [item] } })),
    onSuccess: (data) => queries.setQueryData(['notification-preferences'], data),
  });
  if (prefs.error) return <ErrorAlert error={prefs.error} />;
  if (!prefs.data) return <Skeleton h={400} />;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('settings.notifications.hint')}
      </Text>
      <ErrorAlert error={save.error} />
      <Table striped fz="sm" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.notifications.kind')}</Table.Th>
            <Table.Th>{t('settings.notifications.channel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {prefs.data.items.map((p) => {
            const name = ko ? p.labelKo : p.labelEn;
            return (
              <Table.Tr key={p.kind}>
                <Table.Td>
                  {name}{' '}
                  {p.mandatory && (
                    <Badge size="xs" variant="light" color="gray">
                      {t('settings.notifications.always')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <SegmentedControl
                    size="xs"
                    aria-label={name}
                    disabled={p.mandatory || save.isPending}
                    value={p.channel}
                    onChange={(v) => save.mutate({ kind: p.kind, channel: v as Channel })}
                    data={CHANNELS.map((c) => ({
                      value: c,
                      label: t(`settings.notifications.channels.${c}`),
                    }))}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
