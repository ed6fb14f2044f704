import type { AddSession, CreateMeeting } from '@meridian/domain';

type MeetingData = CreateMeeting['data'];
type SessionData = AddSession['data'];

/**
 * The reference meeting (shared/reference/concept-note-local-government-human-rights.txt): a
 * one-day online meeting in Geneva time, its programme and background documents as published.
 */
export const REFERENCE_MEETING_ID = 'local-government-human-rights-2025';
export const REFERENCE_DATE = '2025-11-26';

export const referenceMeeting: MeetingData = {
  title: 'Meeting on local government and human rights',
  timeZone: 'Europe/Zurich',
  description:
    'This one-day meeting brings together local, regional and central governments, city networks, academia, United Nations agencies, international organizations, civil society and other stakeholders to discuss good practices, challenges and lessons learned in enhancing the realization of human rights at the local level. It also provides a platform to share experiences on human rights cities and the implementation of the OHCHR-UCLG Guidance framework for creating a human rights city, and contributes to the discussions on the next Human Rights Council resolution on local government and human rights, to be adopted in 2026.\n\nThe meeting includes an opening session, two interactive panel discussions and a brief closing session. A maximum of 45 minutes is reserved for interventions from the floor in each session.',
  location: { name: 'Online (MS Teams)', url: null },
  documents: [
    { title: 'OHCHR-UCLG Guidance framework for creating a human rights city', url: 'https://www.ohchr.org/en/documents/tools-and-resources/guidance-framework-creating-human-rights-city' },
    { title: 'A/HRC/56/32: Summary of the expert meeting on enhancing capacity-building of local governments', url: 'https://www.ohchr.org/en/documents/reports/ahrc5632-summary-expert-meeting-enhancing-capacity-building-local-governments' },
    { title: 'A/HRC/51/10', url: 'https://docs.un.org/en/A/HRC/51/10' },
    { title: 'A/HRC/42/22', url: 'https://ap.ohchr.org/documents/dpage_e.aspx?si=A/HRC/42/22' },
    { title: 'A/HRC/38/22', url: 'https://docs.un.org/A/HRC/38/22' },
    { title: 'A/HRC/30/49: Final report of the Advisory Committee on the role of local government', url: 'https://docs.un.org/A/HRC/30/49' },
    { title: 'A/HRC/27/59: Progress report of the Advisory Committee on the role of local government', url: 'https://docs.un.org/A/HRC/27/59' },
    { title: 'A/HRC/56/34: The role of public service delivery in the promotion and protection of human rights', url: 'https://docs.un.org/en/A/HRC/56/34' },
    { title: 'A/HRC/25/27: The role of the public service in good governance', url: 'https://docs.un.org/en/A/HRC/25/27' },
    { title: 'Human Rights Council resolution 33/8', url: 'https://ap.ohchr.org/documents/dpage_e.aspx?si=A/HRC/RES/33/8' },
    { title: 'Human Rights Council resolution 51/12', url: 'https://docs.un.org/A/HRC/RES/51/12' },
    { title: 'Human Rights Council resolution 57/12', url: 'https://docs.un.org/en/A/HRC/RES/57/12' },
  ],
};

/** The programme, as wall times on the meeting's day (`date` is replaced for the rehearsal). */
export const referenceSessions = (date: string): SessionData[] => [
  { sessionId: 'opening', title: 'Opening session', kind: 'opening', start: `${date}T09:00`, end: `${date}T09:20` },
  {
    sessionId: 'session-1',
    title: 'Session 1: Human rights cities',
    kind: 'panel',
    start: `${date}T09:20`,
    end: `${date}T11:00`,
    description:
      'This session will focus on sharing experiences on human rights cities and the implementation of the recently published OHCHR-UCLG Guidance framework for creating a human rights city. Participants will reflect on promising practices and lessons learned in adopting a human rights-based approach to local governance and public service delivery.',
  },
  {
    sessionId: 'session-2',
    title: 'Session 2: Engagement of local and regional governments with the United Nations human rights mechanisms',
    kind: 'panel',
    start: `${date}T15:00`,
    end: `${date}T16:45`,
    description:
      'The objective of this session is to take stock of challenges as well as solutions and innovative practices of local and regional governments to strengthen their engagement with the OHCHR and the United Nations human rights mechanisms, including reporting to and implementation of recommendations from the Treaty Bodies, Universal Periodic Review and Special Procedures.',
  },
  { sessionId: 'closing', title: 'Closing session', kind: 'closing', start: `${date}T16:45`, end: `${date}T17:00` },
];
