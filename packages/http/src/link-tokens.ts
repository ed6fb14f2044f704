import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed link allows: confirming, one-click unsubscribing, managing a subscription, reading a personal feed. */
export type LinkPurpose = 'confirm' | 'unsubscribe' | 'manage' | 'personal-feed';

/**
 * The token of a signed link: an HMAC of the purpose and the subject's id under
 * `MERIDIAN_SECRET`, so links need no storage and cannot be forged or repurposed.
 *
 * @example
 * linkToken(secret, 'unsubscribe', 'sub-1') //=> 'q2V…' (base64url)
 */
export const linkToken = (secret: string, purpose: LinkPurpose, subjectId: string): string =>
  createHmac('sha256', secret).update(`${purpose}\u0000${subjectId}`).digest('base64url');

export const verifyLinkToken = (secret: string, purpose: LinkPurpose, subjectId: string, token: string): boolean => {
  const expected = Buffer.from(linkToken(secret, purpose, subjectId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};
