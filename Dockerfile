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

# strip (binutils) for the native addons and node in the service stage; the runtime image gets neither.
FROM ${NODE_IMAGE} AS tools
RUN apt-get update \
 && apt-get install -y --no-install-recommends binutils \
 && rm -rf /var/lib/apt/lists/*

FROM tools AS deps
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
COPY deploy/containers/trace-services.ts deploy/containers/package-trim.ts ./deploy/containers/
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p 'tag:type:service' @docpipe/web --outputStyle=static \
 && npx tsx deploy/containers/trace-services.ts /trace \
 && npm prune --omit=dev --no-fund --no-audit \
 && rm -rf node_modules/.cache

# The runtime tree of the one service named by SERVICE: the production packages its code reaches (less what
# deploy/containers/package-trim.ts shows Node never loads there), the built shared libraries, the service (with
# its model/ folder where it has one) and, for the gateway, the web UI. Native addons are stripped of symbols.
FROM build AS service
ARG SERVICE
RUN test -n "${SERVICE}" || { echo 'Pass the service to build: --build-arg SERVICE=<folder under services/>' >&2; exit 1; } \
 && test -f "/trace/${SERVICE}.txt" || { echo "services/${SERVICE} does not exist" >&2; exit 1; } \
 && mkdir /out \
 && while IFS= read -r path; do if [ -e "${path}" ] || [ -L "${path}" ]; then printf '%s\n' "${path}"; fi; done < "/trace/${SERVICE}.txt" \
    | xargs -d '\n' cp -a --parents -t /out \
 && find /out -type f -name '*.node' -exec strip --strip-unneeded {} + \
 && ln -s "services/${SERVICE}/dist/main.js" /out/main.js \
 && cd /out && node -e "require.resolve('./main.js')"
# The runtime's root file system, nothing else of the base image: node (stripped), a shell (podman-compose runs
# healthchecks through /bin/sh) and the shared libraries these and the service's native addons link, as ldd
# lists them; the unprivileged user node (uid 1000), /tmp, and the one writable place besides /tmp: the
# embedded search engine's files (LANCE_DIR) when no OpenSearch is configured; a volume mounted there starts
# out owned by the service user.
RUN mkdir -p /rootfs/usr/local/bin /rootfs/bin /rootfs/etc /rootfs/tmp /rootfs/home /rootfs/var/lib/docpipe /state/home /state/lance \
 && strip --strip-unneeded -o /rootfs/usr/local/bin/node /usr/local/bin/node \
 && cp /bin/dash /rootfs/bin/sh \
 && ldd /usr/local/bin/node /bin/dash $(find /out -type f -name '*.node') \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*[^:]$/ { print $1 }' | sort -u \
    | xargs -I '{}' cp -L --parents '{}' /rootfs \
 && printf 'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000::/home/node:/bin/sh\n' > /rootfs/etc/passwd \
 && printf 'root:x:0:\nnode:x:1000:\n' > /rootfs/etc/group \
 && printf 'passwd: files\ngroup: files\nhosts: files dns\n' > /rootfs/etc/nsswitch.conf \
 && chmod 1777 /rootfs/tmp \
 && chroot /rootfs /usr/local/bin/node -e "process.stdout.write('runtime root: node ' + process.version + '\\n')"

FROM scratch AS runtime
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
COPY --from=service /rootfs /
# Only the two leaves are the user's: their parents exist (root's) before these copies, which would create them
# owned by the user otherwise.
COPY --from=service --chown=1000:1000 /state/home /home/node
COPY --from=service --chown=1000:1000 /state/lance /var/lib/docpipe/lance
# Owned by root and read-only for the service user: the process cannot rewrite its own code.
COPY --from=service /out /app
WORKDIR /app
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=6 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node as PID 1 handles SIGTERM itself (startService enables Nest's shutdown hooks); compose adds an init
# (init: true) that also reaps the worker processes' children.
CMD ["node", "main.js"]
