import { Alert, Anchor, Button, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { OrganizationSelect } from '../../common/inputs';
import { useMe } from '../../common/me';
import { AccessStatus } from './AccessRequests';

type Access = components['schemas']['ProductAccessView'];

export const accessQuery = (productId: string) => ({
  queryKey: ['access', productId],
  queryFn: () => ok(api.GET('/api/products/{id}/access', { params: { path: { id: productId } } })),
});

/** Whether the caller's organization may buy now: an approval that is still running. */
export const approvedFor = (access: Access | undefined, organizationId?: string) =>
  access?.mine.some(
    (r) =>
      r.status === 'APPROVED' &&
      (!organizationId || r.buyerOrganizationId === organizationId) &&
      (!r.accessUntil || new Date(r.accessUntil) > new Date()),
  ) ?? false;

/**
 * On a product whose seller vets its buyers: the seller's question, how fast it answers, the
 * deadline after which an operator decides, and the caller's request, or the form to make one.
 */
export function AccessPanel({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const access = useQuery(accessQuery(productId));
  if (!access.data?.approvalRequired) return null;
  const a = access.data;
  const mine = a.mine;
  const canAsk = me?.memberships.filter(
    (m) =>
      !mine.some(
        (r) =>
          r.buyerOrganizationId === m.organizationId &&
          (r.status === 'PENDING' ||
            r.status === 'ESCALATED' ||
            (r.status === 'APPROVED' && approvedFor(a, m.organizationId)) ||
            (r.status === 'REFUSED' && r.askAgainFrom && new Date(r.askAgainFrom) > new Date())),
      ),
  );
  return (
    <Alert color="indigo" variant="light" title={t('access.title')} component="section">
      <Stack gap="xs">
        <Text size="sm">{t('access.explain', { days: a.answerBusinessDays })}</Text>
        <Text size="sm" data-testid="answer-speed">
          {a.seller.medianAnswerHours === null
            ? t('access.noAnswersYet')
            : t('access.usuallyAnswers', {
                time: hoursInWords(t, a.seller.medianAnswerHours),
                count: a.seller.answered,
              })}
        </Text>
        {mine.map((r) => (
          <Stack key={r.id} gap={2} data-testid="my-access-request">
            {me && me.memberships.length > 1 && (
              <Text size="xs" fw={600}>
                {r.buyerName}
              </Text>
            )}
            <AccessStatus request={r} />
          </Stack>
        ))}
        {!me ? (
          <Text size="sm">
            <Anchor component={Link} to={`/signin?next=/products/${productId}`} fw={700}>
              {t('nav.signIn')}
            </Anchor>{' '}
            {t('access.signInToAsk')}
          </Text>
        ) : canAsk && canAsk.length > 0 ? (
          <AskForm productId={productId} question={a.approvalQuestion} choices={canAsk} />
        ) : null}
      </Stack>
    </Alert>
  );
}

function hoursInWords(t: TFunction, hours: number) {
  if (hours < 1) return t('access.withinAnHour');
  if (hours < 48) return t('access.hours', { count: Math.round(hours) });
  return t('access.days', { count: Math.round(hours / 24) });
}

function AskForm({
  productId,
  question,
  choices,
}: {
  productId: string;
  question: string | null;
  choices: { organizationId: string; organizationName: string }[];
}) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [organizationId, setOrganizationId] = useState(choices[0].organizationId);
  const [intendedUse, setIntendedUse] = useState('');
  const ask = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/products/{id}/access-requests', {
          params: { path: { id: productId } },
          body: { organizationId, intendedUse: intendedUse.trim() },
        }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['access', productId] }),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        ask.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('access.ask')}
        </Title>
        {choices.length > 1 && (
          <OrganizationSelect
            label={t('checkout.organization')}
            memberships={choices}
            value={organizationId}
            onChange={setOrganizationId}
          />
        )}
        <Textarea
          label={t('access.intendedUse')}
          description={question ?? t('access.defaultQuestion')}
          required
          minLength={10}
          maxLength={2000}
          autosize
          minRows={3}
          value={intendedUse}
          onChange={(e) => setIntendedUse(e.currentTarget.value)}
        />
        <ErrorAlert error={ask.error} />
        <Button type="submit" loading={ask.isPending} disabled={intendedUse.trim().length < 10}>
          {t('access.send')}
        </Button>
      </Stack>
    </form>
  );
}
