import { escapeHtml } from './html.ts';

let optionsHtml: string | undefined;
let zones: ReadonlySet<string> | undefined;

/** The zones a reader can pick: the runtime's list (CLDR ids, which the service accepts) and UTC. */
const zoneList = (): string[] => [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();

/**
 * The `<option>`s of the zone picker with one selected. Rendered once: a page only marks its zone.
 * A zone the list lacks (an alias such as `Asia/Kolkata` where the runtime lists `Asia/Calcutta`)
 * is added first, so the picker always shows the zone the page is in.
 *
 * @example
 * zoneOptionsHtml('Asia/Tokyo').includes('<option selected>Asia/Tokyo</option>') //=> true
 */
export const zoneOptionsHtml = (selected: string): string => {
  if (optionsHtml === undefined || zones === undefined) {
    const list = zoneList();
    zones = new Set(list);
    optionsHtml = list.map((zone) => `<option>${escapeHtml(zone)}</option>`).join('');
  }
  const option = `<option>${escapeHtml(selected)}</option>`;
  if (!zones.has(selected)) return `<option selected>${escapeHtml(selected)}</option>${optionsHtml}`;
  return optionsHtml.replace(option, `<option selected>${escapeHtml(selected)}</option>`);
};
