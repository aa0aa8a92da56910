// The spend the budget-alert workers read: two billing periods. In the first, usage climbs to 90%, dips to
// 55% (the 80% alert clears below 70%), then climbs to 120%; in the second it climbs from 0 to 110%.

/**
 * [ms since start, usage ratio] corners of each period; usage is linear between them.
 * @type {{ period: string, from: number, corners: [number, number][] }[]}
 */
export const PERIODS = [
  {
    period: '2026-11',
    from: 0,
    corners: [
      [0, 0],
      [1_200, 0.9],
      [1_800, 0.55],
      [3_000, 1.2],
    ],
  },
  {
    period: '2026-12',
    from: 3_000,
    corners: [
      [3_000, 0],
      [5_000, 1.1],
      [6_000, 1.1],
    ],
  },
];

/** How long the curve lasts (ms). */
export const CURVE_LENGTH = 6_000;

/**
 * The reading at `elapsed` ms (held at the last corner after the end).
 * @param {number} elapsed
 * @returns {{ period: string, usageRatio: number }}
 */
export function usageAt(elapsed) {
  const t = Math.min(Math.max(elapsed, 0), CURVE_LENGTH);
  let reading = { period: '', usageRatio: 0 };
  for (const { period, from, corners } of PERIODS) {
    if (from > t) break;
    let previous = corners[0] ?? [from, 0];
    for (const corner of corners) {
      const [t0, u0] = previous;
      const [t1, u1] = corner;
      reading = { period, usageRatio: t1 === t0 ? u1 : u0 + ((u1 - u0) * (Math.min(t, t1) - t0)) / (t1 - t0) };
      if (t <= t1) break;
      previous = corner;
    }
  }
  return reading;
}
