#!/usr/bin/env bash
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'currency=EUR\nitems.per.page=20\n' > "$work/app.properties"
kubectl -n config-1 create configmap shop-config --from-literal=mode=production --from-file="$work/app.properties"
kubectl -n config-1 create secret generic shop-db --from-literal=password=Sh0pDb-2024
# set env --from --keys writes valueFrom references named after the upper-cased keys (with --prefix before them).
kubectl -n config-1 set env deployment/shop --from=configmap/shop-config --keys=mode
kubectl -n config-1 set env deployment/shop --from=secret/shop-db --keys=password --prefix=DB_
kubectl -n config-1 patch deployment shop --type=json -p '[
  {"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "config", "configMap": {"name": "shop-config"}}]},
  {"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "config", "mountPath": "/etc/shop", "readOnly": true}]}]'
kubectl -n config-1 rollout status deployment/shop --timeout=90s
