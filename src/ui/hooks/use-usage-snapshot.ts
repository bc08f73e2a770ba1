import { useSyncExternalStore } from 'react';
import type { UsageListener, UsageSnapshot } from '../../core/usage/tracker';

/** A source of usage snapshots (the session's tracker). */
export interface UsageSource {
  snapshot(): UsageSnapshot;
  subscribe(listener: UsageListener): () => void;
}

/** The tracker's latest snapshot; re-renders only when a call is recorded. */
export function useUsageSnapshot(source: UsageSource): UsageSnapshot {
  return useSyncExternalStore(
    (onChange) => source.subscribe(onChange),
    () => source.snapshot(),
  );
}
