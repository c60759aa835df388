# Heraldo's production image: the server compiled to JavaScript and the built web client, on
# Node.js 24 (LTS), with production dependencies only, run by an unprivileged user.
#   docker build -t heraldo .
#   docker run -e SESSION_SECRET=… -e DATABASE_URL=… -e REDIS_URL=… -p 3000:3000 heraldo
# docker-compose.yml runs it as separately scalable api and worker services.
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Build: every dependency, the Prisma client generated (postinstall), server and web built.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only. No install scripts: the Prisma client is already compiled
#    into dist/ by the build stage, and nothing else needs one. --omit=optional too: the Prisma
#    CLI (with its Studio, React and TypeScript) is an optional peer of @prisma/client that npm
#    would otherwise keep (250 MB); the other optional packages are a native msgpack
#    accelerator BullMQ does without, and a Cloudflare socket for pg.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force

# 3. What runs: node_modules (production), dist/, web/dist, templates/, prisma/ (migrations).
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY package.json ./
COPY prisma ./prisma
COPY templates ./templates
# The image's own unprivileged user (uid 1000); the app's files stay root's, read-only to it.
USER node
EXPOSE 3000
# Liveness of the api (GET /healthz). A worker-only container has no HTTP port: compose turns
# this check off for it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations are idempotent and apply before the server starts; compose runs them once in a
# service of their own instead (command: node dist/server/main.js --services=api|worker).
CMD ["sh", "-c", "node dist/server/db/migrate.js && exec node dist/server/main.js"]
