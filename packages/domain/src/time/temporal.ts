/** The one import of the Temporal polyfill, so that switching to native Temporal is one line. */
export { Temporal } from 'temporal-polyfill';
