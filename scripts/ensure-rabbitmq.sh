#!/usr/bin/env bash
# Installs RabbitMQ from Debian packages when absent and starts it bound to loopback (no systemd).
# Idempotent: a running node is reused. Prints the AMQP URL on stdout; everything else to stderr.
set -euo pipefail
PORT="${ARENDENAV_AMQP_PORT:-5672}"

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  echo "ensure-rabbitmq: installing RabbitMQ from Debian packages" >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq rabbitmq-server >&2
fi

if ! rabbitmqctl -q status >/dev/null 2>&1; then
  echo "ensure-rabbitmq: starting on 127.0.0.1:$PORT" >&2
  # epmd would bind every interface unless told otherwise.
  ERL_EPMD_ADDRESS=127.0.0.1 epmd -daemon
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$PORT"
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  rabbitmq-server -detached >&2
  for _ in $(seq 1 60); do
    if rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then break; fi
    sleep 1
  done
  rabbitmqctl -q await_startup --timeout 5 >&2
fi
echo "amqp://guest:guest@127.0.0.1:$PORT"
