// fast-check runs with a fixed seed, so CI is reproducible; FC_SEED=<number> replays or explores another
// run, and FC_SEED=random draws one (fast-check prints it when a property fails).

import fc from 'fast-check';

const requested = process.env['FC_SEED'];
const seed = requested === undefined ? 20261204 : requested === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(requested);
fc.configureGlobal({ seed });
