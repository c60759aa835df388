// Preloaded into the hub with `--variant NAME[,NAME]` (bench/run.ts): swaps server modules for
// the bench's versions of them, so that a proposed server change can be measured A/B without
// touching server/. The variants and what they replace are listed in hooks.mjs.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, { data: { variants: (process.env.BENCH_VARIANT ?? '').split(',').filter(Boolean) } });
