#!/usr/bin/env bash
set -euo pipefail
# The lowest QoS class is BestEffort: no container, init containers included, requests or
# limits CPU or memory. The API server records each Pod's class in status.qosClass when it
# creates the Pod: scratch (only ephemeral-storage) is BestEffort; db-migrate (its init
# container has resources) is Burstable; worker (limits only: requests default to them) is
# Guaranteed.
kubectl -n trbl-6 get pods -o custom-columns=NAME:.metadata.name,QOS:.status.qosClass
pods=$(kubectl -n trbl-6 get pods -o jsonpath='{range .items[?(@.status.qosClass=="BestEffort")]}{.metadata.name}{" "}{end}')
# shellcheck disable=SC2086 # one argument per Pod name
kubectl -n trbl-6 label pod $pods evict=first
kubectl -n trbl-6 get pods -l evict=first
