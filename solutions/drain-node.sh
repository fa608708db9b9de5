#!/usr/bin/env bash
set -euo pipefail
# Cordons, then evicts every Pod but the DaemonSet's (shop's Pods use an emptyDir volume).
# The eviction API honours shop's PodDisruptionBudget; drain retries until it allows each eviction.
kubectl drain "${CKA_WORKER2}" --ignore-daemonsets --delete-emptydir-data --timeout=120s
kubectl -n maint-1 rollout status deployment/shop --timeout=60s
kubectl -n maint-1 wait --for=condition=Ready pod -l app=shop --timeout=60s
