import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import {
  ALLOWED,
  CONSOLE_AND_EXIT_FILE,
  FORBIDDEN,
  PACKAGE_RULES,
  PARTS,
  type Part,
} from './rules';

/** A source file: path relative to the project root (with `/`), and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** One import: a package name as written, or a project path without extension. */
export interface Import {
  readonly target: string;
  /** True for a package (`ink`, `node:fs`), false for a file of the project. */
  readonly isPackage: boolean;
}

const root = join(import.meta.dirname, '..', '..');
const IMPORT =
  /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g;

/** Every `.ts`/`.tsx` file under `dir` (relative to the project root), with its text. */
export function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name)
      ? [{ path, text: readFileSync(join(root, path), 'utf8') }]
      : [];
  });
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** The imports of a file: packages as written, relative ones as project paths. */
export function importsOf(file: SourceFile): Import[] {
  return [...withoutComments(file.text).matchAll(IMPORT)].map((match) => {
    const spec = match[1] ?? match[2] ?? match[3] ?? '';
    if (!spec.startsWith('.')) return { target: spec, isPackage: true };
    const target = relative(root, normalize(join(root, dirname(file.path), spec)))
      .replaceAll('\\', '/')
      .replace(/\.(tsx?|jsx?|mjs)$/, '');
    return { target, isPackage: false };
  });
}

/** Code with comments and string contents removed, so text about `console` does not count. */
function codeOnly(text: string): string {
  return withoutComments(text).replace(
    /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g,
    "''",
  );
}

function pathMatches(path: string, pattern: string): number {
  if (pattern.endsWith('/*')) {
    const dir = pattern.slice(0, -1);
    return path.startsWith(dir) && !path.slice(dir.length).includes('/') ? dir.length : -1;
  }
  if (pattern.endsWith('/')) return path.startsWith(pattern) ? pattern.length : -1;
  return path === pattern || path.replace(/\.(tsx?)$/, '') === pattern ? pattern.length + 1 : -1;
}

/** The part a project path (with or without extension) belongs to, or undefined for none. */
export function partOf(path: string): Part | undefined {
  let best: Part | undefined;
  let bestLength = -1;
  for (const part of PARTS) {
    for (const pattern of part.paths) {
      const length = pathMatches(path, pattern);
      if (length > bestLength) [best, bestLength] = [part, length];
    }
  }
  return best;
}

const isCore = (name: string) => PARTS.some((part) => part.name === name && part.core === true);
const nameMatches = (name: string, pattern: string) =>
  pattern === '*' || pattern === name || (pattern === 'core/*' && isCore(name));

/** Why an arrow between two parts is refused, or null when a rule allows it. */
export function arrowProblem(from: string, to: string): string | null {
  const forbidden = FORBIDDEN.find(
    (rule) => nameMatches(from, rule.from) && nameMatches(to, rule.to),
  );
  if (forbidden) return `forbidden arrow ${from} -> ${to}: ${forbidden.reason}`;
  if (!(ALLOWED[from] ?? []).includes(to))
    return `no rule allows ${from} -> ${to} (add the arrow to tests/architecture/rules.ts with its reason, or import differently)`;
  return null;
}

/** The arrows between different parts that the imports of `files` follow, with one example each. */
export function arrowsOf(files: readonly SourceFile[]): Map<string, Map<string, string>> {
  const arrows = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = partOf(file.path)?.name;
    if (from === undefined) continue;
    for (const { target, isPackage } of importsOf(file)) {
      const to = isPackage ? undefined : partOf(target)?.name;
      if (to === undefined || to === from) continue;
      const targets = arrows.get(from) ?? new Map<string, string>();
      if (!targets.has(to)) targets.set(to, `${file.path} imports ${target}`);
      arrows.set(from, targets);
    }
  }
  return arrows;
}

/**
 * Loops between core parts in `arrows`: each one as `a -> b -> a`, with the import behind each
 * arrow. Found by a depth-first search that reports each back edge once.
 */
export function coreLoops(arrows: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] {
  const loops: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (part: string) => {
    state.set(part, 'open');
    stack.push(part);
    for (const [next, example] of arrows.get(part) ?? []) {
      if (!isCore(next)) continue;
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const because = cycle
          .slice(1)
          .map((to, index) => arrows.get(cycle[index] ?? '')?.get(to) ?? example);
        loops.push(`loop between core folders ${cycle.join(' -> ')} (${because.join('; ')})`);
      } else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(part, 'done');
  };
  for (const part of PARTS) if (part.core && state.get(part.name) === undefined) visit(part.name);
  return loops;
}

/** Every architecture rule the files break, one line each (empty when all hold). */
export function violations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = partOf(file.path);
    if (from === undefined) {
      found.push(`${file.path} belongs to no part: add its folder to PARTS in the rules`);
      continue;
    }
    for (const { target, isPackage } of importsOf(file)) {
      if (isPackage) {
        const rule = PACKAGE_RULES.find((r) => r.packages.test(target));
        if (rule && !rule.only.includes(from.name))
          found.push(`${file.path} imports ${target}: ${rule.reason}`);
        continue;
      }
      const to = partOf(target);
      if (to === undefined) {
        found.push(`${file.path} imports ${target}, which belongs to no part`);
        continue;
      }
      if (to === from) continue;
      const problem = arrowProblem(from.name, to.name);
      if (problem) found.push(`${file.path} imports ${target}: ${problem}`);
    }
    if (file.path !== CONSOLE_AND_EXIT_FILE && /\bconsole\.\w+|\bprocess\.exit\b/.test(codeOnly(file.text)))
      found.push(`${file.path} uses console or process.exit: only ${CONSOLE_AND_EXIT_FILE} may`);
  }
  return [...found, ...coreLoops(arrowsOf(files))];
}
