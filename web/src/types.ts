// Shapes of the JSON the Heraldo API returns and its socket events (README "API"). They live
// in server/wire, which the server produces them from: the web imports them from there (types
// and `as const` lists only, no server code), so a change on one side fails `tsc` on the other.
export * from '../../server/wire/index.js';
