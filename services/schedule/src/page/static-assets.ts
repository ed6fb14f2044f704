import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** A file the page loads, ready to send: its bytes, gzipped bytes and strong ETag. */
export interface StaticAsset {
  /** the versioned path it is served under, e.g. `/assets/agenda.3f9c2a1b7d.css` */
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
  /** strong ETag of the uncompressed bytes; the gzip variant appends `-gz` */
  readonly etag: string;
}

/** The stylesheet and the script of the agenda page. */
export interface PageAssets {
  readonly css: StaticAsset;
  readonly js: StaticAsset;
}

const CONTENT_TYPES = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' } as const;

/**
 * Reads, compacts and fingerprints the page's stylesheet and script (once, at start-up). The
 * path carries a hash of the bytes, so the files can be cached for a year: a new build is a new
 * path.
 *
 * @example
 * loadPageAssets().css.path //=> '/assets/agenda.3f9c2a1b7d.css'
 */
export const loadPageAssets = (): PageAssets => ({
  css: asset('css', compactCss(readFileSync(new URL('./client/agenda.css', import.meta.url), 'utf8'))),
  js: asset('js', compactJs(readFileSync(new URL('./client/agenda.js', import.meta.url), 'utf8'))),
});

const asset = (kind: keyof typeof CONTENT_TYPES, text: string): StaticAsset => {
  const body = Buffer.from(text, 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { path: `/assets/agenda.${hash}.${kind}`, contentType: CONTENT_TYPES[kind], body, gzip: gzipSync(body, { level: 9 }), etag: `"${hash}"` };
};

/**
 * CSS without comments and runs of white space. Safe for the page's own stylesheet, which puts no
 * comment markers or significant runs of spaces inside strings.
 *
 * @example
 * compactCss('a {\n  color: red; /* why *\/\n}\n') //=> 'a{color:red;}'
 */
export const compactCss = (css: string): string =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .trim();

/**
 * JavaScript without comment lines and indentation. Safe for the page's own script, written so
 * that it is: no multi-line strings or templates, no line starting with `*` that is not a comment.
 *
 * @example
 * compactJs('// why\nconst a = 1;\n  /** doc *\/\n  f(a);\n') //=> 'const a = 1;\nf(a);'
 */
export const compactJs = (js: string): string => {
  const lines: string[] = [];
  let inComment = false;
  for (const raw of js.split('\n')) {
    const line = raw.trim();
    if (inComment) {
      if (line.endsWith('*/')) inComment = false;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      inComment = !line.endsWith('*/');
      continue;
    }
    lines.push(line);
  }
  return lines.join('\n');
};
