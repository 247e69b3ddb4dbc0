import { Button, Group, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './errors';

export type Format = 'csv' | 'xlsx';

/** Saves a file the API answered (with the signed-in user's token) under `name`. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** CSV and Excel buttons for one report. */
export function Downloads({
  name,
  fetchFile,
}: {
  name: string;
  fetchFile: (format: Format) => Promise<Blob>;
}) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: async (format: Format) => save(await fetchFile(format), `${name}.${format}`),
  });
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {(['xlsx', 'csv'] as const).map((f) => (
          <Button
            key={f}
            variant="default"
            size="xs"
            loading={download.isPending && download.variables === f}
            onClick={() => download.mutate(f)}
          >
            {t(`desk.reports.${f}`)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={download.error} />
    </Stack>
  );
}
