import { describe, expect, it } from 'vitest';
import { TurnRunner } from '../../src/ui/turns';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('TurnRunner', () => {
  it('runs one turn at a time and is idle again once it ends', async () => {
    const runner = new TurnRunner((error) => {
      throw error;
    });
    const gate = deferred();
    expect(runner.start(() => gate.promise)).toBe(true);
    expect(runner.busy).toBe(true);
    expect(runner.start(async () => undefined)).toBe(false);
    gate.resolve();
    await runner.stop();
    expect(runner.busy).toBe(false);
  });

  it('aborts the turn on stop() and waits until the turn has finished recording', async () => {
    const runner = new TurnRunner((error) => {
      throw error;
    });
    const steps: string[] = [];
    runner.start(
      (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            steps.push('aborted');
            queueMicrotask(() => {
              steps.push('recorded');
              resolve();
            });
          });
        }),
    );
    await runner.stop();
    expect(steps).toEqual(['aborted', 'recorded']);
    expect(runner.busy).toBe(false);
    expect(runner.cancel()).toBe(false);
  });

  it('hands a failing turn to onError instead of losing it', async () => {
    const errors: unknown[] = [];
    const runner = new TurnRunner((error) => errors.push(error));
    runner.start(async () => {
      throw new Error('boom');
    });
    await runner.stop();
    expect(errors).toEqual([new Error('boom')]);
  });
});
