import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { buildChatServices, type ChatServices } from '../../src/cli/services';
import { App } from '../../src/ui/app';
import { TurnRunner } from '../../src/ui/turns';
import { type Rendered, render } from '../helpers/render';

/** A mock-mode App rendered with the real services (mock provider, tracker, price table). */
export interface AppUnderTest extends Rendered {
  readonly services: ChatServices;
  /** Text events the session has streamed to the app so far. */
  textEvents(): number;
  readonly turns: TurnRunner;
  /** How many times the app asked to end the session. */
  exits(): number;
  /** The messages the app sent to the session, as sent (attached files included). */
  sent(): readonly string[];
}

/** Options of the mock services the app tests run on. */
export interface MockServiceOptions {
  model?: string;
  script?: unknown[];
  delayMs?: number;
}

/**
 * The real chat services in mock mode (mock provider, tracker, price table), no ledger.
 * `script` (mock script steps, see the mock provider) queues replies, errors or cut streams;
 * `delayMs` paces the mock's chunks.
 */
export async function mockServices(options: MockServiceOptions = {}): Promise<ChatServices> {
  const home = mkdtempSync(join(tmpdir(), 'chatmeter-ui-'));
  const env: NodeJS.ProcessEnv = {
    CHATMETER_HOME: home,
    CHATMETER_MOCK_DELAY_MS: String(options.delayMs ?? 0),
  };
  if (options.script) {
    const file = join(home, 'script.json');
    writeFileSync(file, JSON.stringify(options.script));
    env.CHATMETER_MOCK_SCRIPT = file;
  }
  const sink = { write: () => true } as unknown as Writable & { isTTY: boolean };
  return buildChatServices(
    {
      mock: options.model !== undefined || undefined,
      model: options.model,
      stream: true,
      ledger: false,
      color: false,
    },
    { stdout: sink, stderr: sink, stdin: process.stdin, env },
  );
}

/**
 * Renders the REPL app in mock mode. `script` (mock script steps, see the mock provider) queues
 * replies, errors or cut streams; `delayMs` paces the mock's chunks; `lateNotices` are the
 * ledger's warnings, known after the first frame.
 */
export async function renderApp(
  options: MockServiceOptions & { lateNotices?: Promise<readonly string[]> } = {},
): Promise<AppUnderTest> {
  const services = await mockServices(options);
  const turns = new TurnRunner((error) => {
    throw error;
  });
  let exits = 0;
  let textEvents = 0;
  const sent: string[] = [];
  const session = services.session;
  // The real session, with its text events counted on the way to the app.
  const counted = {
    get model() {
      return session.model;
    },
    get providerId() {
      return session.providerId;
    },
    get modelInfo() {
      return session.modelInfo;
    },
    switchModel: (id: string) => session.switchModel(id),
    clear: () => session.clear(),
    async *send(text: string, signal: AbortSignal) {
      sent.push(text);
      for await (const event of session.send(text, signal)) {
        if (event.type === 'text') textEvents++;
        yield event;
      }
    },
  };
  const rendered = render(
    <App
      session={counted}
      usage={services.tracker}
      priceTable={services.priceTable}
      mode={services.mode}
      startupNotices={services.startupNotices}
      lateNotices={options.lateNotices}
      turns={turns}
      color={false}
      onExit={() => {
        exits++;
      }}
      files={services.files}
    />,
  );
  await rendered.waitForFrame('> ');
  return {
    ...rendered,
    services,
    turns,
    exits: () => exits,
    textEvents: () => textEvents,
    sent: () => sent,
  };
}
