/**
 * The command line, as a function of its arguments and its input and output, so it can be tested in
 * process; `main.ts` connects it to the real process.
 *
 * @packageDocumentation
 */

import { parseArgs } from 'node:util';
import { runCheck, type CheckSettings } from './check.js';
import { CliError, EXIT } from './errors.js';
import { PLAIN_NUMBER, readDataset } from './input.js';
import { renderReport } from './report.js';
import { SAMPLE_BUDGET, sampleCsv } from './sample.js';

declare const __CLOUDCIRCUIT_VERSION__: string;

/** What the command line reads and writes: the real process in `main.ts`, fakes in tests. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** Reads a file as UTF-8 text; rejects with a Node-style error (`code` ENOENT, EISDIR, EACCES, ...). */
  readonly readFile: (path: string) => Promise<string>;
  /** Reads all of standard input as UTF-8 text. */
  readonly readStdin: () => Promise<string>;
  /** Whether standard input is a terminal (then there is nothing piped to read). */
  readonly stdinIsTTY: boolean;
  /** Whether standard output is a terminal (colour is used only then). */
  readonly stdoutIsTTY: boolean;
  /** The environment (NO_COLOR). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

const HELP = `cloudcircuit: fail-closed guardrails for cloud spend

Usage
  cloudcircuit check [FILE | -] [options]   check billing data; the exit code is the decision
  cloudcircuit demo [--format json]         run check on a bundled 60-day sample
  cloudcircuit demo --sample                print the sample CSV
  cloudcircuit --help | --version

Input (FILE, or standard input when FILE is - or missing); the format is told from the content
  CSV with a header: a date column (date, day, usage_date, time, timestamp, start, period, ...) and an
    amount column (amount, cost, spend, total, UnblendedCost, PreTaxCost, CostInBillingCurrency, ...);
    other columns are ignored, rows that share a date are summed, rows may come in any order
  CSV without a header: one column of amounts, or date,amount
  JSON: [12.5, 13.1, ...] or [{ "date": "2026-12-01", "amount": 12.5 }, ...]
  JSON: the output of aws ce get-cost-and-usage (grouped or not; --metric NAME picks the metric)
  JSON: an Azure cost management query result (properties.columns and properties.rows)

Budget and forecast
  --budget AMOUNT         the budget for the month (dated data) or for the whole series
  --warning RATIO         warn at this share of the budget (default 0.9)
  --spent AMOUNT          the spend to check instead of the month's (or the series') sum
  --elapsed N --periods N the part of the period passed, for a forecast (needed for undated data)

Spike detection (--detector mean is the default)
  --detector mean|mad|percentile
  --spike-multiplier X    mean: a spike is above X times the mean (default 1.5)
  --z-threshold Z         mad: a spike is above the median + Z robust standard deviations (default 3.5)
  --min-mad X             mad: a floor for the median absolute deviation (default 0)
  --percentile P          percentile: a spike is above this percentile of the history, 0 < P < 1 (default 0.95)
  --min-baseline X        a floor for the baseline (default 0)
  --min-impact X          a spike must also cost at least X more than the baseline (default 0)
  --season N              compare only with the same phase: 7 for the same weekday of daily data
  --hot-multiplier X      burn rate: hot at X times the average (default 1.4); always reported

Output
  --format text|json      a readable report (default), or one JSON document
  --metric NAME           the Cost Explorer metric to read (default: the first one present)
  Colour is used on a terminal only, and never when NO_COLOR is set.

Exit codes
  0 allow   1 throttle   2 block   64 usage error   65 data error   66 input missing or unreadable
  70 internal error (a bug: please report it)

Examples
  cloudcircuit check daily.csv --budget 30000
  aws ce get-cost-and-usage --time-period Start=2026-12-01,End=2026-12-05 --granularity DAILY \\
    --metrics UnblendedCost --group-by Type=DIMENSION,Key=SERVICE | cloudcircuit check - --budget 30000
  cloudcircuit check costs.json --detector mad --season 7 --min-impact 50 --format json
  0 7 * * * cloudcircuit check /data/billing.csv --budget 30000 || notify-oncall   (cron)
`;

const OPTIONS = {
  budget: { type: 'string' },
  warning: { type: 'string' },
  spent: { type: 'string' },
  elapsed: { type: 'string' },
  periods: { type: 'string' },
  detector: { type: 'string' },
  'spike-multiplier': { type: 'string' },
  'z-threshold': { type: 'string' },
  'min-mad': { type: 'string' },
  percentile: { type: 'string' },
  'min-baseline': { type: 'string' },
  'min-impact': { type: 'string' },
  season: { type: 'string' },
  'hot-multiplier': { type: 'string' },
  format: { type: 'string' },
  metric: { type: 'string' },
  sample: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

/** The flags each detector takes, besides those every detector takes. */
const DETECTOR_FLAGS: Readonly<Record<string, readonly string[]>> = {
  mean: ['spike-multiplier'],
  mad: ['z-threshold', 'min-mad'],
  percentile: ['percentile'],
};

/**
 * The edit distance between two strings, to suggest a flag for a typo.
 *
 * @param a - one string.
 * @param b - the other.
 * @returns the Levenshtein distance.
 */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Parses the arguments, turning Node's parse errors into one-line usage errors.
 *
 * @param args - the arguments after the program name.
 * @returns the flag values and the positionals.
 * @throws CliError (usage) for an unknown flag, a missing value, or a value given to a switch.
 */
function parse(args: readonly string[]): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const flag = (/'(-[^' ]+)/.exec(message) as RegExpExecArray)[1] as string; // Node's messages quote the option
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const typed = flag.replace(/^-+/, '');
      const best = Object.keys(OPTIONS).sort((a, b) => distance(typed, a) - distance(typed, b))[0] as string;
      const hint = distance(typed, best) <= 2 ? ` (did you mean --${best}?)` : '';
      throw new CliError(`unknown option ${flag}${hint}; see cloudcircuit --help`, EXIT.usage);
    }
    const problem = message.includes('ambiguous')
      ? `a value starting with '-' is written ${flag}=VALUE`
      : message.includes('argument missing')
        ? 'expected a value'
        : 'takes no value';
    throw new CliError(`${flag}: ${problem}; see cloudcircuit --help`, EXIT.usage);
  }
}

/**
 * Reads a numeric flag.
 *
 * @param values - the parsed flags.
 * @param flag - the flag's name.
 * @returns the number, or undefined when the flag is absent.
 * @throws CliError (usage) when the value is not a plain number.
 */
function numberFlag(values: Values, flag: keyof typeof OPTIONS): number | undefined {
  const text = values[flag];
  if (text === undefined) return undefined;
  if (typeof text !== 'string' || !PLAIN_NUMBER.test(text))
    throw new CliError(`--${flag}: expected a number, got '${String(text)}'`, EXIT.usage);
  return Number(text);
}

/**
 * Turns the parsed flags into check settings, refusing combinations that would be silently ignored.
 *
 * @param values - the parsed flags.
 * @returns the settings.
 * @throws CliError (usage) for a bad value or a flag that does not apply.
 */
function settingsFrom(values: Values): CheckSettings {
  const detector = values.detector ?? 'mean';
  if (typeof detector !== 'string' || !Object.hasOwn(DETECTOR_FLAGS, detector)) {
    throw new CliError(`--detector: expected mean, mad or percentile, got '${String(detector)}'`, EXIT.usage);
  }
  for (const [other, flags] of Object.entries(DETECTOR_FLAGS)) {
    const stray = other === detector ? undefined : flags.find((flag) => values[flag as keyof Values] !== undefined);
    if (stray !== undefined) throw new CliError(`--${stray} applies to --detector ${other}, not ${detector}`, EXIT.usage);
  }
  const budget = numberFlag(values, 'budget');
  for (const flag of ['warning', 'spent', 'elapsed', 'periods'] as const) {
    if (values[flag] !== undefined && budget === undefined) throw new CliError(`--${flag} needs --budget`, EXIT.usage);
  }
  if ((values.elapsed === undefined) !== (values.periods === undefined))
    throw new CliError('--elapsed and --periods go together', EXIT.usage);
  return {
    budget,
    warning: numberFlag(values, 'warning'),
    spent: numberFlag(values, 'spent'),
    elapsed: numberFlag(values, 'elapsed'),
    periods: numberFlag(values, 'periods'),
    detector: detector as CheckSettings['detector'],
    spikeMultiplier: numberFlag(values, 'spike-multiplier'),
    zThreshold: numberFlag(values, 'z-threshold'),
    minMad: numberFlag(values, 'min-mad'),
    percentile: numberFlag(values, 'percentile'),
    minBaseline: numberFlag(values, 'min-baseline'),
    minImpact: numberFlag(values, 'min-impact'),
    season: numberFlag(values, 'season'),
    hotMultiplier: numberFlag(values, 'hot-multiplier'),
  };
}

/**
 * Reads the input named by the positional argument: a file, or standard input for `-` or none.
 *
 * @param file - the positional argument, or undefined.
 * @param io - the process's input and output.
 * @returns the text and the name to use in messages.
 * @throws CliError (input) when the file cannot be read, (usage) when nothing is piped to a terminal.
 */
async function readInput(file: string | undefined, io: CliIo): Promise<{ text: string; name: string }> {
  if (file === undefined || file === '-') {
    if (io.stdinIsTTY) throw new CliError('no input: give a FILE, or pipe billing data to standard input', EXIT.usage);
    try {
      return { text: await io.readStdin(), name: 'stdin' };
    } catch (error) {
      throw new CliError(`cannot read standard input: ${(error as Error).message}`, EXIT.input);
    }
  }
  try {
    return { text: await io.readFile(file), name: file };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? error);
    throw new CliError(`cannot read ${file}: ${why}`, EXIT.input);
  }
}

/**
 * Runs the command line.
 *
 * @param args - the arguments after the program name.
 * @param io - the process's input and output.
 * @returns the exit code: 0 allow, 1 throttle, 2 block, 64 usage, 65 data, 66 input.
 */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parse(args);
    if (values.help === true) {
      io.stdout(HELP);
      return 0;
    }
    if (values.version === true) {
      io.stdout(`${__CLOUDCIRCUIT_VERSION__}\n`);
      return 0;
    }
    const [command, file, extra] = positionals;
    if (command !== 'check' && command !== 'demo') {
      throw new CliError(
        command === undefined
          ? 'no command: use check or demo; see cloudcircuit --help'
          : `unknown command '${command}'; see cloudcircuit --help`,
        EXIT.usage,
      );
    }
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CliError(`--format: expected text or json, got '${String(format)}'`, EXIT.usage);
    const demo = command === 'demo';
    if (demo && (file !== undefined || Object.keys(values).some((flag) => flag !== 'format' && flag !== 'sample'))) {
      throw new CliError('demo takes only --format and --sample', EXIT.usage);
    }
    if (values.sample === true && !demo) throw new CliError('--sample applies to demo', EXIT.usage);
    if (extra !== undefined) throw new CliError(`unexpected argument '${extra}': check reads one FILE`, EXIT.usage);
    if (values.sample === true) {
      io.stdout(sampleCsv());
      return 0;
    }

    const settings = demo ? { budget: SAMPLE_BUDGET, detector: 'mad' as const, season: 7, minImpact: 50 } : settingsFrom(values);
    const { text, name } = demo ? { text: sampleCsv(), name: 'sample.csv' } : await readInput(file, io);
    const metric = values.metric;
    const data = readDataset(text, name, typeof metric === 'string' ? metric : undefined);
    const outcome = runCheck(data, settings, name);
    const { policy } = outcome;
    if (format === 'json') {
      const { budget, anomaly, burnRate, forecast } = outcome;
      const document = {
        action: policy.action,
        severity: policy.severity,
        reasons: policy.reasons,
        summary: policy.summary,
        budget,
        anomaly,
        burnRate,
        forecast,
      };
      io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      const colour = io.stdoutIsTTY && (io.env['NO_COLOR'] ?? '') === '';
      io.stdout(renderReport(outcome, data, name, colour));
      if (demo)
        io.stdout(
          `\n  This is a demo. cloudcircuit check ends with exit code ${String(EXIT[policy.action])} here (${policy.action}); try cloudcircuit demo --sample.\n`,
        );
    }
    return demo ? 0 : EXIT[policy.action];
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`cloudcircuit: ${error.message}\n`);
      return error.exitCode;
    }
    // a bug: still one line, never a stack trace, and never an exit code that reads as a decision
    io.stderr(`cloudcircuit: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}
