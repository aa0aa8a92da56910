/**
 * Order statistics by selection (expected linear time) on a scratch array: median, linearly
 * interpolated percentile, never a sort of the whole history.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * Rearranges `values` so that `values[k]` holds the k-th smallest value, with nothing larger before it
 * and nothing smaller after it (Hoare's quickselect with a median-of-three pivot). A depth budget bounds
 * adversarial inputs: past it, the remaining range is sorted, so the worst case is O(n log n), not O(n²).
 *
 * @param values - a scratch array, rearranged in place; every value finite.
 * @param k - the rank wanted, `0 <= k < values.length`.
 * @param budget - how many partitioning rounds before sorting what remains; default `2 log2(n) + 8`.
 * @returns the k-th smallest value.
 */
export function select(values: Float64Array, k: number, budget: number = 2 * (32 - Math.clz32(values.length)) + 8): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    if (budget-- === 0) {
      values.subarray(lo, hi + 1).sort();
      break;
    }
    const a = values[lo] as number;
    const b = values[lo + ((hi - lo) >> 1)] as number;
    const c = values[hi] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swap;
      }
    }
    // Now values[lo..j] <= pivot, values[i..hi] >= pivot, and everything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

/**
 * The smallest value of `values[from..]`.
 *
 * @param values - the array.
 * @param from - the first index looked at; `from < values.length`.
 * @returns the minimum.
 */
function minimumFrom(values: Float64Array, from: number): number {
  let least = values[from] as number;
  for (let index = from + 1; index < values.length; index++) {
    const value = values[index] as number;
    if (value < least) least = value;
  }
  return least;
}

/**
 * The median: the middle value, or the mean of the two middle values (as numpy's `median`).
 *
 * @param values - a non-empty scratch array of finite numbers, rearranged in place.
 * @returns the median.
 */
export function median(values: Float64Array): number {
  const half = values.length >> 1;
  if (values.length % 2 === 1) return select(values, half);
  const below = select(values, half - 1);
  const above = minimumFrom(values, half);
  const sum = below + above;
  return sum === Infinity ? below / 2 + above / 2 : sum / 2;
}

/**
 * The percentile with linear interpolation between closest ranks (numpy's default `linear` method,
 * including its interpolation formula): rank `p * (n - 1)`.
 *
 * @param values - a non-empty scratch array of finite numbers, rearranged in place.
 * @param p - the percentile as a fraction, `0 < p < 1`.
 * @returns the interpolated value.
 */
export function percentile(values: Float64Array, p: number): number {
  const rank = p * (values.length - 1);
  const index = Math.floor(rank);
  const fraction = rank - index;
  const below = select(values, index);
  if (fraction === 0) return below;
  const above = minimumFrom(values, index + 1);
  const difference = above - below;
  return fraction >= 0.5 ? above - difference * (1 - fraction) : below + difference * fraction;
}
