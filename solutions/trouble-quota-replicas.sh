#!/usr/bin/env bash
set -euo pipefail
# The ReplicaSet's Pods are refused: the quota limits limits.cpu and limits.memory, so every
# Pod must set those limits; and 3 x 500m of CPU requests exceed the 1 CPU of requests.cpu.
# 3 x 300m = 900m fits (3 x 400m would not); 3 x 500m limits = 1.5 of 2 CPUs, 3 x 512Mi = 1.5Gi.
kubectl -n trbl-2 set resources deployment report --containers=report \
  --requests=cpu=300m,memory=256Mi --limits=cpu=500m,memory=512Mi
kubectl -n trbl-2 rollout status deployment/report --timeout=90s
