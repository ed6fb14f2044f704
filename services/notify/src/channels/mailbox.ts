import addressparser from 'nodemailer/lib/addressparser';

/**
 * The one mailbox address of an address field (`Meridian <notices@example.org>`, or the bare
 * address), or undefined when it holds none or several.
 *
 * @example
 * singleAddress('Meridian <notices@example.org>') //=> 'notices@example.org'
 */
export const singleAddress = (field: string): string | undefined => {
  const parsed = addressparser(field, { flatten: true });
  const address = parsed.length === 1 ? parsed[0]?.address : undefined;
  return address !== undefined && /^[^@\s]+@[^@\s]+$/.test(address) ? address : undefined;
};
