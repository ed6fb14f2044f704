import { InvalidInputError } from '../errors.ts';
import type { DocumentLink, Location, SessionKind, Speaker } from './types.ts';
import { SESSION_KINDS } from './types.ts';
import type { LocationInput, SpeakerInput } from './commands.ts';

/** Limits of free text, generous for real agendas and small enough to keep events small. */
// sessions: a fortnight's conference is a few hundred; every command checks a session against all
// the others, and a change of zone every session against all, so the list is bounded like any other.
export const LIMITS = { title: 300, description: 20_000, name: 200, label: 100, url: 2_000, listItems: 200, sessions: 2_000 } as const;

/** A required line of text: trimmed, not empty, not too long, no control characters. */
export const requireText = (field: string, value: string, max: number): string => {
  const text = value.trim();
  if (text.length === 0) throw new InvalidInputError(field, 'must not be empty');
  return optionalText(field, text, max) as string;
};

/** An optional text: `null`/`undefined` and blank text mean none. */
export const optionalText = (field: string, value: string | null | undefined, max: number): string | null => {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length === 0) return null;
  // Counted in characters (code points), as the API's JSON schemas count `maxLength`: an emoji is
  // one, not the two UTF-16 units of `length`.
  if (text.length > max && codePoints(text) > max) throw new InvalidInputError(field, `must be at most ${max} characters`);
  // Line breaks belong in descriptions; other control characters break feeds and mails.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
    throw new InvalidInputError(field, 'must not contain control characters');
  }
  requireWellFormed(field, text);
  return text;
};

const codePoints = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/**
 * Refuses half of a UTF-16 surrogate pair (JSON's `"\ud800"`): no character, it cannot be written
 * as UTF-8, so feeds and mails would each show something else, and URL encoding throws on it.
 */
const requireWellFormed = (field: string, text: string): void => {
  if (/\p{Cs}/u.test(text)) throw new InvalidInputError(field, 'must not contain a lone surrogate (half of a UTF-16 pair)');
};

export const requireUrl = (field: string, value: string): string => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError(field, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidInputError(field, 'must be an http(s) URL');
  if (value.length > LIMITS.url && codePoints(value) > LIMITS.url) throw new InvalidInputError(field, `must be at most ${LIMITS.url} characters`);
  requireWellFormed(field, value);
  return value;
};

export const normaliseLocation = (value: LocationInput | null | undefined): Location | null => {
  if (value === null || value === undefined) return null;
  const url = value.url === null || value.url === undefined || value.url === '' ? null : requireUrl('location.url', value.url);
  if (value.name === undefined) throw new InvalidInputError('location.name', 'is required');
  return { name: requireText('location.name', value.name, LIMITS.name), url };
};

export const normaliseDocuments = (value: readonly DocumentLink[] | undefined): DocumentLink[] => {
  if (value === undefined) return [];
  if (value.length > LIMITS.listItems) throw new InvalidInputError('documents', `at most ${LIMITS.listItems} links`);
  return value.map((document, index) => ({
    title: requireText(`documents[${index}].title`, document.title, LIMITS.title),
    url: requireUrl(`documents[${index}].url`, document.url),
  }));
};

export const requireKind = (value: string | undefined): SessionKind => {
  if (value === undefined) return 'other';
  if (!(SESSION_KINDS as readonly string[]).includes(value)) {
    throw new InvalidInputError('kind', `must be one of ${SESSION_KINDS.join(', ')}`);
  }
  return value as SessionKind;
};

export const normaliseSpeaker = (value: SpeakerInput, field = 'speaker'): Speaker => ({
  id: requireText(`${field}.id`, value.id, LIMITS.name),
  name: requireText(`${field}.name`, value.name, LIMITS.name),
  affiliation: optionalText(`${field}.affiliation`, value.affiliation, LIMITS.name),
  role: optionalText(`${field}.role`, value.role, LIMITS.name),
});

export const normaliseSpeakers = (value: readonly SpeakerInput[] | undefined): Speaker[] => {
  const speakers = (value ?? []).map((speaker, index) => normaliseSpeaker(speaker, `speakers[${index}]`));
  if (speakers.length > LIMITS.listItems) throw new InvalidInputError('speakers', `at most ${LIMITS.listItems}`);
  const ids = new Set(speakers.map((speaker) => speaker.id));
  if (ids.size !== speakers.length) throw new InvalidInputError('speakers', 'speaker ids must be unique');
  return speakers;
};
