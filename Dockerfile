# syntax=docker/dockerfile:1
# One image per service, from the repository root:
#   docker build --build-arg SERVICE=extraction -t docpipe/extraction .
# SERVICE is a folder under services/. The container listens on $PORT (8080) with /health/live and /health/ready.
# NODE_IMAGE is the base of every stage: the official Node 20 image by default; where no registry is reachable,
# a local one with the same layout (deploy/containers/node.Containerfile, README "Containers without a registry").
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

# Every service at once, with Nx: one layer that all eight images share, so building them all costs one build.
# Then the trace of what each service reaches at run time (deploy/containers/trace-services.ts), then the
# dev dependencies go.
FROM deps AS build
COPY nx.json tsconfig.base.json tsconfig.dev.json ./
COPY shared ./shared
COPY services ./services
COPY web ./web
COPY deploy/containers/trace-services.ts ./deploy/containers/
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p 'tag:type:service' @docpipe/web --outputStyle=static \
 && npx tsx deploy/containers/trace-services.ts /trace \
 && npm prune --omit=dev --no-fund --no-audit \
 && rm -rf node_modules/.cache

# The runtime tree of the one service named by SERVICE: the production packages its code reaches, the built
# shared libraries, the service (with its model/ folder where it has one) and, for the gateway, the web UI.
# Source maps, type declarations and read-mes of packages are dropped: nothing reads them at run time.
FROM build AS service
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'Pass the service to build: --build-arg SERVICE=<folder under services/>' >&2; exit 1; } \
 && test -f "/trace/${SERVICE}.txt" || { echo "services/${SERVICE} does not exist" >&2; exit 1; } \
 && mkdir /out \
 && while IFS= read -r path; do if [ -e "${path}" ]; then printf '%s\n' "${path}"; fi; done < "/trace/${SERVICE}.txt" \
    | xargs -d '\n' cp -a --parents -t /out \
 && find /out/node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -iname '*.md' \) -delete \
 && ln -s "services/${SERVICE}/dist/main.js" /out/main.js \
 && cd /out && node -e "require.resolve('./main.js')"

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
LABEL org.opencontainers.image.title="docpipe-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/docpipe/docpipe"
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    PORT=8080 \
    HOST=0.0.0.0 \
    EMBEDDINGS_CACHE_DIR=/tmp/docpipe-embeddings \
    LANCE_DIR=/var/lib/docpipe/lance
WORKDIR /app
# Owned by root and read-only for the service user: the process cannot rewrite its own code.
COPY --from=service /out /app
# The one writable place besides /tmp: the embedded search engine's files (LANCE_DIR) when no OpenSearch is
# configured; a volume mounted here starts out owned by the service user.
RUN mkdir -p /var/lib/docpipe/lance && chown -R node:node /var/lib/docpipe
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 handles SIGTERM itself (startService enables Nest's shutdown hooks); compose adds an init
# (init: true) that also reaps the worker processes' children.
CMD ["node", "main.js"]
