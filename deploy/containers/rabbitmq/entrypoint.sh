#!/bin/sh
# The broker as user rabbitmq. RabbitMQ itself reads RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS on a fresh
# data volume: that user becomes the administrator of vhost "/" and no guest user is made, as with the official
# image (which passes them the same way).
set -eu
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
exec runuser -u rabbitmq -- env HOME=/var/lib/rabbitmq rabbitmq-server
