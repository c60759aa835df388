# Heraldo: api + realtime + workers. `docker compose up` builds and runs it with its services.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# Dev dependencies are needed to build the web client; the image keeps them (tsx runs the server).
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
RUN npm run build
EXPOSE 3000
# Migrations are applied at start (idempotent); --services=api or worker runs a subset.
CMD ["sh", "-c", "npm run db:migrate && exec node --import tsx server/main.ts"]
