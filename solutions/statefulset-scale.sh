#!/usr/bin/env bash
set -euo pipefail
# The o3db Pods belong to a StatefulSet (kubectl -n project-c13 get pod o3db-0 -o jsonpath='{.metadata.ownerReferences[0].kind}'),
# so the StatefulSet is what to scale; it removes the highest ordinal first, o3db-1.
kubectl -n project-c13 scale statefulset o3db --replicas=1
kubectl -n project-c13 wait --for=delete pod/o3db-1 --timeout=60s
kubectl -n project-c13 get pods -l app=o3db
