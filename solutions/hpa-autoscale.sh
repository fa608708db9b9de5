#!/usr/bin/env bash
set -euo pipefail
# kubectl autoscale writes metrics, min and max; the scale-down behavior has no flag, so a merge patch adds it.
kubectl -n autoscale-1 autoscale deployment php-api --min=2 --max=6 --cpu=60%
kubectl -n autoscale-1 patch hpa php-api --type=merge \
  -p '{"spec":{"behavior":{"scaleDown":{"stabilizationWindowSeconds":120}}}}'
kubectl -n autoscale-1 get hpa php-api
