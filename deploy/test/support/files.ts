/** Reading the deploy files as the tools read them: YAML with anchors and merge keys, env files. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse } from 'yaml';

/** The deploy/ folder. */
export const deployDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const deployPath = (...parts: string[]): string => join(deployDir, ...parts);

export const readText = (...parts: string[]): string => readFileSync(deployPath(...parts), 'utf8');

/**
 * One YAML document, with `<<` merge keys resolved as docker-compose (PyYAML) and compose v2 do;
 * a YAML error fails the test that reads it.
 */
export function readYaml<T = unknown>(...parts: string[]): T {
  return parse(readText(...parts), { merge: true, prettyErrors: true, strict: true, uniqueKeys: true }) as T;
}

/** Every document of a multi-document YAML file. */
export function readYamlDocuments(...parts: string[]): unknown[] {
  return parseAllDocuments(readText(...parts), { merge: true, prettyErrors: true, uniqueKeys: true }).map((document) => {
    if (document.errors.length > 0) throw new Error(`${parts.join('/')}: ${document.errors.map(String).join('; ')}`);
    return document.toJS();
  });
}

/** The KEY=value lines of an env file (comments and blank lines skipped), as kustomize reads them. */
export function readEnvFile(...parts: string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of readText(...parts).split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    if (at <= 0) throw new Error(`${parts.join('/')}: not KEY=value: ${trimmed}`);
    entries.set(trimmed.slice(0, at), trimmed.slice(at + 1));
  }
  return entries;
}

/**
 * Compose's interpolation of `${NAME:-default}` (and `$$` for a literal `$`), with every variable
 * unset: what `docker-compose config` prints on a machine with no .env file.
 */
export function interpolateDefaults(value: string): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (whole, _name: string | undefined, fallback: string | undefined) =>
    whole === '$$' ? '$' : (fallback ?? ''),
  );
}

export const exists = (...parts: string[]): boolean => existsSync(deployPath(...parts));

/**
 * The environment variables a service's config reads (`env.NAME` in services/<name>/src/config.ts),
 * so that a setting given by a deploy file is one the service knows under that name.
 */
export function configVariables(service: 'schedule' | 'notify'): Set<string> {
  // A service reads its own variables, and those both services share through packages/http.
  const sources = [join(deployDir, '..', 'services', service, 'src', 'config.ts'), join(deployDir, '..', 'packages', 'http', 'src', 'service-config.ts')];
  return new Set(sources.flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]!)));
}
