// The dashboard's bundled sample: daily spend in USD from 2026-11-01 (a Sunday) to 2026-12-18, with
// light weekends, a slow upward drift, and a runaway job on the last day.

const start = { year: 2026, month: 11, day: 1 };
const daysInNovember = 30;

/** @type {{ date: string, amount: number }[]} */
export const dailySpend = Array.from({ length: 48 }, (_, index) => {
  const november = index < daysInNovember;
  const day = november ? start.day + index : index - daysInNovember + 1;
  const weekend = index % 7 === 0 || index % 7 === 6;
  const wobble = [1.02, 0.97, 1.05, 0.99, 1.01, 0.96, 1.03][index % 7] ?? 1;
  const base = (weekend ? 130 : 310) * wobble + index * 1.5;
  const amount = index === 47 ? base * 3.1 : base;
  return { date: `${start.year}-${november ? '11' : '12'}-${String(day).padStart(2, '0')}`, amount: Math.round(amount * 100) / 100 };
});

/** The month shown against the budget, and its length in days. */
export const month = { label: '2026-12', days: 31 };
