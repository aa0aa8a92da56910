// Replays the logs of the shared-state proof: the decisions that wrote, in version order, and the ones
// that only read, against the pure step they went through.

import { isDeepStrictEqual } from 'node:util';

/** What replay needs of a logged decision. */
export interface Logged {
  readonly worker: number;
  /** The version its write created, when it wrote. */
  readonly version?: number | null | undefined;
  /** The version it read, when it changed nothing and so wrote nothing. */
  readonly read?: number | null | undefined;
}

/**
 * Puts the decisions that wrote in version order and replays them from the initial state: every write must
 * be there exactly once (versions 1..n, none twice, none missing) and each must be what the step gives on
 * the state the previous write left. A decision that wrote nothing must be what the step gives on the
 * version it read, and must leave that state as it was.
 *
 * @param entries - every logged decision (refusals, with neither version nor read, are passed over).
 * @param initial - the state before the first write.
 * @param step - the state after `entry` applied to `state`, or null when the logged result differs.
 * @returns the writes in order, the reads, the differences found and the state after each version.
 */
export function replay<E extends Logged, S>(entries: readonly E[], initial: S, step: (state: S, entry: E) => S | null) {
  const written = entries
    .filter((entry) => typeof entry.version === 'number')
    .sort((a, b) => (a.version as number) - (b.version as number));
  const reads = entries.filter((entry) => typeof entry.read === 'number');
  const problems: string[] = [];
  written.forEach((entry, index) => {
    if (entry.version !== index + 1) problems.push(`write ${String(index + 1)} has version ${String(entry.version)}`);
  });
  const states = [initial];
  for (const entry of written) {
    const previous = states[states.length - 1] as S;
    const next = step(previous, entry);
    if (next === null) problems.push(`version ${String(entry.version)} by worker ${String(entry.worker)} does not replay`);
    states.push(next ?? previous);
  }
  for (const entry of reads) {
    const read = entry.read as number;
    const base = states[read] as S;
    if (read >= states.length || !isDeepStrictEqual(step(base, entry), base)) {
      problems.push(`a read of version ${String(read)} by worker ${String(entry.worker)} does not replay`);
    }
  }
  return { written, reads, problems, states, final: states[states.length - 1] as S };
}
