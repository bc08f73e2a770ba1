import { describe, expect, it } from 'vitest';
import {
  arrowProblem,
  coreLoops,
  importsOf,
  partOf,
  sourceFiles,
  violations,
} from './architecture/check';
import { ALLOWED, FORBIDDEN, PACKAGE_RULES, PARTS } from './architecture/rules';

describe('architecture', () => {
  it('keeps every layering rule in src/', () => {
    expect(violations(sourceFiles('src'))).toEqual([]);
  });

  it('reads the imports of the real sources', () => {
    const tracker = sourceFiles('src/core/usage').find((f) => f.path.endsWith('/tracker.ts'));
    expect(tracker && importsOf(tracker)).toContainEqual({
      target: 'src/core/usage/tracker-aggregate',
      isPackage: false,
    });
  });

  it('maps every source file to a part', () => {
    expect(sourceFiles('src').filter((file) => partOf(file.path) === undefined)).toEqual([]);
    expect(partOf('src/cli.tsx')?.name).toBe('cli');
    expect(partOf('src/cli/usage.ts')?.name).toBe('cli');
    expect(partOf('src/core/errors.ts')?.name).toBe('core/common');
    expect(partOf('src/core/usage/types.ts')?.name).toBe('core/usage');
    expect(partOf('src/core/new-part/x.ts')).toBeUndefined();
  });

  it('names only known parts in its rules, and allows no loop between core parts', () => {
    const names = new Set(PARTS.map((part) => part.name));
    const named = [
      ...Object.keys(ALLOWED),
      ...Object.values(ALLOWED).flat(),
      ...FORBIDDEN.flatMap((rule) => [rule.from, rule.to]),
      ...PACKAGE_RULES.flatMap((rule) => rule.only),
    ];
    expect(named.filter((name) => !names.has(name) && name !== '*' && name !== 'core/*')).toEqual(
      [],
    );
    expect([...names].filter((name) => ALLOWED[name] === undefined)).toEqual([]);
    const allowed = new Map(
      Object.entries(ALLOWED).map(([from, tos]) => [
        from,
        new Map(tos.map((to) => [to, `rule ${from} -> ${to}`])),
      ]),
    );
    expect(coreLoops(allowed)).toEqual([]);
  });

  it('never allows a forbidden arrow', () => {
    for (const rule of FORBIDDEN) {
      const froms = PARTS.map((p) => p.name).filter(
        (name) => rule.from === name || rule.from === '*' || (rule.from === 'core/*' && name.startsWith('core/')),
      );
      for (const from of froms)
        if (from !== rule.to) expect(ALLOWED[from] ?? []).not.toContain(rule.to);
    }
  });

  it.each([
    [
      'src/core/usage/bad.ts',
      "import type { ChatProvider } from '../providers/types';",
      'forbidden arrow core/usage -> core/providers: usage owns the wire shapes',
    ],
    [
      'src/core/pricing/bad.ts',
      "import { keyVariableOf } from '../providers/key-variables';",
      'forbidden arrow core/pricing -> core/providers',
    ],
    [
      'src/core/ledger/bad.ts',
      "import { computeCost } from '../pricing/cost';",
      'no rule allows core/ledger -> core/pricing',
    ],
    [
      'src/reports/bad.ts',
      "import { helpLines } from '../commands/help';",
      'forbidden arrow reports -> commands',
    ],
    ['src/widgets/x.ts', 'export const a = 1;', 'src/widgets/x.ts belongs to no part'],
    ['src/ui/x.ts', "import { a } from '../widgets/x';", 'src/widgets/x, which belongs to no part'],
  ])('explains what is wrong with %s importing `%s`', (path, text, message) => {
    const found = violations([{ path, text }]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('finds a loop between two core folders and names the imports that make it', () => {
    const found = violations([
      { path: 'src/core/chat/x.ts', text: "import type { A } from '../usage/a';" },
      { path: 'src/core/usage/a.ts', text: "import type { B } from '../chat/x';" },
    ]);
    expect(found).toContain(
      'loop between core folders core/chat -> core/usage -> core/chat (src/core/chat/x.ts imports src/core/usage/a; src/core/usage/a.ts imports src/core/chat/x)',
    );
  });

  it('refuses an arrow outside the rules and allows one inside them', () => {
    expect(arrowProblem('core/usage', 'core/chat')).toMatch(/^no rule allows core\/usage -> core\/chat/);
    expect(arrowProblem('core/chat', 'core/usage')).toBeNull();
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
