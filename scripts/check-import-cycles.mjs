#!/usr/bin/env node
/*
 * Fails when the product's modules import each other in a circle (issue 14): shared/, renderer/
 * and electron/, relative imports, type-only imports included (a type circle is a layering
 * circle even when the bundler erases it). Tarjan's strongly connected components over the
 * import graph; each circle is printed with its files.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository by default; a test passes a folder of its own.
const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const SOURCE_ROOTS = ['shared', 'renderer', 'electron'].filter((dir) => existsSync(path.join(root, dir)));
const IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;

function sourceFiles(dir, into = []) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules') sourceFiles(full, into);
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) into.push(full);
  }
  return into;
}

function resolveImport(from, specifier) {
  const target = path.resolve(path.dirname(from), specifier.replace(/\?.*$/, ''));
  const candidates = [target, `${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts'), path.join(target, 'index.tsx')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

const graph = new Map();
for (const file of SOURCE_ROOTS.flatMap((dir) => sourceFiles(path.join(root, dir)))) {
  const imports = new Set();
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const resolved = resolveImport(file, match[1]);
    if (resolved !== null) imports.add(resolved);
  }
  graph.set(file, imports);
}

// Tarjan, iterative enough for this graph's depth (recursion depth = longest import chain).
let counter = 0;
const order = new Map();
const lowest = new Map();
const stack = [];
const onStack = new Set();
const circles = [];
function visit(file) {
  order.set(file, counter);
  lowest.set(file, counter);
  counter += 1;
  stack.push(file);
  onStack.add(file);
  for (const next of graph.get(file) ?? []) {
    if (!order.has(next)) {
      visit(next);
      lowest.set(file, Math.min(lowest.get(file), lowest.get(next)));
    } else if (onStack.has(next)) lowest.set(file, Math.min(lowest.get(file), order.get(next)));
  }
  if (lowest.get(file) !== order.get(file)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    onStack.delete(member);
    component.push(member);
  } while (member !== file);
  if (component.length > 1) circles.push(component);
}
for (const file of graph.keys()) if (!order.has(file)) visit(file);

if (circles.length > 0) {
  console.error(`Import circles (${circles.length}); break each by moving what both sides need into a module below them:`);
  for (const circle of circles) console.error(`  ${circle.map((file) => path.relative(root, file)).join('\n    ↔ ')}`);
  process.exit(1);
}
console.log(`No import circles among ${graph.size} modules.`);
