/**
 * The one base of the repositories' own errors: a Chinese message the user reads, an optional cause
 * (`new XError(message, { cause })`), and the subclass's name, which each subclass states as a field so that a
 * minified build keeps it.
 */
export class StoreError extends Error {}
