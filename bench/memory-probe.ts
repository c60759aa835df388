// Preloaded by the runner into the hub and the baseline server (`--expose-gc --import
// ./bench/memory-probe.ts`): on SIGUSR2 it runs a full garbage collection and writes
// process.memoryUsage() as JSON to $BENCH_MEMORY_FILE. Memory per client is then measured
// on live objects only, not on whatever garbage the handshakes left behind. It changes
// nothing else in the process.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MEMORY_FILE;
const gc = (globalThis as { gc?: () => void }).gc;

if (file && gc) {
  process.on('SIGUSR2', () => {
    gc();
    gc(); // a second pass collects what the first one only made unreachable (weak refs, finalizers)
    writeFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }));
  });
}
