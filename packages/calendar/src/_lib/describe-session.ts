import type { DocumentLink, Session, Speaker } from '@meridian/domain';
import { uri } from './ical-values.ts';

/**
 * The DESCRIPTION of a session, as plain text (what every client shows): its own description, its
 * speakers with affiliation and role, and the meeting's documents as links (clients make links of
 * bare URLs). Null when there is nothing to say.
 *
 * @example
 * describeSession(session1, [{ title: 'Concept note', url: 'https://example.org/note.pdf' }])
 * //=> 'Cities and human rights.\n\nSpeakers:\n- Ana Ruiz (UN-Habitat), moderator\n\nDocuments:\n- Concept note: https://example.org/note.pdf'
 */
export const describeSession = (session: Session, documents: readonly DocumentLink[]): string | null => {
  const paragraphs = [
    session.description,
    list('Speakers:', session.speakers.map(speakerLine)),
    list('Documents:', documents.map((document) => `${document.title}: ${uri(document.url)}`)),
  ].filter((paragraph): paragraph is string => paragraph !== null && paragraph !== '');
  return paragraphs.length === 0 ? null : paragraphs.join('\n\n');
};

const list = (heading: string, items: readonly string[]): string | null =>
  items.length === 0 ? null : [heading, ...items.map((item) => `- ${item}`)].join('\n');

const speakerLine = (speaker: Speaker): string =>
  `${speaker.name}${speaker.affiliation === null ? '' : ` (${speaker.affiliation})`}${speaker.role === null ? '' : `, ${speaker.role}`}`;
