#!/usr/bin/env bash
set -euo pipefail
# nodeName can only be set when a Pod is created: save the Pod, add it, and recreate the Pod.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kubectl -n sched-7 get pod manual -o yaml > "$work/manual.yaml"
sed -i "s/^spec:$/spec:\n  nodeName: ${CKA_WORKER2}/" "$work/manual.yaml"
kubectl replace --force -f "$work/manual.yaml"
kubectl -n sched-7 wait --for=condition=Ready pod/manual --timeout=60s
kubectl -n sched-7 get pod manual -o wide
