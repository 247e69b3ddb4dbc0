import path from 'node:path';
import { ESLint } from 'eslint';

/** The module boundaries are a lint rule (tools/eslint/module-boundaries.js); it must bite. */
describe('module boundaries', () => {
  const eslint = new ESLint({ cwd: path.resolve('.') });
  const problems = async (file: string, code: string) =>
    (await eslint.lintText(code, { filePath: path.resolve(file) }))[0].messages
      .filter((m) => m.ruleId === 'local/module-boundaries')
      .map((m) => m.message);

  it("refuses an import past another module's index.ts, and names the index to use", async () => {
    const found = await problems(
      'src/modules/orders/boundary-probe.ts',
      "import { ProductsService } from '../catalog/products.service.js';\nexport const x = ProductsService;\n",
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("'../catalog/index.js'");
  });

  it('refuses a module or the composition root in platform/', async () => {
    const found = await problems(
      'src/platform/http/boundary-probe.ts',
      "import { AuditService } from '../../modules/audit/index.js';\nimport { AppModule } from '../../app/app.module.js';\nexport const x = [AuditService, AppModule];\n",
    );
    expect(found).toHaveLength(2);
  });

  it("allows another module's index.ts, and anything inside one's own module", async () => {
    const found = await problems(
      'src/modules/orders/dto/boundary-probe.ts',
      "import { ProductsService } from '../../catalog/index.js';\nimport { Order } from '../order.entity.js';\nexport const x = [ProductsService, Order];\n",
    );
    expect(found).toEqual([]);
  });
});
