#!/usr/bin/env bash
set -euo pipefail
kubectl -n rollout-1 set image deployment/web nginx=nginx:1.27
kubectl -n rollout-1 rollout status deployment/web --timeout=90s
kubectl -n rollout-1 rollout undo deployment/web
kubectl -n rollout-1 rollout status deployment/web --timeout=90s
