import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import {
  Badge,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import type { components } from '../../api/openapi.gen';
import { seoulDateTime } from '../../common/format';
import { label } from '../../common/labels';
import { QualityBadge } from '../../common/QualityBadge';

type Quality = components['schemas']['ProductQualityView'];
type File = Quality['files'][number];

/** The quality report as a buyer reads it: the score, what it is made of, and each file. */
export function QualityFiles({ quality }: { quality: Quality }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Group>
        <Text fw={600}>{t('quality.overall')}</Text>
        <QualityBadge score={quality.score} />
        <Badge variant="outline">{label(t, 'qualityStatus', quality.status)}</Badge>
      </Group>
      {quality.files.map((f) => (
        <FileReport key={f.fileId} file={f} />
      ))}
    </Stack>
  );
}

function FileReport({ file: f }: { file: File }) {
  const { t } = useTranslation();
  const { text } = useBilingual();
  const rows = f.rows ?? 0;
  const missingShare = (missing: number) => (rows ? Math.round((missing * 1000) / rows) / 10 : 0);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={f.name}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {f.name}
          </Title>
          <QualityBadge score={f.score} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('catalog.rows', { count: rows })} · {t('quality.columns', { count: f.columns.length })}
          {f.timeSeries &&
            ` · ${t('quality.timeRange', {
              column: f.timeSeries.column,
              first: seoulDateTime(f.timeSeries.first),
              last: seoulDateTime(f.timeSeries.last),
            })}`}
        </Text>
        {f.parts.length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {f.parts.map((p) => (
              <div key={p.name}>
                <Group justify="space-between" gap={4}>
                  <Text size="sm">
                    {label(t, 'scorePart', p.name)} ({t('quality.weight', { weight: p.weight })})
                  </Text>
                  <Text size="sm" fw={600}>
                    {Math.round(p.value * 1000) / 10}
                  </Text>
                </Group>
                <Progress value={p.value * 100} aria-label={label(t, 'scorePart', p.name)} />
                <Text size="xs" c="dimmed">
                  {text(p.explanation, p.explanationKo)}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        )}
        {f.columns.some((c) => c.missing > 0) && (
          <div>
            <Text size="sm" fw={500} id={`missing-${f.fileId}`}>
              {t('quality.missingChart')}
            </Text>
            <BarChart
              h={180}
              aria-labelledby={`missing-${f.fileId}`}
              data={f.columns.map((c) => ({ column: c.name, share: missingShare(c.missing) }))}
              dataKey="column"
              series={[{ name: 'share', label: t('quality.missingShare'), color: 'orange.7' }]}
              unit="%"
            />
          </div>
        )}
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('quality.column')}</Table.Th>
              <Table.Th>{t('quality.type')}</Table.Th>
              <Table.Th ta="right">{t('quality.missing')}</Table.Th>
              <Table.Th ta="right">{t('quality.missingShare')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {f.columns.map((c) => (
              <Table.Tr key={c.name}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.type}</Table.Td>
                <Table.Td ta="right">{c.missing.toLocaleString('ko-KR')}</Table.Td>
                <Table.Td ta="right">{missingShare(c.missing)}%</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
