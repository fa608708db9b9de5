#!/usr/bin/env bash
set -euo pipefail
kubectl -n rollout-2 patch deployment api \
  -p '{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}'
kubectl -n rollout-2 scale deployment api --replicas=4
kubectl -n rollout-2 set image deployment/api nginx=nginx:1.27
kubectl -n rollout-2 rollout status deployment/api --timeout=90s
