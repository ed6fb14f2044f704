/**
 * The `Location` of a resource: its path under the path of the service's public URL, so that a
 * service its proxy mounts under a prefix (`MERIDIAN_PUBLIC_URL=https://example.org/schedule`)
 * names `/schedule/meetings/…`, which a client resolves against the URL it called; the root
 * path alone would lead it out of the service.
 *
 * @example
 * locationUnder('https://example.org/schedule', '/meetings/m-1') //=> '/schedule/meetings/m-1'
 * locationUnder('https://example.org', '/meetings/m-1') //=> '/meetings/m-1'
 */
export const locationUnder = (publicUrl: string, path: string): string => `${new URL(publicUrl).pathname.replace(/\/+$/, '')}${path}`;
