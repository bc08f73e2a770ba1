import { Static } from 'ink';
import { type Dispatch, memo, useLayoutEffect, useMemo } from 'react';
import type { ReplAction, TranscriptItem } from '../state/repl-reducer';
import { TranscriptItemView } from './transcript-item';

/** Props of `Transcript`. */
export interface TranscriptProps {
  /** Finished items not yet written (`ReplState.items`). */
  readonly items: readonly TranscriptItem[];
  /** How many items the transcript has had in all (`ReplState.nextId`). */
  readonly nextId: number;
  readonly dispatch: Dispatch<ReplAction>;
}

/**
 * What `<Static>` reads: it remembers how many items it has written and draws
 * `items.slice(written)` from the array it gets. This view counts every item the transcript has
 * had (item `id` sits at position `id`) while holding only those not yet written, so positions
 * stay put as written items are let go.
 */
function unwrittenView(items: readonly TranscriptItem[], nextId: number): TranscriptItem[] {
  const offset = nextId - items.length;
  const view = {
    length: nextId,
    slice: (start: number) => items.slice(Math.max(0, start - offset)),
  };
  // Static only reads `length` and `slice` (ink 8, components/Static.js).
  return view as unknown as TranscriptItem[];
}

/**
 * The finished transcript, written once into the terminal's scrollback by `<Static>`. Once an
 * item is written it is let go from the REPL state (`written`), so a long chat keeps no text
 * for lines the screen no longer redraws. Re-renders only when items arrive.
 */
export const Transcript = memo(function Transcript({ items, nextId, dispatch }: TranscriptProps) {
  const view = useMemo(() => unwrittenView(items, nextId), [items, nextId]);
  // Runs after Static's own layout effect, and after Ink wrote the new items during the commit.
  useLayoutEffect(() => {
    const last = items.at(-1);
    if (last !== undefined) dispatch({ type: 'written', throughId: last.id });
  }, [items, dispatch]);
  return (
    <Static items={view}>{(item) => <TranscriptItemView key={item.id} item={item} />}</Static>
  );
});
