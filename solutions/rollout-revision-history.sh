#!/usr/bin/env bash
set -euo pipefail
kubectl -n rollout-3 rollout history deployment/shop
# "release 1.26" is revision 2.
kubectl -n rollout-3 rollout undo deployment/shop --to-revision=2
kubectl -n rollout-3 rollout status deployment/shop --timeout=90s
# The undo copied revision 2's change-cause: set the new one afterwards.
kubectl -n rollout-3 annotate deployment/shop kubernetes.io/change-cause="rolled back to 1.26" --overwrite
kubectl -n rollout-3 patch deployment shop -p '{"spec":{"revisionHistoryLimit":3}}'
kubectl -n rollout-3 rollout status deployment/shop --timeout=90s
