#!/bin/sh
# What the Dockerfile's runtime stage copies, made once in the build stage for all eight images (before, each
# image's build made its own: the runtime root eight times, LanceDB's native library stripped twice).
# Run from /app after `trace-services.ts /trace` and `npm prune --omit=dev`:
#   /images/<service>/  the files its trace lists that the prune left, and main.js
#   /rootfs/            the root every image shares: node (stripped), /bin/sh (dash: podman-compose runs healthchecks
#                       through a shell), the shared libraries these and the native addons link (as ldd lists them),
#                       /etc/passwd and /etc/group with the user node (uid 1000), /tmp
#   /state/             the user's home and the embedded search engine's folder (LANCE_DIR), which the image gives
#                       to the user; a volume mounted there starts out owned by it
set -eu

# Symbols out of the native addons once, in place, before any copy (LanceDB 154 -> 134 MB).
cat /trace/*.txt | grep '\.node$' | sort -u | while IFS= read -r addon; do
  if [ -f "$addon" ]; then strip --strip-unneeded "$addon"; fi
done

for list in /trace/*.txt; do
  service=$(basename "$list" .txt)
  out="/images/$service"
  mkdir -p "$out"
  # A dev dependency a trace reached (tsx from a worker's development path) was pruned: it stays out.
  while IFS= read -r path; do
    if [ -e "$path" ] || [ -L "$path" ]; then printf '%s\n' "$path"; fi
  done <"$list" | xargs -d '\n' cp -a --parents -t "$out"
  ln -s "services/$service/dist/main.js" "$out/main.js"
  (cd "$out" && node -e "require.resolve('./main.js')")
done

mkdir -p /rootfs/usr/local/bin /rootfs/bin /rootfs/etc /rootfs/tmp /rootfs/home /rootfs/var/lib/docpipe /state/home /state/lance
strip --strip-unneeded -o /rootfs/usr/local/bin/node /usr/local/bin/node
cp /bin/dash /rootfs/bin/sh
# shellcheck disable=SC2046 # one word per addon path
ldd /usr/local/bin/node /bin/dash $(find /images -type f -name '*.node') |
  awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*[^:]$/ { print $1 }' | sort -u |
  xargs -I '{}' cp -L --parents '{}' /rootfs
printf 'root:x:0:0:root:/root:/sbin/nologin\nnode:x:1000:1000::/home/node:/bin/sh\n' >/rootfs/etc/passwd
printf 'root:x:0:\nnode:x:1000:\n' >/rootfs/etc/group
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >/rootfs/etc/nsswitch.conf
chmod 1777 /rootfs/tmp
chroot /rootfs /usr/local/bin/node -e "process.stdout.write('runtime root: node ' + process.version + '\n')"
