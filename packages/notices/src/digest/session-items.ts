import { Temporal, type SessionChange, type SessionField, type SessionTimes } from '@meridian/domain';
import type { Localizer } from '../localizer.ts';
import { asIs } from '../localizer.ts';
import { endpointOf, type Endpoint, type ZonesOptions } from '../time/endpoint.ts';
import { timeLine } from '../time/format-meeting-time.ts';
import type { DigestItem } from './digest.ts';
import { shownTimes } from './shown-times.ts';

/** A session change with the times it is told with (see `shownTimes`), projected once for the digest and its zone line. */
export interface ProjectedChange {
  readonly change: SessionChange;
  readonly startInstant: string;
  readonly times: readonly [Endpoint, Endpoint];
  readonly previous: readonly [Endpoint, Endpoint] | null;
}

/** Projects the times each change is told with (and the previous ones) into both zones. */
export const projectChanges = (changes: readonly SessionChange[], zones: ZonesOptions, intlLocale: string): ProjectedChange[] =>
  changes.map((change) => {
    const { times, previous } = shownTimes(change);
    const project = ({ startInstant, endInstant }: SessionTimes) =>
      [endpointOf(startInstant, zones, intlLocale), endpointOf(endInstant, zones, intlLocale)] as const;
    return { change, startInstant: times.startInstant, times: project(times), previous: previous === null ? null : project(previous) };
  });

/**
 * One digest item per changed session, in the order they happen (a tie keeps the diff's order).
 *
 * @example
 * digestItems(l, projectChanges(changes, zones, l.locale))[0].heading //=> 'Moved: Session 2: Local action'
 */
export const digestItems = (l: Localizer, projected: readonly ProjectedChange[]): DigestItem[] =>
  [...projected]
    .sort((a, b) => Temporal.Instant.compare(a.startInstant, b.startInstant))
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
