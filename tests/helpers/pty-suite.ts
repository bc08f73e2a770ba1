import { afterEach, beforeAll } from 'vitest';
import { type PtySession, privateCliCopy, type SpawnOptions, spawnCli } from './pty';

/** What {@link usePtyCli} gives a test file. */
export interface PtyCli {
  /** The file's private copy of the built CLI (set once `beforeAll` has run). */
  readonly bundle: string;
  /** Starts the CLI copy in a pseudo-terminal; the session is disposed after the test. */
  start(options?: SpawnOptions): PtySession;
}

/**
 * Registers the hooks of a file of pseudo-terminal tests: one private copy of the built CLI for
 * the file (so a parallel rebuild of dist/ cannot pull it away), and every session a test starts
 * disposed after that test (disposing one early, in the test, is fine).
 */
export function usePtyCli(): PtyCli {
  let bundle = '';
  const live = new Set<PtySession>();
  beforeAll(() => {
    bundle = privateCliCopy();
  });
  afterEach(() => {
    for (const session of live) session.dispose();
    live.clear();
  });
  return {
    get bundle() {
      return bundle;
    },
    start(options = {}) {
      const session = spawnCli({ ...options, cli: bundle });
      live.add(session);
      return {
        ...session,
        dispose: () => {
          if (live.delete(session)) session.dispose();
        },
      };
    },
  };
}
