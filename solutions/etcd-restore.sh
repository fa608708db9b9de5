#!/usr/bin/env bash
set -euo pipefail
NEW_DIR="${CKA_BACKUP_DIR}/etcd-restored-$(date +%s)"
${CKA_ETCDUTL} snapshot restore "${CKA_BACKUP_DIR}/etcd-2-snapshot.db" --data-dir "${NEW_DIR}"
# Point etcd at the restored data dir (on kubeadm: the etcd-data hostPath in /etc/kubernetes/manifests/etcd.yaml).
sed -i "s|--data-dir=.*|--data-dir=${NEW_DIR}|" "${CKA_ENGINE_CONFIG}"
cka-lab cluster restart
kubectl -n etcd-2 rollout status deployment/ledger --timeout=90s
