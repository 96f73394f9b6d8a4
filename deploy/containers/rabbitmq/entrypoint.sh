#!/bin/sh
# Runs the broker as user rabbitmq; on a fresh data volume, once it answers, replaces the built-in guest user
# with RABBITMQ_DEFAULT_USER (administrator on vhost "/"), as the official image does.
set -eu
user="${RABBITMQ_DEFAULT_USER:-guest}"
password="${RABBITMQ_DEFAULT_PASS:-guest}"
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
ctl() { runuser -u rabbitmq -- env HOME=/var/lib/rabbitmq rabbitmqctl "$@"; }
if [ ! -e /var/lib/rabbitmq/.docpipe-initialised ]; then
  (
    ctl wait --timeout 120 /var/lib/rabbitmq/rabbit.pid >/dev/null
    if [ "$user" != guest ]; then
      ctl add_user "$user" "$password" >/dev/null
      ctl set_user_tags "$user" administrator >/dev/null
      ctl set_permissions -p / "$user" '.*' '.*' '.*' >/dev/null
      ctl delete_user guest >/dev/null
    fi
    touch /var/lib/rabbitmq/.docpipe-initialised
    echo "docpipe-rabbitmq: user $user created on vhost /"
  ) &
fi
exec runuser -u rabbitmq -- env HOME=/var/lib/rabbitmq RABBITMQ_PID_FILE=/var/lib/rabbitmq/rabbit.pid rabbitmq-server
