import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDateTime } from '../../common/format';
import { Pages } from '../../common/Pages';

type Endpoint = components['schemas']['EndpointView'];
type Delivery = components['schemas']['DeliveryView'];
const PAGE_SIZE = 20;

/** An organization's webhook endpoints: register, rotate the secret, switch off, read the log. */
export function Webhooks({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const endpoints = useQuery({
    queryKey: ['webhooks', organizationId],
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/webhook-endpoints', {
          params: { path: { id: organizationId } },
        }),
      ),
  });
  if (endpoints.error) return <ErrorAlert error={endpoints.error} />;
  if (!endpoints.data) return <Skeleton h={300} />;
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('settings.webhooks.hint')}
      </Text>
      {secret && (
        <Alert color="yellow" title={t('settings.webhooks.secretTitle')} role="status">
          <Stack gap="xs">
            <Text size="sm">{t('settings.webhooks.secretBody', { url: secret.url })}</Text>
            <Group gap="xs">
              <Code data-testid="webhook-secret">{secret.secret}</Code>
              <CopyButton value={secret.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('settings.webhooks.copied') : t('settings.webhooks.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button size="xs" variant="default" onClick={() => setSecret(null)}>
                {t('settings.webhooks.secretKept')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {endpoints.data.items.length === 0 ? (
        <Text>{t('settings.webhooks.none')}</Text>
      ) : (
        endpoints.data.items.map((e) => (
          <EndpointCard
            key={e.id}
            endpoint={e}
            organizationId={organizationId}
            onSecret={(s) => setSecret({ url: e.url, secret: s })}
          />
        ))
      )}
      <NewEndpoint
        organizationId={organizationId}
        onCreated={(url, s) => setSecret({ url, secret: s })}
      />
    </Stack>
  );
}

function useEventTypes() {
  return useQuery({
    queryKey: ['webhook-event-types'],
    queryFn: () => ok(api.GET('/api/webhook-event-types')),
    staleTime: Infinity,
  });
}

function NewEndpoint({
  organizationId,
  onCreated,
}: {
  organizationId: string;
  onCreated: (url: string, secret: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const ko = !i18n.language.startsWith('en');
  const queries = useQueryClient();
  const types = useEventTypes();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/organizations/{id}/webhook-endpoints', {
          params: { path: { id: organizationId } },
          body: { url: url.trim(), events, description: description.trim() || undefined },
        }),
      ),
    onSuccess: (created) => {
      onCreated(created.url, created.secret);
      setUrl('');
      setDescription('');
      setEvents([]);
      void queries.invalidateQueries({ queryKey: ['webhooks', organizationId] });
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="new-endpoint">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim() && events.length) create.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4" id="new-endpoint">
            {t('settings.webhooks.new')}
          </Title>
          <TextInput
            label={t('settings.webhooks.url')}
            description={t('settings.webhooks.urlHint')}
            placeholder="https://erp.example.kr/hooks/exchange"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            required
          />
          <TextInput
            label={t('settings.webhooks.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Checkbox.Group
            label={t('settings.webhooks.events')}
            value={events}
            onChange={setEvents}
            required
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {(types.data?.items ?? []).map((x) => (
                <Checkbox
                  key={x.type}
                  value={x.type}
                  label={
                    <>
                      {ko ? x.labelKo : x.labelEn} <Code fz="xs">{x.type}</Code>
                    </>
                  }
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <ErrorAlert error={create.error} />
          <Group>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!url.trim() || !events.length}
            >
              {t('settings.webhooks.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function EndpointCard({
  endpoint: e,
  organizationId,
  onSecret,
}: {
  endpoint: Endpoint;
  organizationId: string;
  onSecret: (secret: string) => void;
}) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [showLog, setShowLog] = useState(false);
  const [removing, setRemoving] = useState(false);
  const path = { id: organizationId, endpointId: e.id };
  const refresh = () => void queries.invalidateQueries({ queryKey: ['webhooks', organizationId] });
  const rotate = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/organizations/{id}/webhook-endpoints/{endpointId}/rotate-secret', {
          params: { path },
        }),
      ),
    onSuccess: (r) => {
      onSecret(r.secret);
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: () =>
      ok(
        api.PATCH('/api/organizations/{id}/webhook-endpoints/{endpointId}', {
          params: { path },
          body: { enabled: e.status !== 'ACTIVE' },
        }),
      ),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () =>
      api.DELETE('/api/organizations/{id}/webhook-endpoints/{endpointId}', { params: { path } }),
    onSuccess: refresh,
  });
  const active = e.status === 'ACTIVE';
  return (
    <Card withBorder data-testid="webhook-endpoint">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} style={{ wordBreak: 'break-all' }}>
            {e.url}
          </Text>
          <Badge color={active ? 'teal.9' : 'red.9'}>
            {t(`settings.webhooks.status.${e.status}`)}
          </Badge>
        </Group>
        {e.description && <Text size="sm">{e.description}</Text>}
        <Group gap={4}>
          {e.events.map((x) => (
            <Badge key={x} size="sm" variant="outline" tt="none">
              {x}
            </Badge>
          ))}
        </Group>
        {!active && e.disabledReason && (
          <Text size="sm" c="red.9">
            {t('settings.webhooks.disabledBecause', {
              when: e.disabledAt ? seoulDateTime(e.disabledAt) : '',
              reason: e.disabledReason,
            })}
          </Text>
        )}
        {e.previousSecretUntil && (
          <Text size="xs" c="dimmed">
            {t('settings.webhooks.overlap', { until: seoulDateTime(e.previousSecretUntil) })}
          </Text>
        )}
        <ErrorAlert error={rotate.error ?? toggle.error ?? remove.error} />
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={() => setShowLog((s) => !s)}>
            {showLog ? t('settings.webhooks.hideLog') : t('settings.webhooks.showLog')}
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={rotate.isPending}
            onClick={() => rotate.mutate()}
          >
            {t('settings.webhooks.rotate')}
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={toggle.isPending}
            onClick={() => toggle.mutate()}
          >
            {active ? t('settings.webhooks.disable') : t('settings.webhooks.enable')}
          </Button>
          {!removing ? (
            <Button size="xs" variant="outline" color="red.9" onClick={() => setRemoving(true)}>
              {t('settings.webhooks.remove')}
            </Button>
          ) : (
            <Group gap={4}>
              <Text size="xs">{t('settings.webhooks.removeConfirm')}</Text>
              <Button
                size="xs"
                color="red.9"
                loading={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {t('settings.webhooks.remove')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setRemoving(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          )}
        </Group>
        {showLog && <DeliveryLog organizationId={organizationId} endpointId={e.id} />}
      </Stack>
    </Card>
  );
}

const STATUS_COLOR: Record<Delivery['status'], string> = {
  SUCCEEDED: 'teal.9',
  PENDING: 'yellow.9',
  FAILED: 'red.9',
};

function DeliveryLog({
  organizationId,
  endpointId,
}: {
  organizationId: string;
  endpointId: string;
}) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const key = ['webhook-deliveries', endpointId, page];
  const log = useQuery({
    queryKey: key,
    queryFn: () =>
      ok(
        api.GET('/api/organizations/{id}/webhook-endpoints/{endpointId}/deliveries', {
          params: {
            path: { id: organizationId, endpointId },
            query: { page, pageSize: PAGE_SIZE },
          },
        }),
      ),
    refetchInterval: 5_000,
  });
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) =>
      ok(
        api.POST(
          '/api/organizations/{id}/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redeliver',
          { params: { path: { id: organizationId, endpointId, deliveryId } } },
        ),
      ),
    onSuccess: () =>
      setTimeout(
        () => void queries.invalidateQueries({ queryKey: ['webhook-deliveries', endpointId] }),
        1000,
      ),
  });
  if (log.error) return <ErrorAlert error={log.error} />;
  if (!log.data) return <Skeleton h={120} />;
  if (log.data.items.length === 0)
    return <Text size="sm">{t('settings.webhooks.noDeliveries')}</Text>;
  return (
    <Stack gap="xs">
      <ErrorAlert error={redeliver.error} />
      <Table fz="sm" aria-label={t('settings.webhooks.log')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.webhooks.when')}</Table.Th>
            <Table.Th>{t('settings.webhooks.event')}</Table.Th>
            <Table.Th>{t('settings.webhooks.result')}</Table.Th>
            <Table.Th ta="right">{t('settings.webhooks.attempts')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.data.items.map((d) => (
            <Fragment key={d.id}>
              <Table.Tr data-testid="webhook-delivery">
                <Table.Td>{seoulDateTime(d.createdAt)}</Table.Td>
                <Table.Td>
                  <Code fz="xs">{d.eventType}</Code>{' '}
                  <Text span size="xs" c="dimmed">
                    #{d.eventId}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" color={STATUS_COLOR[d.status]}>
                    {t(`settings.webhooks.deliveryStatus.${d.status}`)}
                  </Badge>{' '}
                  {d.lastStatusCode ?? d.lastError ?? ''}
                </Table.Td>
                <Table.Td ta="right">{d.attempts}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Anchor
                      component="button"
                      size="xs"
                      onClick={() => setOpen(open === d.id ? null : d.id)}
                    >
                      {open === d.id ? t('settings.webhooks.less') : t('settings.webhooks.more')}
                    </Anchor>
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={redeliver.isPending && redeliver.variables === d.id}
                      onClick={() => redeliver.mutate(d.id)}
                    >
                      {t('settings.webhooks.redeliver')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
              {open === d.id && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Stack gap="xs">
                      <Text size="xs" fw={600}>
                        {t('settings.webhooks.request')}
                      </Text>
                      <Code block fz="xs">
                        {JSON.stringify(d.request, null, 2)}
                      </Code>
                      <Table fz="xs" withTableBorder>
                        <Table.Tbody>
                          {d.log.map((a, i) => (
                            <Table.Tr key={i}>
                              <Table.Td>{seoulDateTime(a.at)}</Table.Td>
                              <Table.Td>{a.manual ? t('settings.webhooks.manual') : ''}</Table.Td>
                              <Table.Td>{a.statusCode ?? a.error}</Table.Td>
                              <Table.Td ta="right">{a.durationMs} ms</Table.Td>
                              <Table.Td style={{ wordBreak: 'break-all' }}>
                                {a.responseBody}
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
      <Pages total={log.data.total} pageSize={PAGE_SIZE} page={page} onChange={setPage} />
    </Stack>
  );
}
