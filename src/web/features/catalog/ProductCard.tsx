import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { seoulDate, won } from '../../common/format';
import { label } from '../../common/labels';
import { QualityBadge } from '../../common/QualityBadge';

type Card = components['schemas']['ProductCardView'];

/** One result: title, seller, price, the quality score and what sets it apart. */
export function ProductCard({ product }: { product: Card }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      aria-labelledby={`p-${product.id}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Anchor
            component={Link}
            to={`/products/${product.id}`}
            state={{ from: 'search' }}
            fw={600}
            id={`p-${product.id}`}
          >
            {product.title}
          </Anchor>
          <QualityBadge score={product.qualityScore} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('catalog.seller')}: {product.sellerName}
          {product.processorName ? ` · ${t('catalog.processor')}: ${product.processorName}` : ''}
        </Text>
        <Group gap={6}>
          <Badge variant="light">{label(t, 'dataType', product.dataType)}</Badge>
          {product.industryCode && (
            <Badge variant="light" color="gray">
              KSIC {product.industryCode}
            </Badge>
          )}
          {product.processingSupported && (
            <Badge variant="light" color="teal">
              {t('catalog.processingSupported')}
            </Badge>
          )}
          <Badge variant="outline" color="gray.7">
            {product.license}
          </Badge>
        </Group>
        <Group justify="space-between">
          <Text fw={700} size="lg">
            {won(product.priceKrw)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('catalog.rows', { count: product.rowCount })} · {t('catalog.listed')}{' '}
            {seoulDate(product.listedAt)}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
