// Public surface of the ledger core (parser, normaliser, validator) for the renderer, Worker and CLI.
export * from './types';
export * from './limits';
export * from './normalize';
export * from './item-id';
export * from './header';
export * from './read-workbook';
export * from './build-report';
export * from './check-file';
export * from './format-report';
export * from './departments';
export * from './infer';
export { type EncodingChoice } from '../csv/read-csv';
