/**
 * ESLint rules for the server's module boundaries (ARCHITECTURE.md, "Modules"):
 * - `yixian/module-face`: code outside a module (another module, main.ts, the seed, bench, bin, tests of another
 *   module) imports it only through its public face, `index.ts`; the same holds for the libraries listed in
 *   `packages` (e.g. `src/server/nlp`).
 * - `yixian/module-cycles`: no module depends on a module that depends back on it, directly or through others
 *   (type-only imports count: a cycle of types is still two modules that cannot be understood apart).
 * Tests are not edges of the graph (they sit above their module). Both read the modules folder given by the `modules` option (default `src/server/modules`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const IMPORT_RE = /(?:^|[^\w$.])(?:import|export)\s*(?:type\s+)?(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function options(context) {
  const cwd = context.cwd ?? process.cwd();
  const o = context.options[0] ?? {};
  return {
    modules: path.resolve(cwd, o.modules ?? 'src/server/modules'),
    packages: (o.packages ?? []).map((p) => path.resolve(cwd, p)),
  };
}

/** The module a file belongs to (its first folder under `modules`), or undefined for files outside any module. */
function moduleOf(modulesDir, file) {
  const rel = path.relative(modulesDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Every relative import specifier in a source text. */
function specifiers(text) {
  const out = [];
  for (const m of text.matchAll(IMPORT_RE)) out.push(m[1] ?? m[2]);
  return out;
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Tests sit above their module (they may set up data through other modules' faces), so they are not edges. */
const isTest = (file) => /\.test\.[cm]?[jt]sx?$/.test(file);

const graphs = new Map();
/** Module → modules it imports, read from disk once per lint run (per modules folder). */
function moduleGraph(modulesDir) {
  let g = graphs.get(modulesDir);
  if (g) return g;
  g = new Map();
  for (const file of walk(modulesDir)) {
    const from = moduleOf(modulesDir, file);
    if (!from || isTest(file)) continue;
    if (!g.has(from)) g.set(from, new Map());
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const to = moduleOf(modulesDir, path.resolve(path.dirname(file), spec));
      if (to && to !== from && !g.get(from).has(to)) g.get(from).set(to, path.relative(modulesDir, file));
    }
  }
  graphs.set(modulesDir, g);
  return g;
}

/** A path of modules from `start` to `goal` in the graph, or undefined. */
function pathBetween(g, start, goal) {
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift();
    if (at === goal) {
      const route = [];
      for (let n = at; n !== null; n = prev.get(n)) route.unshift(n);
      return route;
    }
    for (const next of (g.get(at) ?? new Map()).keys()) {
      if (!prev.has(next)) { prev.set(next, at); queue.push(next); }
    }
  }
  return undefined;
}

function eachImport(node, check) {
  const visit = (n) => { if (n.source && typeof n.source.value === 'string') check(n.source, n.source.value); };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

const face = {
  meta: {
    type: 'problem',
    docs: { description: "import another module only through its index.ts" },
    schema: [{ type: 'object', properties: { modules: { type: 'string' }, packages: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    messages: {
      internal: "'{{spec}}' reaches into the internals of module '{{target}}': import '{{face}}' (its public face) instead, and export there what you need.",
    },
  },
  create(context) {
    const { modules, packages } = options(context);
    const file = context.physicalFilename ?? context.filename;
    const own = moduleOf(modules, file);
    return eachImport(null, (node, spec) => {
      if (!spec.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), spec);
      const mod = moduleOf(modules, target);
      const report = (name, dir) => {
        const faceFile = path.join(dir, 'index.ts');
        if (target === faceFile) return;
        let rel = path.relative(path.dirname(file), faceFile).split(path.sep).join('/');
        if (!rel.startsWith('.')) rel = './' + rel;
        context.report({ node, messageId: 'internal', data: { spec, target: name, face: rel } });
      };
      if (mod && mod !== own) report(mod, path.join(modules, mod));
      for (const pkg of packages) {
        const inPkg = (f) => !path.relative(pkg, f).startsWith('..');
        if (inPkg(target) && !inPkg(file)) report(path.basename(pkg), pkg);
      }
    });
  },
};

const cycles = {
  meta: {
    type: 'problem',
    docs: { description: 'no cycles between modules' },
    schema: [{ type: 'object', properties: { modules: { type: 'string' }, packages: { type: 'array' } }, additionalProperties: false }],
    messages: { cycle: "Module cycle: {{route}} (this import closes it; '{{back}}' imports back). Move the shared piece to the module below." },
  },
  create(context) {
    const { modules } = options(context);
    const file = context.physicalFilename ?? context.filename;
    const own = moduleOf(modules, file);
    if (!own || isTest(file)) return {};
    const g = moduleGraph(modules);
    return eachImport(null, (node, spec) => {
      if (!spec.startsWith('.')) return;
      const to = moduleOf(modules, path.resolve(path.dirname(file), spec));
      if (!to || to === own) return;
      const back = pathBetween(g, to, own);
      if (back) {
        const via = g.get(back.at(-2))?.get(own) ?? '';
        context.report({ node, messageId: 'cycle', data: { route: [own, ...back].join(' → '), back: via } });
      }
    });
  },
};

export default { meta: { name: 'yixian' }, rules: { 'module-face': face, 'module-cycles': cycles } };
