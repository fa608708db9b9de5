#!/usr/bin/env bash
set -euo pipefail
kubectl create clusterrole deployment-clusterrole --verb=create --resource=deployments,statefulsets,daemonsets
kubectl -n app-team1 create serviceaccount cicd-token
# A RoleBinding, not a ClusterRoleBinding: the ClusterRole's rules apply in app-team1 only.
kubectl -n app-team1 create rolebinding deployment-rolebinding --clusterrole=deployment-clusterrole --serviceaccount=app-team1:cicd-token
# The authorizer sees new RBAC objects through a watch: wait until the grant is in effect.
timeout 30 bash -c 'until kubectl auth can-i create daemonsets.apps -n app-team1 --as=system:serviceaccount:app-team1:cicd-token >/dev/null; do sleep 0.2; done'
