import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The quality score (0-100) with a colour a glance can read. */
export function QualityBadge({ score }: { score: number | null }) {
  const { t } = useTranslation();
  if (score === null) return null;
  const color = score >= 90 ? 'teal.9' : score >= 70 ? 'indigo.8' : 'red.9';
  return (
    <Badge
      color={color}
      variant="filled"
      size="lg"
      flex="none"
      aria-label={t('quality.scoreLabel', { score })}
    >
      {t('quality.score')} {score}
    </Badge>
  );
}
