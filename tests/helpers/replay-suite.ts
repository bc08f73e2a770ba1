import { afterAll, beforeAll } from 'vitest';
import { type ReplayServer, startReplayServer } from './replay-server';

/**
 * Registers the hooks of a test file that talks to one local replay server: started before the
 * file's tests, closed after them. The returned server forwards to it (use it inside tests).
 */
export function useReplayServer(): ReplayServer {
  let server: ReplayServer | undefined;
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(() => server?.close());
  const started = (): ReplayServer => {
    if (!server) throw new Error('the replay server starts in beforeAll; use it inside a test');
    return server;
  };
  return {
    get origin() {
      return started().origin;
    },
    get requests() {
      return started().requests;
    },
    serve: (responses, mode) => started().serve(responses, mode),
    close: () => started().close(),
  };
}
