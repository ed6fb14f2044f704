import type { SessionChange, SessionField } from '@meridian/domain';
import type { Localizer } from '../localizer.ts';
import { asIs } from '../localizer.ts';
import { endpointOf, type Endpoint, type ZonesOptions } from '../time/endpoint.ts';
import { timeLine } from '../time/format-meeting-time.ts';
import type { DigestItem } from './digest.ts';

/** A session change with its times projected once, for the digest and its zone line. */
export interface ProjectedChange {
  readonly change: SessionChange;
  readonly times: readonly [Endpoint, Endpoint];
  readonly previous: readonly [Endpoint, Endpoint] | null;
}

/** Projects the new (and previous) times of each change into both zones. */
export const projectChanges = (changes: readonly SessionChange[], zones: ZonesOptions, intlLocale: string): ProjectedChange[] =>
  changes.map((change) => ({
    change,
    times: [endpointOf(change.times.startInstant, zones, intlLocale), endpointOf(change.times.endInstant, zones, intlLocale)],
    previous:
      change.previous === null
        ? null
        : [endpointOf(change.previous.startInstant, zones, intlLocale), endpointOf(change.previous.endInstant, zones, intlLocale)],
  }));

/**
 * One digest item per changed session, in the order they happen (a tie keeps the diff's order).
 *
 * @example
 * digestItems(l, projectChanges(changes, zones, l.locale))[0].heading //=> 'Moved: Session 2: Local action'
 */
export const digestItems = (l: Localizer, projected: readonly ProjectedChange[]): DigestItem[] =>
  [...projected]
    .sort((a, b) => Date.parse(a.change.times.startInstant) - Date.parse(b.change.times.startInstant))
    .map(({ change, times, previous }) => {
      const label = l.t(`change.${change.kind}`);
      const line = asIs(timeLine(l, times, true));
      return {
        sessionId: change.sessionId,
        kind: change.kind,
        label,
        title: l.isolate(change.title),
        heading: l.t('change.item', { label: asIs(label), title: change.title }),
        time: change.kind === 'cancelled' ? l.t('change.wasScheduled', { time: line }) : line.localized,
        previousTime: previous === null ? null : l.t('change.previously', { time: asIs(timeLine(l, previous, true)) }),
        changedFields: changedFields(l, change.fields),
      };
    });

const changedFields = (l: Localizer, fields: readonly SessionField[]): string | null =>
  fields.length === 0 ? null : l.t('change.fields', { fields: asIs(l.list(fields.map((field) => l.t(`field.session.${field}`)))) });
