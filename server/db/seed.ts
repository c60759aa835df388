// `npm run db:seed` — the demo company of the public contract, idempotent.
// `npm run db:seed -- --employees N` also adds N generated employees emp<i>@heraldo.test,
// spread over the departments, in a few set-based statements (100,000 in seconds).
import { pathToFileURL } from 'node:url';
import { hashPassword } from '../auth/passwords.js';
import { loadConfig, loadDotEnv } from '../config.js';
import { createPrisma, type PrismaClient } from './client.js';
import type { Role } from './generated/enums.js';

export const DEMO_DEPARTMENTS = [
  { slug: 'it', name: 'IT', slackChannelId: 'C_IT' },
  { slug: 'hr', name: 'Human Resources', slackChannelId: 'C_HR' },
  { slug: 'finance', name: 'Accounting & Finance', slackChannelId: 'C_FINANCE' },
  { slug: 'comms', name: 'Communications', slackChannelId: 'C_COMMS' },
  { slug: 'sales', name: 'Sales', slackChannelId: 'C_SALES' },
] as const;

type DemoUser = {
  email: string;
  name: string;
  role: Role;
  locale: 'en' | 'es';
  timezone: string;
  department?: string;
  manages?: boolean;
};

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@heraldo.test', name: 'Ada Admin', role: 'admin', locale: 'en', timezone: 'UTC' },
  { email: 'comms@heraldo.test', name: 'Carmen Comms', role: 'communicator', locale: 'es', timezone: 'Europe/Madrid', department: 'comms' },
  { email: 'it.manager@heraldo.test', name: 'Ian Manager', role: 'manager', locale: 'en', timezone: 'Europe/London', department: 'it', manages: true },
  { email: 'hr.manager@heraldo.test', name: 'Helena Manager', role: 'manager', locale: 'es', timezone: 'America/Mexico_City', department: 'hr', manages: true },
  { email: 'alice@heraldo.test', name: 'Alice Doe', role: 'employee', locale: 'en', timezone: 'America/New_York', department: 'it' },
  { email: 'bob@heraldo.test', name: 'Bob Roe', role: 'employee', locale: 'es', timezone: 'Europe/Madrid', department: 'hr' },
  { email: 'carol@heraldo.test', name: 'Carol Poe', role: 'employee', locale: 'en', timezone: 'Europe/Berlin', department: 'finance' },
  { email: 'dan@heraldo.test', name: 'Dan Moe', role: 'employee', locale: 'en', timezone: 'America/Los_Angeles', department: 'sales' },
];

export async function seedDemo(prisma: PrismaClient, password: string): Promise<void> {
  const departments = new Map<string, string>();
  for (const d of DEMO_DEPARTMENTS) {
    const row = await prisma.department.upsert({
      where: { slug: d.slug },
      create: d,
      update: { name: d.name, slackChannelId: d.slackChannelId },
    });
    departments.set(d.slug, row.id);
  }
  const passwordHash = await hashPassword(password);
  for (const u of DEMO_USERS) {
    const { department, manages, ...fields } = u;
    const user = await prisma.user.upsert({
      where: { email: u.email },
      create: { ...fields, passwordHash },
      update: { ...fields, passwordHash },
    });
    if (department) {
      const departmentId = departments.get(department)!;
      await prisma.membership.upsert({
        where: { userId_departmentId: { userId: user.id, departmentId } },
        create: { userId: user.id, departmentId, isManager: !!manages },
        update: { isManager: !!manages },
      });
    }
  }
}

/**
 * Generated employees emp1..empN, round-robin over the departments; existing ones are kept.
 * One statement: the users it adds get their membership in the same pass (only they do: the
 * people already there are not scanned again). 990,000 took 98 s on the 2-core benchmark
 * machine with other work on it (124 s with the two statements before, which matched every
 * generated employee again for memberships), most of it Postgres maintaining the indexes and
 * checking the memberships' foreign keys.
 */
export async function seedEmployees(prisma: PrismaClient, count: number, password: string): Promise<number> {
  const passwordHash = await hashPassword(password); // one hash shared: these are load-test users
  const [row] = await prisma.$queryRaw<{ added: number }[]>`
    WITH added AS (
      INSERT INTO "User" (id, email, name, "passwordHash", role, locale, timezone)
      SELECT gen_random_uuid(), 'emp' || i || '@heraldo.test', 'Employee ' || i, ${passwordHash}, 'employee',
             CASE WHEN i % 3 = 0 THEN 'es' ELSE 'en' END,
             (ARRAY['Europe/Madrid','America/New_York','Europe/London','Asia/Tokyo'])[1 + i % 4]
      FROM generate_series(1, ${count}::int) AS i
      ON CONFLICT (email) DO NOTHING
      RETURNING id, email
    ), departments AS (
      SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n, count(*) OVER () AS total FROM "Department"
    ), memberships AS (
      INSERT INTO "Membership" ("userId", "departmentId", "isManager")
      SELECT a.id, d.id, false
      FROM added a JOIN departments d ON d.n = (substring(a.email FROM '^emp([0-9]+)@')::int % d.total)
      ORDER BY a.id
      ON CONFLICT DO NOTHING
    )
    SELECT count(*)::int AS added FROM added`;
  return row?.added ?? 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  loadDotEnv();
  const config = loadConfig();
  const prisma = createPrisma(config.databaseUrl);
  const at = process.argv.indexOf('--employees');
  const employees = at >= 0 ? Number(process.argv[at + 1]) : 0;
  if (!Number.isInteger(employees) || employees < 0) {
    console.error('--employees takes a whole number');
    process.exit(2);
  }
  const started = Date.now();
  seedDemo(prisma, config.seedPassword)
    .then(async () => {
      console.log(`Seeded ${DEMO_DEPARTMENTS.length} departments and ${DEMO_USERS.length} demo users.`);
      if (employees > 0) {
        const added = await seedEmployees(prisma, employees, config.seedPassword);
        console.log(`Generated employees: ${added} added (${employees - added} already there).`);
      }
      console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    })
    .catch((err: unknown) => {
      console.error('Seed failed:', err instanceof Error ? err.message : err);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
