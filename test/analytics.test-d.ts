import { describe, expectTypeOf, test } from 'vitest';
import {
  checkAnomalyRobust,
  checkAnomalySpike,
  checkBurnRate,
  forecastBudgetBreach,
  type AnomalyCheckResult,
  type BurnRateOptions,
  type BurnRateResult,
  type ForecastInput,
  type ForecastResult,
  type RobustAnomalyOptions,
  type RobustAnomalyResult,
  type RobustMethod,
} from '../src/index.js';

describe('analytics types', () => {
  test('each function takes and returns its named types', () => {
    expectTypeOf(checkBurnRate).parameters.toEqualTypeOf<[ArrayLike<number>, (BurnRateOptions | undefined)?]>();
    expectTypeOf(checkBurnRate).returns.toEqualTypeOf<BurnRateResult>();
    expectTypeOf(forecastBudgetBreach).parameters.toEqualTypeOf<[ForecastInput]>();
    expectTypeOf(forecastBudgetBreach).returns.toEqualTypeOf<ForecastResult>();
    expectTypeOf(checkAnomalyRobust).parameters.toEqualTypeOf<[ArrayLike<number>, (RobustAnomalyOptions | undefined)?]>();
    expectTypeOf(checkAnomalyRobust).returns.toEqualTypeOf<RobustAnomalyResult>();
  });

  test('results are readonly, with literal unions and nullable fields where documented', () => {
    expectTypeOf<BurnRateResult>().toEqualTypeOf<Readonly<BurnRateResult>>();
    expectTypeOf<ForecastResult>().toEqualTypeOf<Readonly<ForecastResult>>();
    expectTypeOf<RobustAnomalyResult>().toEqualTypeOf<Readonly<RobustAnomalyResult>>();
    expectTypeOf<RobustMethod>().toEqualTypeOf<'mad' | 'percentile'>();
    expectTypeOf<RobustAnomalyResult['mad']>().toEqualTypeOf<number | null>();
    expectTypeOf<ForecastResult['periodsUntilBreach']>().toEqualTypeOf<number | null>();
    expectTypeOf<AnomalyCheckResult['seasonLength']>().toEqualTypeOf<number | null>();
    expectTypeOf<AnomalyCheckResult['impact']>().toEqualTypeOf<number>();
    const forecast = forecastBudgetBreach({ currentSpend: 1, budgetLimit: 2, periodsElapsed: 1, totalPeriods: 2 });
    // @ts-expect-error: readonly field
    forecast.willBreach = false;
  });

  test('options are checked at compile time', () => {
    // @ts-expect-error: not a method
    checkAnomalyRobust([1, 2], { method: 'median' });
    // @ts-expect-error: misspelt option
    checkAnomalyRobust([1, 2], { zscore: 3 });
    // @ts-expect-error: misspelt option
    checkBurnRate([1, 2], { hotMultiplyer: 2 });
    // @ts-expect-error: totalPeriods missing
    forecastBudgetBreach({ currentSpend: 1, budgetLimit: 2, periodsElapsed: 1 });
    checkAnomalySpike(new Float64Array(3), { seasonLength: 7, minImpact: 5 });
    checkAnomalyRobust(Object.freeze([1, 2, 3]), { method: 'percentile', percentile: 0.9, seasonLength: undefined });
  });
});
