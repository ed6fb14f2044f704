/** Who publishes a meeting or sends its invitations: iCalendar ORGANIZER, as `CN` and a mailto. */
export type Organizer = Readonly<{ name: string; email: string }>;

/** Who receives an iTIP invitation: iCalendar ATTENDEE. */
export type Attendee = Readonly<{ email: string; name?: string | null }>;
