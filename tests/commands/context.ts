import { COMMANDS } from '../../src/commands/registry';
import type { CommandContext, CommandSession } from '../../src/commands/types';
import type { NextTurnFigure } from '../../src/core/chat/next-turn';
import type { ModelSwitchResult } from '../../src/core/chat/session-types';
import { describeModel, type ModelInfo } from '../../src/core/pricing/model-info';
import { builtinPriceTable } from '../../src/core/pricing/table';

const prices = builtinPriceTable();
import { SessionUsageTracker } from '../../src/core/usage/tracker';

/** A session double that records what commands did to it (no UI, no provider). */
export class FakeSession implements CommandSession {
  model = 'mock';
  providerId = 'mock';
  modelInfo: ModelInfo = describeModel(prices, 'mock', 'mock', 'mock');
  clears = 0;
  refuse: string | null = null;

  switchModel(modelId: string): ModelSwitchResult {
    if (this.refuse) return { ok: false, message: this.refuse };
    this.model = modelId;
    this.modelInfo = describeModel(prices, modelId, 'mock', 'mock');
    return {
      ok: true,
      model: modelId,
      providerId: 'mock',
      priced: true,
      simulated: true,
      notices: [],
    };
  }

  clear(): void {
    this.clears++;
  }

  /** What `nextTurn()` returns (set by a test; null: still being counted). */
  next: NextTurnFigure | null = null;

  nextTurn(): NextTurnFigure | null {
    return this.next;
  }
}

/** A command context in mock mode over the built-in price table and a real tracker. */
export function commandContext(
  session = new FakeSession(),
): CommandContext & { session: FakeSession; tracker: SessionUsageTracker } {
  const tracker = new SessionUsageTracker({ sessionId: 's', startedAtMs: 0, mode: 'mock' });
  return {
    session,
    tracker,
    usage: tracker,
    priceTable: builtinPriceTable(),
    mode: 'mock',
    color: false,
    width: 100,
    commands: COMMANDS,
  };
}
