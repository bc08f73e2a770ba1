const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses decimal text (`"0.075"`, `"5"`, `"1e-7"`) into an integer count of 10^-`scale` units,
 * exactly (no floating point). Returns null when the text is not a decimal number or has more
 * significant decimals than `scale`.
 */
export function parseDecimalScaled(text: string, scale: number): bigint | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign = '', intPart = '', fracPart = '', expPart] = match;
  if (intPart === '' && fracPart === '') return null;
  const exponent = expPart === undefined ? 0 : Number(expPart);
  // Far beyond any amount of money; refusing it keeps 10n ** shift small.
  if (Math.abs(exponent) > 400) return null;
  const digits = `${intPart}${fracPart}`.replace(/^0+(?=\d)/, '');
  // value = digits * 10^(exponent - fracPart.length); we want value * 10^scale.
  const shift = scale + exponent - fracPart.length;
  let units: bigint;
  if (shift >= 0) {
    units = BigInt(digits || '0') * 10n ** BigInt(shift);
  } else {
    const cut = -shift;
    const kept = digits.length > cut ? digits.slice(0, digits.length - cut) : '0';
    const dropped = digits.length > cut ? digits.slice(digits.length - cut) : digits;
    if (/[1-9]/.test(dropped)) return null;
    units = BigInt(kept);
  }
  return sign === '-' ? -units : units;
}
