import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/openapi.gen';

type Processor = components['schemas']['ProcessorView'];

/** A processor's room for projects: free slots of its capacity, or full. */
export function Capacity({ p }: { p: Processor }) {
  const { t } = useTranslation();
  return p.freeSlots > 0 ? (
    <Badge variant="light" color="teal">
      {t('processors.free', { free: p.freeSlots, capacity: p.capacity })}
    </Badge>
  ) : (
    <Badge variant="light" color="gray">
      {t('processors.full', { capacity: p.capacity })}
    </Badge>
  );
}
