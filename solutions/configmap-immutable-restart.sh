#!/usr/bin/env bash
set -euo pipefail
# By hand: kubectl -n web-conf edit configmap nginx-conf, change the line and add `immutable: true`
# beside data. The same, without an editor: the object read, the line rewritten, written back.
kubectl -n web-conf get configmap nginx-conf -o yaml \
  | sed 's/ssl_protocols TLSv1.1 TLSv1.2;/ssl_protocols TLSv1.2 TLSv1.3;/' \
  | kubectl replace -f -
kubectl -n web-conf patch configmap nginx-conf -p '{"immutable": true}'
# Only now, after the last change: new Pods, which read the final config when nginx starts.
kubectl -n web-conf rollout restart deployment/web-server
kubectl -n web-conf rollout status deployment/web-server --timeout=90s
