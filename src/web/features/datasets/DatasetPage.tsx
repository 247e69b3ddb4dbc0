import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import { Link, useParams } from 'react-router';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { bytes, seoulDateTime } from '../../common/format';
import { label } from '../../common/labels';
import { QualityBadge } from '../../common/QualityBadge';
import { Uploader } from './upload/Uploader';

/** A dataset: its versions; a draft takes uploads and is sealed; a sealed one shows its quality. */
/** Table formats as people write them. */
const FORMAT_NAMES: Record<string, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  jsonl: 'JSON Lines',
  parquet: 'Parquet',
  xlsx: 'XLSX',
};

export function Component() {
  const { id } = useParams();
  const { t } = useTranslation();
  const queries = useQueryClient();
  const dataset = useQuery({
    queryKey: ['dataset', id],
    queryFn: () => ok(api.GET('/api/datasets/{id}', { params: { path: { id: id! } } })),
  });
  const [chosen, setChosen] = useState<number | null>(null);
  const newVersion = useMutation({
    mutationFn: () =>
      ok(api.POST('/api/datasets/{id}/versions', { params: { path: { id: id! } }, body: {} })),
    onSuccess: (v) => {
      setChosen(v.version);
      void queries.invalidateQueries({ queryKey: ['dataset', id] });
    },
  });
  if (dataset.error) return <ErrorAlert error={dataset.error} />;
  if (!dataset.data) return <Skeleton h={300} />;
  const d = dataset.data;
  const latest = d.versions.at(-1)?.version ?? null;
  const version = chosen ?? latest;
  return (
    <Stack>
      <Anchor component={Link} to="/sell?tab=datasets" size="sm">
        ← {t('sell.title')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1}>{d.title}</Title>
        <Badge variant="light">{label(t, 'dataType', d.dataType)}</Badge>
      </Group>
      {d.description && <Text>{d.description}</Text>}
      <Group>
        {d.versions.length > 0 && (
          <SegmentedControl
            aria-label={t('sell.version')}
            value={String(version)}
            onChange={(v) => setChosen(Number(v))}
            data={d.versions.map((v) => ({
              value: String(v.version),
              label: `v${v.version} · ${label(t, 'versionStatus', v.status)}`,
            }))}
          />
        )}
        {d.versions.every((v) => v.status === 'SEALED') && (
          <Button
            variant="light"
            onClick={() => newVersion.mutate()}
            loading={newVersion.isPending}
          >
            {t('sell.newVersion')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={newVersion.error} />
      {version !== null && <VersionPanel key={version} datasetId={d.id} version={version} />}
    </Stack>
  );
}

function VersionPanel({ datasetId, version }: { datasetId: string; version: number }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const path = { params: { path: { id: datasetId, version } } };
  const v = useQuery({
    queryKey: ['version', datasetId, version],
    queryFn: () => ok(api.GET('/api/datasets/{id}/versions/{version}', path)),
    // Files are verified after their upload completes: look again while any is on its way.
    refetchInterval: (q) =>
      q.state.data?.files?.some((f) => f.status === 'UPLOADING' || f.status === 'VERIFYING')
        ? 1000
        : false,
  });
  const seal = useMutation({
    mutationFn: () => ok(api.POST('/api/datasets/{id}/versions/{version}/seal', path)),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['version', datasetId, version] });
      void queries.invalidateQueries({ queryKey: ['dataset', datasetId] });
    },
  });
  const remove = useMutation({
    mutationFn: (fileId: string) =>
      ok(
        api.DELETE('/api/datasets/{id}/versions/{version}/files/{fileId}', {
          params: { path: { id: datasetId, version, fileId } },
        }),
      ),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['version', datasetId, version] }),
  });
  if (v.error) return <ErrorAlert error={v.error} />;
  if (!v.data) return <Skeleton h={200} />;
  const files = (v.data.files ?? []).filter((f) => f.status !== 'ABORTED');
  const draft = v.data.status === 'DRAFT';
  return (
    <Stack>
      {draft && (
        <Uploader
          datasetId={datasetId}
          version={version}
          onUploaded={() =>
            void queries.invalidateQueries({ queryKey: ['version', datasetId, version] })
          }
        />
      )}
      {files.length > 0 && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('purchases.file')}</Table.Th>
              <Table.Th>{t('purchases.size')}</Table.Th>
              <Table.Th>{t('purchases.status')}</Table.Th>
              <Table.Th>SHA-256</Table.Th>
              {draft && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((f) => (
              <Table.Tr key={f.id} data-testid="version-file" data-status={f.status}>
                <Table.Td>{f.name}</Table.Td>
                <Table.Td>{bytes(f.sizeBytes)}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={
                      f.status === 'AVAILABLE' ? 'teal' : f.status === 'FAILED' ? 'red' : 'gray'
                    }
                  >
                    {label(t, 'fileStatus', f.status)}
                  </Badge>
                  {f.failureReason && (
                    <Text size="xs" c="red.9">
                      {f.failureReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Code fz="xs">{f.sha256.slice(0, 16)}…</Code>
                </Table.Td>
                {draft && (
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => remove.mutate(f.id)}
                      aria-label={t('sell.removeFile', { name: f.name })}
                    >
                      {t('sell.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {draft ? (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t('sell.sealHint')}
          </Text>
          <ErrorAlert error={seal.error} />
          <Group>
            <Button
              onClick={() => seal.mutate()}
              loading={seal.isPending}
              disabled={
                !files.some((f) => f.status === 'AVAILABLE') ||
                files.some((f) => f.status !== 'AVAILABLE')
              }
            >
              {t('sell.seal')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <QualityReport datasetId={datasetId} version={version} />
      )}
    </Stack>
  );
}

/** The quality report of a sealed version, live while it runs. */
function QualityReport({ datasetId, version }: { datasetId: string; version: number }) {
  const { t } = useTranslation();
  const { ko } = useBilingual();
  const report = useQuery({
    queryKey: ['quality', datasetId, version],
    queryFn: () =>
      ok(
        api.GET('/api/datasets/{id}/versions/{version}/quality-report', {
          params: { path: { id: datasetId, version } },
        }),
      ),
    refetchInterval: (q) =>
      q.state.data?.status === 'PASSED' || q.state.data?.status === 'FAILED' ? false : 1000,
  });
  if (report.error) return <ErrorAlert error={report.error} />;
  if (!report.data) return <Skeleton h={120} />;
  const r = report.data;
  const running = r.status === 'PENDING' || r.status === 'RUNNING';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="quality-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="quality-title">
            {t('product.quality')}
          </Title>
          <Group gap="xs">
            <Badge
              color={r.status === 'PASSED' ? 'teal.9' : r.status === 'FAILED' ? 'red.9' : 'gray.7'}
              data-testid="quality-status"
            >
              {label(t, 'qualityStatus', r.status)}
            </Badge>
            <QualityBadge score={r.score} />
          </Group>
        </Group>
        {running && (
          <div role="status">
            <Text size="sm" id="quality-progress">
              {t('sell.qualityProgress', {
                // The file being read is the next after those done: "file 1 of 1", not "0 of 1".
                n: Math.min(
                  (r.progress?.filesDone ?? 0) + (r.progress?.current ? 1 : 0),
                  r.progress?.filesTotal ?? 0,
                ),
                total: r.progress?.filesTotal ?? 0,
                current: r.progress?.current ?? '',
              })}
              {r.progress?.step &&
                ` · ${t(`sell.qualityStep.${r.progress.step}`)} ${r.progress.percent ?? 0}%`}
            </Text>
            <Progress
              aria-labelledby="quality-progress"
              value={
                r.progress?.filesTotal
                  ? (((r.progress.filesDone ?? 0) + (r.progress.percent ?? 0) / 100) * 100) /
                    r.progress.filesTotal
                  : 0
              }
              animated
            />
          </div>
        )}
        {r.status === 'FAILED' && (
          <Alert
            color="red"
            title={
              // A file that could not be read fails the version whatever its score.
              r.files.some((f) => f.error)
                ? t('sell.qualityUnreadable')
                : t('sell.qualityFailed', { pass: r.passScore })
            }
          >
            <Stack gap={2}>
              {(ko && r.reasonsKo.length ? r.reasonsKo : r.reasons).map((x, i) => (
                <Text key={i} size="sm">
                  {x}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {!running && (
          <Table fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('purchases.file')}</Table.Th>
                <Table.Th>{t('sell.encoding')}</Table.Th>
                <Table.Th ta="right">{t('sell.rows')}</Table.Th>
                <Table.Th ta="right">{t('sell.columns')}</Table.Th>
                <Table.Th ta="right">{t('sell.duplicates')}</Table.Th>
                <Table.Th ta="right">{t('quality.score')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.files.map((f) => (
                <Table.Tr key={f.fileId}>
                  <Table.Td>{f.name}</Table.Td>
                  <Table.Td>
                    {/* A workbook or a Parquet file has a format but no text encoding. */}
                    {[f.format && (FORMAT_NAMES[f.format] ?? f.format.toUpperCase()), f.encoding]
                      .filter(Boolean)
                      .join(' · ') || '—'}
                  </Table.Td>
                  <Table.Td ta="right">{f.rows?.toLocaleString('ko-KR') ?? '—'}</Table.Td>
                  {/* A file that could not be read has no columns to count. */}
                  <Table.Td ta="right">{f.error ? '—' : f.columns.length}</Table.Td>
                  <Table.Td ta="right">{f.duplicateRows?.toLocaleString('ko-KR') ?? '—'}</Table.Td>
                  <Table.Td ta="right">{f.score?.score ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {r.finishedAt && (
          <Text size="xs" c="dimmed">
            {t('sell.finishedAt', { at: seoulDateTime(r.finishedAt) })}
          </Text>
        )}
        {r.status === 'PASSED' && (
          <Group>
            <Button
              component={Link}
              to={`/sell/products/new?datasetId=${datasetId}&version=${version}`}
            >
              {t('sell.makeProduct')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
