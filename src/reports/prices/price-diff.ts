import type { PriceDiff, RateChange } from '../../core/pricing/update';
import type { ModelPrice } from '../../core/pricing/types';
import { usdPerMTokText } from '../text/format';

/** A rate for the diff: `$1.25`, or the token count of a context window. */
function value(change: RateChange, side: bigint | null): string {
  if (side === null) return 'none';
  return change.rate === 'context window' ? side.toString() : `$${usdPerMTokText(side, 2)}`;
}

function ratesText(price: ModelPrice): string {
  return `$${usdPerMTokText(price.rates.input, 2)} in / $${usdPerMTokText(price.rates.output, 2)} out`;
}

/** Most lines of each kind printed before "... and N more" (`--verbose` is not worth a flag). */
const SHOWN = 40;

function capped(lines: string[]): string[] {
  if (lines.length <= SHOWN) return lines;
  return [...lines.slice(0, SHOWN), `  ... and ${lines.length - SHOWN} more`];
}

/**
 * Renders an update's diff: new models with their rates, changed prices old -> new (per 1M
 * tokens), removed models, and a summary line. Lines are capped per kind.
 */
export function renderPriceDiff(
  diff: PriceDiff,
  noteOf: (price: ModelPrice) => string = () => '',
): string[] {
  const lines: string[] = [];
  if (diff.added.length > 0) {
    lines.push(`New (${diff.added.length}):`);
    lines.push(...capped(diff.added.map((p) => `  + ${p.provider}/${p.id}  ${ratesText(p)}`)));
  }
  if (diff.changed.length > 0) {
    lines.push(`Changed (${diff.changed.length}):`);
    lines.push(
      ...capped(
        diff.changed.map(({ price, changes }) => {
          const parts = changes.map((c) =>
            c.before === null && c.after === null
              ? `${c.rate} changed`
              : `${c.rate} ${value(c, c.before)} -> ${value(c, c.after)}`,
          );
          return `  ~ ${price.provider}/${price.id}  ${parts.join(', ')}${noteOf(price)}`;
        }),
      ),
    );
  }
  if (diff.removed.length > 0) {
    lines.push(`Removed (${diff.removed.length}):`);
    lines.push(...capped(diff.removed.map((p) => `  - ${p.provider}/${p.id}`)));
  }
  const total = diff.added.length + diff.changed.length + diff.removed.length;
  lines.push(
    total === 0
      ? 'No price changes.'
      : `${diff.added.length} new, ${diff.changed.length} changed, ${diff.removed.length} removed (prices per 1M tokens).`,
  );
  return lines;
}
