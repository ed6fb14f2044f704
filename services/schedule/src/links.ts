import type { ScheduleConfig } from './config.ts';

/** The absolute links of a meeting that clients follow and calendar apps subscribe to. */
export const meetingLinks = (config: Pick<ScheduleConfig, 'publicUrl'>, meetingId: string) => {
  const base = `${config.publicUrl}/meetings/${encodeURIComponent(meetingId)}`;
  const calendar = `${base}/calendar.ics`;
  return {
    agenda: `${base}/agenda`,
    calendar,
    webcal: calendar.replace(/^https?:/, 'webcal:'),
    page: `${config.publicUrl}/m/${encodeURIComponent(meetingId)}`,
  };
};
