#!/bin/sh
# Docker HEALTHCHECK for the hotline image: finds which service this container runs (the command
# picks it: `intake serve`, `dispatcher serve` or `notifier serve`) and curls /healthz on its port.
# Works whether the service is PID 1 or runs under an init (docker run --init).
set -eu
path=${HEALTHCHECK_PATH:-/healthz}
for comm in /proc/[0-9]*/comm; do
  name=$(cat "$comm" 2>/dev/null || true)
  case $name in
    intake) port=${INTAKE_HTTP_PORT:-8080} ;;
    dispatcher) port=${DISPATCHER_HTTP_PORT:-8081} ;;
    notifier) port=${NOTIFIER_HTTP_PORT:-8082} ;;
    *) continue ;;
  esac
  exec curl -fsS -o /dev/null --max-time 4 "http://127.0.0.1:$port$path"
done
# No long-running service here (a one-shot command such as `dispatcher migrate`): nothing to probe.
exit 0
