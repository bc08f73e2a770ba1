import { useEffect, useReducer } from 'react';
import type { NextTurnFigure } from '../../core/chat/next-turn';

/** A source of the next-turn figure (the chat session). */
export interface NextTurnSource {
  nextTurn?(): NextTurnFigure | null;
  subscribeNextTurn?(listener: () => void): () => void;
}

/**
 * The least the next turn will cost, as of now; re-renders when the conversation changes (a
 * call ended, `/clear`, a loaded conversation, another model) and when its cache goes cold.
 * Null when the source has none.
 */
export function useNextTurn(source: NextTurnSource): NextTurnFigure | null {
  const [, changed] = useReducer((version: number) => version + 1, 0);
  useEffect(() => source.subscribeNextTurn?.(changed), [source]);
  const figure = source.nextTurn?.() ?? null;
  const coldAtMs = figure?.coldAtMs ?? null;
  // Once the cache goes cold the next turn costs more: show it then, not at the next keystroke.
  useEffect(() => {
    if (coldAtMs === null) return undefined;
    const timer = setTimeout(changed, Math.max(0, coldAtMs - Date.now()));
    return () => clearTimeout(timer);
  }, [coldAtMs]);
  return figure;
}
