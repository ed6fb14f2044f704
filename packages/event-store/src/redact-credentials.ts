/**
 * A connection string (`esdb://`, `smtp://` …) with its password replaced by `***`, safe for logs
 * and error messages.
 *
 * @example
 * redactConnectionString('esdb://admin:changeit@localhost:2113') //=> 'esdb://admin:***@localhost:2113'
 */
export const redactConnectionString = (connectionString: string): string =>
  connectionString.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?,]+:)[^@/?]+@/i, '$1***@');
