#!/usr/bin/env bash
set -euo pipefail
kubectl -n rbac-1 create serviceaccount deployer
kubectl -n rbac-1 create role deployer --verb=get,list,create,update --resource=deployments.apps
kubectl -n rbac-1 create rolebinding deployer --role=deployer --serviceaccount=rbac-1:deployer
# The authorizer sees new RBAC objects through a watch: wait until the grant is in effect.
timeout 30 bash -c 'until kubectl auth can-i update deployments.apps -n rbac-1 --as=system:serviceaccount:rbac-1:deployer >/dev/null; do sleep 0.2; done'
