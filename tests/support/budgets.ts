/**
 * Time budgets for tests that work through the whole shipped dataset (every service through the
 * editor's form, an HSDS export and import of everything): a few seconds on an idle machine, and
 * what holds at a load of 8 on 2 cores. They are limits against a hang, not speed targets (those
 * are in bench/).
 */
export const WHOLE_DATASET = { timeout: 300_000 } as const;
