import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** Where the recorded bodies live (copied from ../shared/fixtures with their attribution). */
export const FIXTURES_DIR = join(import.meta.dirname, '..', 'fixtures');

/** One recorded response to replay. */
export interface ReplayResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * How a response is sent: `whole` at once; `bytewise` one byte per write (proves frame
 * reassembly); `truncated` the first `cutAt` bytes then a clean end (a stream cut short);
 * `reset` the first `cutAt` bytes then a destroyed socket.
 */
export type ReplayMode =
  | { readonly kind: 'whole' }
  | { readonly kind: 'bytewise' }
  | { readonly kind: 'truncated'; readonly cutAt: number }
  | { readonly kind: 'reset'; readonly cutAt: number };

/** A request the server received. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

const DROPPED_HEADERS = new Set([
  'content-encoding',
  'content-length',
  'transfer-encoding',
  'connection',
]);

interface FixtureMeta {
  readonly status: { readonly code: number | null };
  readonly response_headers_as_recorded: Record<string, string[]> | null;
}

/**
 * Loads a fixture body with its recorded status and headers (minus the hop-by-hop and encoding
 * ones). `status` is required when the fixture did not record one; `headers` add or replace.
 */
export function loadFixture(
  name: string,
  overrides: { status?: number; headers?: Record<string, string> } = {},
): ReplayResponse {
  const body = readFileSync(join(FIXTURES_DIR, name));
  const meta = JSON.parse(
    readFileSync(join(FIXTURES_DIR, `${name}.meta.json`), 'utf8'),
  ) as FixtureMeta;
  const status = overrides.status ?? meta.status.code;
  if (status === null) throw new Error(`${name} has no recorded status: pass one`);
  const headers: Record<string, string> = {};
  for (const [key, values] of Object.entries(meta.response_headers_as_recorded ?? {})) {
    if (!DROPPED_HEADERS.has(key.toLowerCase())) headers[key.toLowerCase()] = values.join(', ');
  }
  headers['content-type'] ??= name.endsWith('.sse') ? 'text/event-stream' : 'application/json';
  return { status, headers: { ...headers, ...overrides.headers }, body };
}

/** A response built in a test (a spliced stream, a bench body). */
export function replayResponse(
  body: string | Buffer,
  status = 200,
  headers: Record<string, string> = {},
): ReplayResponse {
  return { status, headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body) };
}

/** The byte offset just after the first SSE frame whose text contains `marker`. */
export function cutAfterFrame(body: Buffer, marker: string): number {
  const text = body.toString('utf8');
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in body`);
  const end = text.indexOf('\n\n', at);
  return Buffer.byteLength(text.slice(0, end < 0 ? text.length : end + 2));
}

/** A local HTTP server on 127.0.0.1 (random port) replaying queued responses. */
export interface ReplayServer {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** Responses for the next requests, in order; the last one repeats. */
  serve(responses: ReplayResponse | readonly ReplayResponse[], mode?: ReplayMode): void;
  close(): Promise<void>;
}

async function send(
  response: ReplayResponse,
  mode: ReplayMode,
  res: import('node:http').ServerResponse,
): Promise<void> {
  res.writeHead(response.status, response.headers);
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve) => res.write(chunk, () => resolve()));
  switch (mode.kind) {
    case 'whole':
      res.end(response.body);
      return;
    case 'bytewise':
      for (let i = 0; i < response.body.length; i++) await write(response.body.subarray(i, i + 1));
      res.end();
      return;
    case 'truncated':
      await write(response.body.subarray(0, mode.cutAt));
      res.end();
      return;
    case 'reset':
      await write(response.body.subarray(0, mode.cutAt));
      res.socket?.destroy();
      return;
  }
}

/** Starts a replay server; close it in `afterAll`/`afterEach`. */
export async function startReplayServer(): Promise<ReplayServer> {
  let queue: ReplayResponse[] = [];
  let mode: ReplayMode = { kind: 'whole' };
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const response = queue.length > 1 ? queue.shift()! : queue[0];
      if (!response) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"replay server: nothing queued"}}');
        return;
      }
      void send(response, mode, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    serve(responses, nextMode = { kind: 'whole' }) {
      queue = Array.isArray(responses) ? [...responses] : [responses as ReplayResponse];
      mode = nextMode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
