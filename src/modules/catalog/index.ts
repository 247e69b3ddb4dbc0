/**
 * What other modules may use of catalog/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { CatalogModule } from './catalog.module.js';
export { OrganizationRefView } from './dto/catalog.views.js';
export { CatalogEntities } from './entities.js';
export { ProductRevision } from './product-revision.entity.js';
export { Product } from './product.entity.js';
export { ProductsService } from './products.service.js';
