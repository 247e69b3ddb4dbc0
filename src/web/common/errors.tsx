import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** An error as a person reads it: the API's own message in the reader's language. */
export function errorText(error: unknown, lang: string): string {
  if (error instanceof ApiError) return error.text(lang);
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return lang.startsWith('ko')
    ? `서비스에 연결하지 못했습니다. 잠시 후 다시 시도해 주세요.${detail}`
    : `Could not reach the service; try again in a moment.${detail}`;
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" title={title ?? t('common.error')} role="alert">
      {errorText(error, i18n.language)}
    </Alert>
  );
}
