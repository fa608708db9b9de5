#!/usr/bin/env bash
set -euo pipefail
# The /api path named a Service that does not exist (api-svc) and a port name that the Service
# api does not have (api): point it at the Service api and its port http, by number.
kubectl -n trbl-9 patch ingress shop --type=json -p '[
  {"op": "replace", "path": "/spec/rules/0/http/paths/1/backend/service",
   "value": {"name": "api", "port": {"number": 8080}}}]'
# The Service api's endpoints follow the api Pods, which setup has just made Ready.
timeout 30 bash -c 'until [ "$(kubectl -n trbl-9 get endpointslices -l kubernetes.io/service-name=api -o jsonpath="{.items[*].endpoints[*].addresses[*]}" | wc -w)" -eq 2 ]; do sleep 0.5; done'
kubectl -n trbl-9 describe ingress shop
