#!/usr/bin/env bash
set -euo pipefail
# A strategic merge patch finds the container by its name and adds the probes to it.
kubectl -n probes-1 patch deployment api -p '{"spec": {"template": {"spec": {"containers": [{
  "name": "api",
  "startupProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 10, "failureThreshold": 30},
  "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "initialDelaySeconds": 10},
  "readinessProbe": {"tcpSocket": {"port": 80}}
}]}}}}'
kubectl -n probes-1 rollout status deployment/api --timeout=90s
