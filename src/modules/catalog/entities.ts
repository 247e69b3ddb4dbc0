import { Licence } from './licence.entity.js';
import { ProductRevision } from './product-revision.entity.js';
import { Product } from './product.entity.js';

export const CatalogEntities = [Licence, Product, ProductRevision];
