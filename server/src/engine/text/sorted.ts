// Searching ascending lists of numbers (offsets, sourced values).

/** Index of the first number at or above `x` in the ascending list `xs` (xs.length when none). */
export function firstAtOrAfter(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
