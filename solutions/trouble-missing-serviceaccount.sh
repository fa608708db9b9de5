#!/usr/bin/env bash
set -euo pipefail
# The ReplicaSet's Pods are refused at admission: serviceaccount "reporter-sa" not found
# (kubectl -n trouble-sa describe rs -l app=reporter). Create the ServiceAccount the Pod template
# names; the Deployment stays as it is.
kubectl -n trouble-sa create serviceaccount reporter-sa
# The ReplicaSet retries with exponential backoff, minutes apart once it has failed for a while;
# a restart makes a new ReplicaSet, which creates the Pods at once.
kubectl -n trouble-sa rollout restart deployment reporter
kubectl -n trouble-sa rollout status deployment/reporter --timeout=90s
