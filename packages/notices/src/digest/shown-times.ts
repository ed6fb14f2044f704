import type { SessionChange, SessionTimes } from '@meridian/domain';

/**
 * The times a change is told with, and the earlier ones told beside them ("Previously: …").
 * A session moved and cancelled in one release was never seen at its new time: readers knew it
 * at its previous one, so that is when it "was scheduled", and there is no "previously".
 *
 * @example
 * shownTimes({ kind: 'cancelled', times: at14, previous: at09, … }) //=> { times: at09, previous: null }
 */
export const shownTimes = (change: SessionChange): { readonly times: SessionTimes; readonly previous: SessionTimes | null } =>
  change.kind === 'cancelled' && change.previous !== null
    ? { times: change.previous, previous: null }
    : { times: change.times, previous: change.previous };
