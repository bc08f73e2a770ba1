import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModelsUpdate } from '../../src/cli/models-update';
import { PriceUpdateError } from '../../src/core/errors';
import { storedDataFile } from '../../src/core/pricing/data-store';
import { loadPriceTable } from '../../src/core/pricing/table';
import { captureIo, tempDir } from './cost-io';

// The genai-prices v2 data as recorded in /work/shared/prices (MIT, see
// tests/fixtures/models/LICENSE-genai-prices); the repository bundles the same bytes.
const DATA = readFileSync(new URL('../../data/genai-prices-v2.json', import.meta.url), 'utf8');

/**
 * The data with gpt-5 repriced to $1 / $8, grok-4-0709 (curated) to $9 input, a new model added
 * and claude-2 removed.
 */
function editedData(): string {
  const providers = JSON.parse(DATA) as {
    id: string;
    models: { id: string; prices: unknown; match: unknown }[];
  }[];
  const openai = providers.find((p) => p.id === 'openai')!;
  const gpt5 = openai.models.find((m) => m.id === 'gpt-5')!;
  gpt5.prices = { input_mtok: 1, cache_read_mtok: 0.1, output_mtok: 8 };
  openai.models.push({
    id: 'gpt-9-test',
    match: { equals: 'gpt-9-test' },
    prices: { input_mtok: 0.5, output_mtok: 2 },
  });
  const anthropic = providers.find((p) => p.id === 'anthropic')!;
  anthropic.models = anthropic.models.filter((m) => m.id !== 'claude-2');
  const grok = providers.find((p) => p.id === 'x-ai')!.models.find((m) => m.id === 'grok-4-0709')!;
  grok.prices = { input_mtok: 9, cache_read_mtok: 0.75, output_mtok: 15 };
  return JSON.stringify(providers);
}

type Route = (respond: (status: number, body: string) => void) => void;
const routes = new Map<string, Route>([
  ['/data.json', (respond) => respond(200, DATA)],
  ['/edited.json', (respond) => respond(200, editedData())],
  ['/truncated.json', (respond) => respond(200, DATA.slice(0, 5000))],
  ['/wrong-shape.json', (respond) => respond(200, JSON.stringify({ models: [] }))],
  [
    '/bad-price.json',
    (respond) =>
      respond(200, DATA.replace('"input_mtok":1.25,', '"input_mtok":"cheap",')),
  ],
  ['/html.json', (respond) => respond(200, '<html>rate limited</html>')],
  ['/hang.json', () => undefined],
]);

let server: Server;
let base: string;
const hanging = new Set<() => void>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = routes.get(request.url ?? '');
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (request.url === '/hang.json') hanging.add(() => response.destroy());
    route((status, body) => response.writeHead(status, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const close of hanging) close();
  await new Promise((resolve) => server.close(resolve));
});

/** What the data folder holds and prices gpt-5 at: the state a failed update must not touch. */
async function stateOf(home: string) {
  let stored: string | null;
  try {
    stored = readFileSync(storedDataFile(home), 'utf8');
  } catch {
    stored = null;
  }
  const table = await loadPriceTable({ dataDir: home });
  return { stored, gpt5: table.resolve('gpt-5')!.rates.input, origin: table.data?.origin };
}

describe('chatmeter models update', () => {
  it('fetches, prints the diff, stores the data with its provenance and uses it from then on', async () => {
    const home = tempDir();
    const io = captureIo({ home });
    expect(await runModelsUpdate({ url: `${base}/edited.json` }, io)).toBe(0);
    const out = io.out();
    expect(out).toContain(`Price data from ${base}/edited.json`);
    expect(out).toContain('Compared with the bundled data of 2026-08-21:');
    expect(out).toContain('  + openai/gpt-9-test  $0.50 in / $2.00 out');
    expect(out).toContain('  ~ openai/gpt-5  input $1.25 -> $1.00, output $10.00 -> $8.00, cacheRead $0.125 -> $0.10');
    expect(out).toContain('  - anthropic/claude-2');
    expect(out).toContain('  ~ x-ai/grok-4-0709  input $3.00 -> $9.00 (a curated price stays in use)');
    expect(out).toMatch(/1 new, 2 changed, 1 removed/);
    const after = await stateOf(home);
    expect(after.gpt5).toBe(1_000_000n);
    expect(after.origin).toBe('refreshed');
    const table = await loadPriceTable({ dataDir: home });
    expect(table.resolve('gpt-9-test')?.origin).toBe('refreshed');
    // The curated correction still wins: the data carries no prices_checked date after it.
    expect(table.resolve('gpt-4o-2024-05-13')?.rates.input).toBe(5_000_000n);
    const stored = readFileSync(storedDataFile(home), 'utf8');
    expect(stored).toContain('"source":"' + `${base}/edited.json"`);
    expect(stored).toMatch(/"sha256":"[0-9a-f]{64}"/);
  });

  it('changes nothing with --dry-run', async () => {
    const home = tempDir();
    const io = captureIo({ home });
    expect(await runModelsUpdate({ url: `${base}/edited.json`, dryRun: true }, io)).toBe(0);
    expect(io.out()).toContain('Dry run: nothing stored');
    expect(await stateOf(home)).toEqual({ stored: null, gpt5: 1_250_000n, origin: 'bundled' });
  });

  it('reads a downloaded copy with --file, and says when nothing changed', async () => {
    const home = tempDir();
    const io = captureIo({ home });
    const file = new URL('../../data/genai-prices-v2.json', import.meta.url).pathname;
    expect(await runModelsUpdate({ file }, io)).toBe(0);
    expect(io.out()).toContain('No price changes.');
  });

  it.each([
    ['a 404', '/missing.json', /answered 404 Not Found; check the URL/],
    ['truncated JSON', '/truncated.json', /not valid JSON .*cut short/],
    ['an HTML page', '/html.json', /not JSON price data but a web page; check the URL/],
    ['a wrong shape', '/wrong-shape.json', /not genai-prices v2 price data/],
    ['a price that is not a number', '/bad-price.json', /models\[[^\]]+\]\.prices\.input_mtok: must be a price/],
    ['a server that never answers', '/hang.json', /no complete answer from 127\.0\.0\.1:\d+ within 0\.3 s/],
  ])('fails with one line on %s and leaves the data in use untouched', async (_, path, message) => {
    const home = tempDir();
    expect(await runModelsUpdate({ url: `${base}/edited.json` }, captureIo({ home }))).toBe(0);
    const before = await stateOf(home);
    const attempt = runModelsUpdate({ url: `${base}${path}`, timeoutMs: 300 }, captureIo({ home }));
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PriceUpdateError);
    expect((error as PriceUpdateError).message).toMatch(message);
    expect((error as PriceUpdateError).message).not.toContain('\n');
    expect((error as PriceUpdateError).exitCode).toBe(1);
    expect(await stateOf(home)).toEqual(before);
  });

  it('fails with one line when nothing listens at the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const home = tempDir();
    await expect(
      runModelsUpdate({ url: `http://127.0.0.1:${port}/data.json` }, captureIo({ home })),
    ).rejects.toThrow(/cannot fetch .* \(.*ECONNREFUSED.*\); check the network/);
    expect(await stateOf(home)).toEqual({ stored: null, gpt5: 1_250_000n, origin: 'bundled' });
  });

  it('fails with one line, without hanging, when the data folder cannot be made', async () => {
    const file = new URL('../../data/genai-prices-v2.json', import.meta.url).pathname;
    await expect(
      runModelsUpdate({ file }, captureIo({ home: '/proc/chatmeter-nowhere/home' })),
    ).rejects.toThrow(/cannot store the price data \(.*\)$/);
  });

  it('takes CHATMETER_PRICES_URL as the default source', async () => {
    const home = tempDir();
    const io = captureIo({ home });
    (io.env as NodeJS.ProcessEnv).CHATMETER_PRICES_URL = `${base}/data.json`;
    expect(await runModelsUpdate({ dryRun: true }, io)).toBe(0);
    expect(io.out()).toContain(`Price data from ${base}/data.json`);
  });

  it('falls back to the bundled prices, with a warning, when the stored data is damaged', async () => {
    const home = tempDir();
    expect(await runModelsUpdate({ url: `${base}/edited.json` }, captureIo({ home }))).toBe(0);
    const file = storedDataFile(home);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('gpt-9-test', 'gpt-9-tost'));
    const table = await loadPriceTable({ dataDir: home });
    expect(table.data?.origin).toBe('bundled');
    expect(table.data?.problem).toMatch(/damaged \(its checksum does not match\); using the bundled prices/);
    expect(table.resolve('gpt-5')!.rates.input).toBe(1_250_000n);
  });
});
