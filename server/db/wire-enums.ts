// The Prisma enums the API sends as they are must stay the wire's words (server/wire/enums.ts),
// which the web client lists in its selects: adding a value on either side fails `tsc` here.
// Types only: this file compiles to nothing that runs.
import type * as Db from './generated/enums.js';
import type * as Wire from '../wire/index.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type WireEnumsMatch = [
  Assert<Same<Db.Role, Wire.Role>>,
  Assert<Same<Db.Priority, Wire.Priority>>,
  Assert<Same<Db.Channel, Wire.Channel>>,
  Assert<Same<Db.EmailPreference, Wire.EmailPreference>>,
  Assert<Same<Db.DeliveryStatus, Wire.DeliveryStatus>>,
  Assert<Same<Db.ActorType, Wire.ActorType>>,
  // The wire's statuses add the shown-only draft and expired to the stored ones.
  Assert<Same<Extract<Wire.AnnouncementStatus, Db.AnnouncementStatus>, Db.AnnouncementStatus>>,
];
