import type { components } from '../../api/openapi.gen';

type Product = components['schemas']['ProductView'];

/**
 * The data card as schema.org `Dataset` JSON-LD, in the page, so that dataset search engines can
 * index it. Only what the card itself shows to anyone; nothing for a product not on sale.
 */
export function DatasetJsonLd({ p }: { p: Product }) {
  if (p.status !== 'LISTED') return null;
  const url = `${window.location.origin}/products/${p.id}`;
  const data = {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': url,
    url,
    name: p.title,
    description: p.description.trim() || p.title,
    identifier: p.id,
    version: String(p.version),
    inLanguage: 'ko',
    keywords: [...p.tags, '제조 데이터', 'manufacturing data'],
    isAccessibleForFree: false,
    datePublished: p.firstListedAt ?? p.listedAt ?? undefined,
    dateModified: p.updatedAt,
    ...(p.seller && { creator: { '@type': 'Organization', name: p.seller.name } }),
    ...(p.licence && {
      license: `${window.location.origin}/api/licences#${p.licence.code}`,
    }),
    includedInDataCatalog: {
      '@type': 'DataCatalog',
      name: '제조 데이터 거래소 · Manufacturing Data Exchange',
      url: `${window.location.origin}/api/catalog/dcat`,
    },
    offers: { '@type': 'Offer', price: p.priceKrw, priceCurrency: 'KRW' },
    distribution: [
      {
        '@type': 'DataDownload',
        encodingFormat: 'text/csv',
        contentUrl: url,
        contentSize: `${p.sizeBytes} B`,
      },
    ],
  };
  return (
    <script
      type="application/ld+json"
      data-testid="dataset-jsonld"
      // JSON.stringify cannot close the script element: "<" is escaped.
      dangerouslySetInnerHTML={{ __html: JSON.stringify(data).replace(/</g, '\\u003c') }}
    />
  );
}
