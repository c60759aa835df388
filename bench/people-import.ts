// The people import at company scale: a 100,000-row CSV (quoted names with commas, a few with
// line breaks, departments, managers, both languages, many time zones) through
// POST /api/admin/users/import of a running hub, as an admin would send it: a dry run, the
// import itself, then the same file again (which must change nothing).
import { seedEmployees, type Db } from './database.js';
import { login } from './hub-api.js';
import { startHub } from './processes.js';
import { log, now, round } from './util.js';

export interface PeopleImportResult {
  rows: number;
  /** The real import: request sent → answer received (everything committed). */
  seconds: number;
  dryRunSeconds: number;
  reimportSeconds: number;
  megabytes: number;
  created: number;
  /** The same file again: created and updated must both be 0. */
  reimport: { created: number; updated: number; unchanged: number };
}

const DEPARTMENTS = ['it', 'hr', 'finance', 'comms', 'sales'];
const ZONES = ['Europe/Madrid', 'America/Mexico_City', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'UTC', 'America/Bogota', 'Europe/Berlin'];

/** A CSV as an HR system would export it; deterministic, so two runs import the same file. */
export function generateCsv(rows: number): string {
  const lines = ['\ufeffemail,name,role,departments,manager_of,locale,timezone'];
  for (let i = 1; i <= rows; i++) {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
    const second = i % 7 === 0 ? `;${DEPARTMENTS[(i + 2) % DEPARTMENTS.length]}` : '';
    const manager = i % 50 === 0;
    // Every thousandth name has a line break inside its quotes, as spreadsheets write them.
    const name = i % 1000 === 0 ? `"Apellido${i}, Nombre\nSegundo"` : `"Surname${i}, Given ""G${i % 97}"""`;
    lines.push(
      [`person${i}@import.heraldo.test`, name, manager ? 'manager' : 'employee', `${dept}${second}`, manager ? dept : '', i % 3 === 0 ? 'es' : 'en', ZONES[i % ZONES.length]].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

async function post(url: string, token: string, csv: string, dryRun: boolean) {
  const started = now();
  const res = await fetch(`${url}/api/admin/users/import?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = (await res.json()) as { created: number; updated: number; unchanged: number; errorCount?: number };
  if (res.status !== 200) throw new Error(`import: ${res.status} ${JSON.stringify(body).slice(0, 500)}`);
  return { seconds: round((now() - started) / 1000), body };
}

export async function runPeopleImport(db: Db, rows: number): Promise<PeopleImportResult> {
  await seedEmployees(db, 0); // the demo company (its admin and departments), when not there yet
  const csv = generateCsv(rows);
  const megabytes = round(Buffer.byteLength(csv) / 1e6);
  log(`people import: ${rows} rows, ${megabytes} MB of CSV`);
  const hub = await startHub('hub-import');
  try {
    const token = await login(hub.url, 'admin@heraldo.test');
    const dry = await post(hub.url, token, csv, true);
    log(`people import: dry run ${dry.seconds} s (${dry.body.created} to create)`);
    const real = await post(hub.url, token, csv, false);
    log(`people import: import ${real.seconds} s (${real.body.created} created)`);
    const again = await post(hub.url, token, csv, false);
    log(`people import: same file again ${again.seconds} s (created ${again.body.created}, updated ${again.body.updated})`);
    return {
      rows, seconds: real.seconds, dryRunSeconds: dry.seconds, reimportSeconds: again.seconds, megabytes, created: real.body.created,
      reimport: { created: again.body.created, updated: again.body.updated, unchanged: again.body.unchanged },
    };
  } finally {
    await hub.stop();
  }
}
