// Wire types: the JSON the API returns and the socket.io events, in one module the server
// (which produces them) and the web client (which reads them) both import, so a change on one
// side fails `tsc` on the other. Types and `as const` arrays only: nothing here may import
// server code at runtime (the web bundle must not pull Prisma, zod or Node modules).
export * from './enums.js';
export type * from './people.js';
export type * from './inbox.js';
export type * from './announcements.js';
export type * from './admin.js';
