import { Alert, Button, Group, List, Paper, Progress, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import '@mantine/dropzone/styles.css';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../common/errors';
import { bytes } from '../../../common/format';
import { unfinished } from './resume';
import { type Progress as UploadProgress, uploadFile } from './uploader';

interface Row {
  id: number;
  file: File;
  progress: UploadProgress;
  controller: AbortController;
}

/** Seconds as "1분 20초" / "1 min 20 s". */
function duration(seconds: number, lang: string) {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (lang.startsWith('ko')) return m ? `${m}분 ${s}초` : `${s}초`;
  return m ? `${m} min ${s} s` : `${s} s`;
}

/**
 * Drag-and-drop upload of a version's files straight to storage, each with its progress, speed
 * and time left, a total bar, cancel, and resume after a reload.
 */
export function Uploader({
  datasetId,
  version,
  onUploaded,
}: {
  datasetId: string;
  version: number;
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<Row[]>([]);
  const next = useRef(1);
  const [pending] = useState(() => unfinished(datasetId, version));

  function update(id: number, progress: UploadProgress) {
    setRows((rs) => rs.map((r) => (r.id === id ? { ...r, progress } : r)));
  }

  function start(files: File[]) {
    for (const file of files) {
      const id = next.current++;
      const controller = new AbortController();
      const row: Row = {
        id,
        file,
        controller,
        progress: { phase: 'hashing', bytes: 0, total: file.size, speed: 0, resumed: false },
      };
      setRows((rs) => [...rs, row]);
      uploadFile(file, { datasetId, version }, (p) => update(id, p), controller.signal)
        .then(() => onUploaded())
        .catch((err: unknown) =>
          update(id, {
            ...row.progress,
            phase: controller.signal.aborted ? 'cancelled' : 'failed',
            error: controller.signal.aborted ? undefined : errorText(err, i18n.language),
          }),
        );
    }
  }

  const active = rows.filter(
    (r) => r.progress.phase !== 'cancelled' && r.progress.phase !== 'failed',
  );
  const total = active.reduce((a, r) => a + r.file.size, 0);
  const sent = active.reduce(
    (a, r) => a + (r.progress.phase === 'hashing' ? 0 : r.progress.bytes),
    0,
  );

  return (
    <Stack>
      {pending.length > 0 && (
        <Alert color="yellow" title={t('upload.resumeTitle')}>
          <Text size="sm">{t('upload.resumeBody')}</Text>
          <List size="sm">
            {pending.map((p) => (
              <List.Item key={p.key}>
                {p.name} ({bytes(p.size)}) ·{' '}
                {t('upload.partsDone', { done: Object.keys(p.done).length, total: p.parts.length })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Dropzone onDrop={start} multiple aria-label={t('upload.drop')}>
        <Stack align="center" gap={4} py="lg">
          <Text fw={600}>{t('upload.drop')}</Text>
          <Text size="sm" c="dimmed">
            {t('upload.dropHint')}
          </Text>
        </Stack>
      </Dropzone>
      {rows.length > 0 && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <div>
              <Group justify="space-between">
                <Text size="sm" fw={600} id="upload-total">
                  {t('upload.total')}
                </Text>
                <Text size="sm">
                  {bytes(sent)} / {bytes(total)}
                </Text>
              </Group>
              <Progress value={total ? (sent * 100) / total : 0} aria-labelledby="upload-total" />
            </div>
            {rows.map((r) => (
              <FileRow key={r.id} row={r} lang={i18n.language} />
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );

  function FileRow({ row: r, lang }: { row: Row; lang: string }) {
    const p = r.progress;
    const share = p.total ? (p.bytes * 100) / p.total : 100;
    const left = p.speed > 0 ? (p.total - p.bytes) / p.speed : null;
    const labelId = `upload-${r.id}`;
    return (
      <div data-testid="upload-row" data-phase={p.phase} data-resumed={p.resumed}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" id={labelId} truncate>
            {r.file.name} ({bytes(r.file.size)})
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Text size="xs" c={p.phase === 'failed' ? 'red.9' : undefined}>
              {t(`upload.phase.${p.phase}`)}
              {p.resumed && p.phase === 'uploading' ? ` · ${t('upload.resumed')}` : ''}
              {p.phase === 'uploading' && p.speed > 0
                ? ` · ${bytes(p.speed)}/s · ${t('upload.left', { time: duration(left ?? 0, lang) })}`
                : ''}
            </Text>
            {(p.phase === 'hashing' || p.phase === 'uploading') && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                onClick={() => r.controller.abort()}
              >
                {t('upload.cancel')}
              </Button>
            )}
          </Group>
        </Group>
        <Progress
          value={share}
          color={
            p.phase === 'failed'
              ? 'red'
              : p.phase === 'done'
                ? 'teal'
                : p.phase === 'hashing'
                  ? 'gray'
                  : 'indigo'
          }
          aria-labelledby={labelId}
          striped={p.phase === 'hashing'}
        />
        {p.error && (
          <Text size="xs" c="red.9" role="alert">
            {p.error}
          </Text>
        )}
      </div>
    );
  }
}
