#!/usr/bin/env bash
set -euo pipefail
# The highest value among user-defined classes (system-* are built in).
highest=$(kubectl get priorityclass -o jsonpath='{range .items[*]}{.metadata.name} {.value}{"\n"}{end}' | grep -v '^system-' | sort -k2 -n | tail -n 1 | cut -d' ' -f2)
kubectl create priorityclass high-priority --value=$((highest - 1)) --description="just below the highest user-defined class"
kubectl -n sched-5 patch deployment busybox-logger -p '{"spec":{"template":{"spec":{"priorityClassName":"high-priority"}}}}'
kubectl -n sched-5 rollout status deployment/busybox-logger --timeout=90s
