/**
 * Which fold of events into states this package makes. A state kept from another fold (a read
 * model's snapshot) can differ from what the same events give now, so it is folded again instead:
 * bump this whenever an `evolve` of this package gives another state for the same events.
 * test/fold-version.test.ts notices a change of the meetings' fold left unbumped.
 */
export const FOLD_VERSION = 1;
