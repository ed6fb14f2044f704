/**
 * A connection string (`esdb://`, `smtp://` …) with its password replaced by `***`, safe for logs
 * and error messages.
 *
 * Everything from after `user:` up to the LAST `@` is hidden: a password may hold an unencoded
 * `/`, `?`, `:` or `@` (which the parsers then refuse, naming the string in their error), and
 * hiding too much is harmless where hiding too little is a leak.
 *
 * @example
 * redactConnectionString('esdb://admin:changeit@localhost:2113') //=> 'esdb://admin:***@localhost:2113'
 * redactConnectionString('esdb://admin:p@ss/w?rd@localhost:2113') //=> 'esdb://admin:***@localhost:2113'
 */
export const redactConnectionString = (connectionString: string): string =>
  connectionString.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/[^:]*:).*@/is, '$1***@');
