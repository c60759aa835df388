// Prisma CLI configuration (Prisma 7 reads the connection URL from here, not from the schema).
// `npm run db:migrate` does not use the CLI (see server/db/migrate.ts); `prisma migrate deploy`
// elsewhere reads this file and applies the same prisma/migrations folders.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/heraldo',
  },
});
