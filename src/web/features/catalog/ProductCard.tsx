import { Anchor, Badge, Card } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/openapi.gen';
import { seoulDate, won } from '../../common/format';
import { label } from '../../common/labels';
import { QualityBadge } from '../../common/QualityBadge';
import classes from './ProductCard.module.css';
import { useLicenceName } from '../../common/licences';

type Card = components['schemas']['ProductCardView'];

/** One result: title, seller, price, the quality score and what sets it apart. */
export function ProductCard({ product }: { product: Card }) {
  const { t } = useTranslation();
  const licenceName = useLicenceName();
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="article"
      aria-labelledby={`p-${product.id}`}
    >
      <div className={classes.body}>
        <div className={classes.head}>
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
        </div>
        <p className={classes.seller}>
          {t('catalog.seller')}: {product.sellerName}
          {product.processorName ? ` · ${t('catalog.processor')}: ${product.processorName}` : ''}
        </p>
        <div className={classes.badges}>
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
            {licenceName(product.license)}
          </Badge>
        </div>
        <div className={classes.foot}>
          <p className={classes.price}>{won(product.priceKrw)}</p>
          <p className={classes.meta}>
            {t('catalog.rows', { count: product.rowCount })} · {t('catalog.listed')}{' '}
            {seoulDate(product.listedAt)}
          </p>
        </div>
      </div>
    </Card>
  );
}
