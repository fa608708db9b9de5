#!/usr/bin/env bash
set -euo pipefail
# One JSON patch adds the emptyDir, blog's mount and the sidecar as a second container.
kubectl -n sidecar-1 patch deployment blog --type=json -p '[
  {"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "logs", "emptyDir": {}}]},
  {"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "logs", "mountPath": "/var/log"}]},
  {"op": "add", "path": "/spec/template/spec/containers/-", "value": {
    "name": "log-shipper", "image": "busybox:1.36", "command": ["tail", "-F", "/var/log/blog.log"],
    "volumeMounts": [{"name": "logs", "mountPath": "/var/log"}]}}]'
kubectl -n sidecar-1 rollout status deployment/blog --timeout=90s
