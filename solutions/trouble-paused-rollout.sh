#!/usr/bin/env bash
set -euo pipefail
# The template already says nginx:1.27, but no Pod is UP-TO-DATE and the Progressing condition
# reads DeploymentPaused: the Deployment is paused, so the controller rolls out nothing.
kubectl -n trouble-pause get deployment catalog -o wide
kubectl -n trouble-pause get deployment catalog -o jsonpath='{.spec.paused}{"\n"}'
kubectl -n trouble-pause rollout resume deployment/catalog
kubectl -n trouble-pause rollout status deployment/catalog --timeout=90s
