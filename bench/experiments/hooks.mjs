// Module resolution hooks (node:module register) for bench/experiments: a variant maps a
// server module (path suffix) to its replacement here. A replacement may import the module it
// replaces: imports from the replacement itself are not redirected.
const VARIANTS = {
  // ioredis auto-pipelining on the hub's shared connection (the socket.io emitter's).
  autopipeline: { '/server/redis.ts': './redis-autopipeline.ts' },
  // One identical frame per fan-out page (wrong ids for all but one recipient: a measurement).
  'one-frame': { '/server/realtime/frames.ts': './one-frame.ts' },
  // Every page emitted before its rows are written (ids drawn first), or with no rows at all.
  'emit-first': { '/server/delivery/notification-pages.ts': './emit-first.ts' },
  'no-rows': { '/server/delivery/notification-pages.ts': './emit-first.ts' },
};

let redirects = [];

export function initialize({ variants }) {
  for (const name of variants) {
    const map = VARIANTS[name];
    if (!map) throw new Error(`unknown bench variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`);
    for (const [from, to] of Object.entries(map)) redirects.push([from, new URL(to, import.meta.url).href]);
  }
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  for (const [from, to] of redirects) {
    if (resolved.url.endsWith(from) && context.parentURL !== to) return { ...resolved, url: to, shortCircuit: true };
  }
  return resolved;
}
