#!/usr/bin/env bash
set -euo pipefail
# The Service selects app=shop, which the Pods of a leftover ReplicaSet (shop-v1, nginx:1.19)
# carry too. Deleting their Pods is not enough: the ReplicaSet would recreate them. Delete the
# ReplicaSet (its Pods go with it), then scale the Deployment.
kubectl -n trbl-3 delete replicaset shop-v1 --wait=true
kubectl -n trbl-3 wait --for=delete pod -l release=legacy --timeout=60s
kubectl -n trbl-3 scale deployment shop --replicas=4
kubectl -n trbl-3 rollout status deployment/shop --timeout=90s
timeout 30 bash -c 'until [ "$(kubectl -n trbl-3 get endpointslices -l kubernetes.io/service-name=shop -o jsonpath="{.items[*].endpoints[*].addresses[*]}" | wc -w)" -eq 4 ]; do sleep 0.5; done'
