import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A source file: path relative to the project root (with `/`), and its text. */
interface SourceFile {
  readonly path: string;
  readonly text: string;
}

const root = join(import.meta.dirname, '..');
const SDKS = /^(openai|@anthropic-ai\/sdk)(\/|$)/;
const OTEL = /^@opentelemetry\//;
const UI_LIBS = /^(react|ink|ink-[\w-]+|@inkjs\/[\w-]+)(\/|$)/;
const IMPORT =
  /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): SourceFile[] {
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

/** Import targets: package names as written, relative ones as project paths without extension. */
function importsOf(file: SourceFile): string[] {
  return [...withoutComments(file.text).matchAll(IMPORT)].map((match) => {
    const spec = match[1] ?? match[2] ?? match[3] ?? '';
    if (!spec.startsWith('.')) return spec;
    return relative(root, normalize(join(root, dirname(file.path), spec)))
      .replaceAll('\\', '/')
      .replace(/\.(tsx?|jsx?|mjs)$/, '');
  });
}

/** Code with comments and string contents removed, so text about `console` does not count. */
function codeOnly(text: string): string {
  return withoutComments(text).replace(
    /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g,
    "''",
  );
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** Every layering rule (DESIGN §5, STYLE) a file's imports or calls break. */
function violations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = file.path;
    const broke = (target: string, rule: string) =>
      found.push(`${from} imports ${target}: ${rule}`);
    for (const target of importsOf(file)) {
      const intoApp = ['src/ui', 'src/commands', 'src/cli', 'src/reports', 'src/proxy'].find((dir) =>
        inside(target, dir),
      );
      if (inside(from, 'src/core') && (UI_LIBS.test(target) || intoApp || target === 'src/cli'))
        broke(target, 'core imports no UI, commands, reports or cli');
      if (SDKS.test(target) && !inside(from, 'src/core/providers'))
        broke(target, 'only src/core/providers imports an SDK');
      if (OTEL.test(target) && !inside(from, 'src/telemetry'))
        broke(target, 'only src/telemetry imports OpenTelemetry');
      if (
        inside(from, 'src/telemetry') &&
        target.startsWith('src/') &&
        !inside(target, 'src/core') &&
        !inside(target, 'src/telemetry')
      )
        broke(target, 'telemetry imports only core');
      if (inside(from, 'src/core') && inside(target, 'src/telemetry'))
        broke(target, 'core never imports telemetry');
      if (target === 'models.pricing' && !inside(from, 'src/core/pricing'))
        broke(target, 'only src/core/pricing reads models.pricing.ts');
      if (
        inside(from, 'src/reports') &&
        target.startsWith('src/') &&
        !inside(target, 'src/core') &&
        !inside(target, 'src/reports')
      )
        broke(target, 'reports import only core');
      if (inside(from, 'src/reports') && UI_LIBS.test(target))
        broke(target, 'reports import only core');
      if (
        inside(from, 'src/commands') &&
        (inside(target, 'src/ui') || inside(target, 'src/cli') || target === 'src/cli')
      )
        broke(target, 'commands never import ui or cli');
    }
    if (from !== 'src/cli.tsx' && /\bconsole\.\w+|\bprocess\.exit\b/.test(codeOnly(file.text)))
      found.push(`${from} uses console or process.exit: only src/cli.tsx may`);
  }
  return found;
}

describe('architecture', () => {
  it('keeps every layering rule in src/', () => {
    expect(violations(sourceFiles('src'))).toEqual([]);
  });

  it('reads the imports of the real sources', () => {
    const tracker = sourceFiles('src/core/usage').find((f) => f.path.endsWith('/tracker.ts'));
    expect(tracker && importsOf(tracker)).toContain('src/core/usage/tracker-aggregate');
  });

  it.each([
    ['src/core/chat/x.ts', "import { Box } from 'ink';"],
    ['src/core/chat/x.ts', "import type { Io } from '../../cli/io';"],
    ['src/core/chat/x.ts', "const m = await import('../../ui/app.js');"],
    ['src/core/ledger/x.ts', "import { toolOf } from '../../proxy/tool';"],
    ['src/proxy/x.ts', "import OpenAI from 'openai';"],
    ['src/ui/app.tsx', "import OpenAI from 'openai';"],
    ['src/cli/chat.ts', "import type { Message } from '@anthropic-ai/sdk/resources';"],
    ['src/ui/models.tsx', "import { models } from '../../models.pricing';"],
    ['src/reports/x.ts', "export { a } from '../ui/theme';"],
    ['src/commands/usage.ts', "import { Table } from '../ui/table';"],
    ['src/core/ledger/x.ts', 'console.log("hi");'],
    ['src/ui/app.tsx', 'process.exit(1);'],
    ['src/cli/chat.ts', "import { MeterProvider } from '@opentelemetry/sdk-metrics';"],
    ['src/telemetry/x.ts', "import { render } from '../ui/render';"],
    ['src/core/chat/x.ts', "import { startLiveTelemetry } from '../../telemetry/live';"],
  ])('flags %s with `%s`', (path, text) => {
    expect(violations([{ path, text }])).toHaveLength(1);
  });

  it.each([
    ['src/core/providers/openai.ts', "import OpenAI from 'openai';"],
    ['src/core/pricing/table.ts', "import { models } from '../../../models.pricing';"],
    ['src/reports/x.ts', "import { formatUsd } from '../core/pricing/money';"],
    ['src/cli.tsx', 'process.exit(0);'],
    ['src/telemetry/live.ts', "import { MeterProvider } from '@opentelemetry/sdk-metrics';"],
    ['src/telemetry/x.ts', "import type { CallRecord } from '../core/usage/types';"],
    [
      'src/core/x.ts',
      '/** Never calls process.exit or console.log. */\nexport const a = 1; // console.log',
    ],
    ['src/core/x.ts', "const sample = `console.log(n)`; const t = 'process.exit(1)';"],
  ])('allows %s with `%s`', (path, text) => {
    expect(violations([{ path, text }])).toEqual([]);
  });
});
