import path from 'node:path';

/**
 * The boundaries of src/ (docs/architecture.md):
 * - a module (src/modules/<name>/) is reached from another module only through its index.ts,
 *   or its rules.ts (pure functions, no framework) where it has one;
 * - platform (src/platform/) imports no module and not the composition root (src/app/).
 * Type-only imports obey the same rule: an index exports the types others may use.
 */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Modules are reached through their index.ts; platform imports no module.',
    },
    messages: {
      pastIndex:
        "'{{spec}}' reaches into {{module}}/; import what it makes public from '{{index}}' (add it to {{module}}/index.ts if it should be).",
      platform:
        "platform/ must not import '{{spec}}': platform serves the modules and knows none of them (the composition root is src/app/).",
    },
    schema: [],
  },
  create(context) {
    const src = path.resolve(context.cwd, 'src');
    const file = context.filename;
    const fromRel = path.relative(src, file);
    if (fromRel.startsWith('..')) return {};
    const [fromTop, fromModule] = fromRel.split(path.sep);
    const check = (node) => {
      const spec = node.source?.value;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const rel = path.relative(src, target);
      if (rel.startsWith('..')) return;
      const [top, module, ...rest] = rel.split(path.sep);
      if (fromTop === 'platform' && (top === 'modules' || top === 'app')) {
        context.report({ node: node.source, messageId: 'platform', data: { spec } });
        return;
      }
      if (top !== 'modules' || (fromTop === 'modules' && fromModule === module)) return;
      // index.ts, and rules.ts where a module has pure rules that the web app shares.
      if (rest.length === 1 && (rest[0] === 'index.js' || rest[0] === 'rules.js')) return;
      const index = path
        .relative(path.dirname(file), path.join(src, 'modules', module, 'index.js'))
        .replaceAll(path.sep, '/');
      context.report({
        node: node.source,
        messageId: 'pastIndex',
        data: { spec, module, index: index.startsWith('.') ? index : `./${index}` },
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'module-boundaries': rule } };
