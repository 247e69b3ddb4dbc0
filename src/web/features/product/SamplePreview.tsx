import { Paper, ScrollArea, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Papa from 'papaparse';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';

type Sample = components['schemas']['ProductSampleView'];
const ROWS = 20;

/** The first rows of a file's sample, as a table. */
export function SamplePreview({ sample }: { sample: Sample }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const csv = useQuery({
    queryKey: ['sample', id, sample.fileId],
    queryFn: () =>
      ok(
        api.GET('/api/products/{id}/samples/{fileId}', {
          params: { path: { id: id!, fileId: sample.fileId } },
          parseAs: 'text',
        }),
      ) as Promise<unknown> as Promise<string>,
  });
  const rows = csv.data ? Papa.parse<string[]>(csv.data.trim(), { skipEmptyLines: true }).data : [];
  const [head, ...body] = rows;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={sample.name}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {sample.name}
        </Title>
        <ErrorAlert error={csv.error} />
        {csv.isPending ? (
          <Skeleton h={200} />
        ) : (
          <ScrollArea type="auto">
            <Table striped withTableBorder fz="xs" style={{ whiteSpace: 'nowrap' }}>
              <Table.Thead>
                <Table.Tr>
                  {head?.map((h, i) => (
                    <Table.Th key={i}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {body.slice(0, ROWS).map((r, i) => (
                  <Table.Tr key={i}>
                    {r.map((v, j) => (
                      <Table.Td key={j}>{v}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
        <Text size="xs" c="dimmed">
          {t('product.sampleNote', { count: Math.min(ROWS, body.length) })}
        </Text>
      </Stack>
    </Paper>
  );
}
