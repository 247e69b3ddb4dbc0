import { Anchor, Badge, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import { Link } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { seoulDate } from '../../common/format';
import { label } from '../../common/labels';

/** What an evaluator is to score, call by call; a conflict of interest says why, instead of hiding it. */
export function Component() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['my-evaluations'],
    queryFn: () => ok(api.GET('/api/me/evaluations')),
  });
  const { text } = useBilingual();
  return (
    <Stack>
      <Title order={1}>{t('evaluations.title')}</Title>
      <ErrorAlert error={list.error} />
      {!list.data ? (
        <Skeleton h={200} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('evaluations.none')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluations.call')}</Table.Th>
              <Table.Th>{t('evaluations.applicant')}</Table.Th>
              <Table.Th>{t('evaluations.submittedAt')}</Table.Th>
              <Table.Th>{t('evaluations.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((i) => (
              <Table.Tr key={i.applicationId}>
                <Table.Td>{i.programTitle}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/applications/${i.applicationId}`}>
                    {i.organizationName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{seoulDate(i.submittedAt)}</Table.Td>
                <Table.Td>
                  {i.conflict ? (
                    <Stack gap={2}>
                      <Badge color="orange" variant="light">
                        {t('evaluations.conflict')}
                      </Badge>
                      <Text size="xs">{text(i.conflict.message, i.conflict.messageKo)}</Text>
                    </Stack>
                  ) : i.status !== 'EVALUATION' ? (
                    <Badge color="gray" variant="light">
                      {label(t, 'applicationStatus', i.status)}
                    </Badge>
                  ) : i.evaluatedAt ? (
                    <Badge color="teal" variant="light">
                      {t('evaluations.done')}
                    </Badge>
                  ) : (
                    <Badge variant="light">{t('evaluations.todo')}</Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
