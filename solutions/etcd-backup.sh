#!/usr/bin/env bash
set -euo pipefail
ETCDCTL_API=3 ${CKA_ETCDCTL} \
  --endpoints="${CKA_ETCD_ENDPOINT}" \
  --cacert="${CKA_ETCD_CACERT}" \
  --cert="${CKA_ETCD_CERT}" \
  --key="${CKA_ETCD_KEY}" \
  snapshot save "${CKA_BACKUP_DIR}/etcd-backup.db"
${CKA_ETCDUTL} snapshot status "${CKA_BACKUP_DIR}/etcd-backup.db" -w table
