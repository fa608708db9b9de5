#!/usr/bin/env bash
set -euo pipefail
cd "${CKA_WORK_DIR}/trouble-kubeconfig"
# The errors name the faults: connection refused (the server's port), then no such file (the CA).
kubectl --kubeconfig admin.kubeconfig get nodes || true
kubectl --kubeconfig admin.kubeconfig config view -o jsonpath='{.clusters[0].cluster}{"\n"}'
# The right address is the one your own kubeconfig uses for this cluster.
server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
kubectl --kubeconfig admin.kubeconfig config set-cluster practice --server="$server" --certificate-authority=ca.crt --embed-certs=true
kubectl --kubeconfig admin.kubeconfig get nodes
