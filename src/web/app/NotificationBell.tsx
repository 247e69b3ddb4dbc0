import {
  Anchor,
  Button,
  Group,
  Divider,
  Badge,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../common/api';
import { seoulDateTime } from '../common/format';

/**
 * The bell: how many notifications are unread, and the latest ones in the reader's language.
 * Opening one marks it read and goes where it leads. Looked at again every 30 seconds.
 */
export default function NotificationBell() {
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const ko = !i18n.language.startsWith('en');
  const inbox = useQuery({
    queryKey: ['notifications'],
    queryFn: () => ok(api.GET('/api/me/notifications', { params: { query: { pageSize: 10 } } })),
    refetchInterval: 30_000,
  });
  const refresh = () => void queries.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/api/me/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const readAll = useMutation({
    mutationFn: () => ok(api.POST('/api/me/notifications/read-all')),
    onSuccess: refresh,
  });
  const unread = inbox.data?.unread ?? 0;
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={380}
      shadow="md"
      trapFocus
    >
      <Popover.Target>
        <Button
          variant="subtle"
          size="xs"
          onClick={() => setOpened((o) => !o)}
          aria-label={t('notifications.bell', { count: unread })}
          rightSection={
            unread > 0 ? (
              <Badge size="xs" circle color="red.9" data-testid="unread">
                {unread}
              </Badge>
            ) : null
          }
        >
          {t('notifications.title')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="region" aria-label={t('notifications.title')}>
          {!inbox.data?.items.length ? (
            <Text size="sm" c="dimmed">
              {t('notifications.none')}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={420}>
              <Stack gap={0}>
                {inbox.data.items.map((n, i) => (
                  <div key={n.id}>
                    {i > 0 && <Divider />}
                    <UnstyledButton
                      p="xs"
                      w="100%"
                      data-testid="notification"
                      onClick={() => {
                        if (!n.readAt) read.mutate(n.id);
                        setOpened(false);
                        if (n.link) void navigate(n.link);
                      }}
                    >
                      <Text size="sm" fw={n.readAt ? 400 : 700}>
                        {ko ? n.titleKo : n.titleEn}
                      </Text>
                      {(ko ? n.bodyKo : n.bodyEn) && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {ko ? n.bodyKo : n.bodyEn}
                        </Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {seoulDateTime(n.createdAt)}
                      </Text>
                    </UnstyledButton>
                  </div>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
          <Group gap="xs" justify="space-between">
            {unread > 0 ? (
              <Button size="xs" variant="default" onClick={() => readAll.mutate()}>
                {t('notifications.readAll')}
              </Button>
            ) : (
              <span />
            )}
            <Anchor
              size="xs"
              component={Link}
              to="/settings?tab=notifications"
              onClick={() => setOpened(false)}
            >
              {t('notifications.settings')}
            </Anchor>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
