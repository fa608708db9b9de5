#!/usr/bin/env bash
set -euo pipefail
# 2 workers x 4 CPUs: 3 CPUs per Pod fits one Pod per node; 2 CPUs fits two on one node and one
# on the other. A Pod's effective request is max(largest init container, sum of app containers),
# so the init container must come down too.
# The nodes are full, so a rolling update's surge Pod could never start: scale to 0 first.
kubectl -n sched-4 scale deployment render --replicas=0
kubectl -n sched-4 wait --for=delete pod -l app=render --timeout=60s
kubectl -n sched-4 set resources deployment render --containers=render --requests=cpu=2,memory=1Gi
kubectl -n sched-4 set resources deployment render --containers=prepare --requests=cpu=2,memory=1Gi
kubectl -n sched-4 scale deployment render --replicas=3
kubectl -n sched-4 rollout status deployment/render --timeout=60s
