# syntax=docker/dockerfile:1
# One image per service, from the repository root:
#   docker build --build-arg SERVICE=extraction -t docpipe/extraction .
# SERVICE is a folder under services/. The container listens on $PORT (8080) with /health/live and /health/ready.
ARG NODE_IMAGE=node:20-bookworm-slim

# Every workspace's package.json (npm ci needs them all), so the dependency layer below is rebuilt only when
# a manifest or the lockfile changes, not on every source edit.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package.json package-lock.json .npmrc /manifests/ \
 && find shared services cli e2e deploy web bench -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \;

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --no-fund --no-audit

FROM deps AS build
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'Pass the service to build: --build-arg SERVICE=<folder under services/>' >&2; exit 1; }
COPY nx.json tsconfig.base.json ./
COPY shared ./shared
COPY services ./services
COPY web ./web
# Builds the service and only the shared libraries it depends on (Nx follows the package dependencies);
# the gateway also gets the web UI it serves.
RUN test -f "services/${SERVICE}/package.json" || { echo "services/${SERVICE} does not exist" >&2; exit 1; } \
 && NX_DAEMON=false NX_NO_CLOUD=true npx nx run "@docpipe/${SERVICE}:build" --outputStyle=static \
 && if [ "${SERVICE}" = gateway ]; then NX_DAEMON=false NX_NO_CLOUD=true npx nx run @docpipe/web:build --outputStyle=static; fi \
 && npm prune --omit=dev --no-fund --no-audit \
 && rm -rf node_modules/.cache
# The runtime tree: production node_modules, the built shared libraries and this one service
# (plus its model/ folder where it has one, e.g. classification's offline classifier).
RUN mkdir -p /out/services/${SERVICE} \
 && cp -a package.json node_modules /out/ \
 && for lib in shared/*/; do \
      if [ -d "${lib}dist" ]; then mkdir -p "/out/${lib}" && cp -a "${lib}package.json" "${lib}dist" "/out/${lib}"; fi; \
    done \
 && cp -a "services/${SERVICE}/package.json" "services/${SERVICE}/dist" "/out/services/${SERVICE}/" \
 && if [ -d "services/${SERVICE}/model" ]; then cp -a "services/${SERVICE}/model" "/out/services/${SERVICE}/"; fi \
 && if [ "${SERVICE}" = gateway ]; then mkdir -p /out/web && cp -a web/dist /out/web/; fi \
 && ln -s "services/${SERVICE}/dist/main.js" /out/main.js

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
LABEL org.opencontainers.image.title="docpipe-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/docpipe/docpipe"
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    PORT=8080 \
    HOST=0.0.0.0 \
    EMBEDDINGS_CACHE_DIR=/tmp/docpipe-embeddings
WORKDIR /app
# Owned by root and read-only for the service user: the process cannot rewrite its own code.
COPY --from=build /out /app
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 handles SIGTERM itself (startService enables Nest's shutdown hooks).
CMD ["node", "main.js"]
