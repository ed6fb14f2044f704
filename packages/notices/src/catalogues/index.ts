import type { Language } from '../language.ts';
import { ar } from './ar.ts';
import { en, type Catalogue } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { zh } from './zh.ts';

export type { Catalogue, MessageKey } from './en.ts';

/**
 * Every message in every language. Typed `Record<Language, Catalogue>`: a language without a
 * catalogue, or a catalogue without a key, does not compile.
 *
 * @example
 * CATALOGUES.fr['link.unsubscribe'] //=> 'Se désabonner'
 */
export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { ar, zh, en, fr, ru, es };
