import { randomUUID } from 'node:crypto';
import type { Speaker } from '@meridian/domain';

/** A speaker as a request may send it: the id is optional. */
export type SpeakerBody = { readonly id?: string; readonly name: string; readonly affiliation?: string | null; readonly role?: string | null };

const sameText = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim() === (b ?? '').trim();
const samePerson = (body: SpeakerBody, speaker: Speaker) =>
  sameText(body.name, speaker.name) && sameText(body.affiliation, speaker.affiliation) && sameText(body.role, speaker.role);

/**
 * Gives every speaker of a request an id (the domain decides nothing random). A speaker sent
 * without one who is already on the session (same name, affiliation and role) keeps the id they
 * have: a client that sends the list it read back, ids left out, changes nothing, so no release
 * counts a change, no SEQUENCE moves and no notice goes out for it.
 */
export const withSpeakerIds = (speakers: readonly SpeakerBody[], current: readonly Speaker[] = []) => {
  const unclaimed = current.filter((speaker) => !speakers.some((body) => body.id === speaker.id));
  return speakers.map((body) => {
    if (body.id !== undefined) return { ...body, id: body.id };
    const match = unclaimed.findIndex((speaker) => samePerson(body, speaker));
    return { ...body, id: match === -1 ? randomUUID() : unclaimed.splice(match, 1)[0]!.id };
  });
};
