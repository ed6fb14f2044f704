import type { Language } from '@meridian/notices';
import { ar } from './ar.ts';
import { en, type PageCatalogue } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { zh } from './zh.ts';

export type { PageCatalogue, PageMessageKey } from './en.ts';

/**
 * The agenda page's words in the six UN languages. Typed `Record<Language, PageCatalogue>`: a
 * language without a catalogue, or a catalogue without a key, does not compile.
 *
 * @example
 * PAGE_CATALOGUES.fr['subscribe.google'] //=> 'Ajouter à Google Agenda'
 */
export const PAGE_CATALOGUES: Readonly<Record<Language, PageCatalogue>> = { ar, zh, en, fr, ru, es };
