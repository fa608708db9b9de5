#!/usr/bin/env bash
set -euo pipefail
kubectl wait --for=jsonpath='{.status.phase}'=Released pv/mariadb-pv --timeout=30s
# The claimRef still carries the deleted claim's uid: without it the volume becomes Available.
kubectl patch pv mariadb-pv --type=json -p '[{"op": "remove", "path": "/spec/claimRef"}]'
# The claim asks for the volume's class and names it; then the saved Deployment applies as it was.
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: mariadb
  namespace: storage-4
spec:
  storageClassName: local-retain
  volumeName: mariadb-pv
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 250Mi
YAML
kubectl -n storage-4 get configmap mariadb-backup -o jsonpath='{.data.deployment\.yaml}' | kubectl apply -f -
kubectl -n storage-4 wait --for=jsonpath='{.status.phase}'=Bound pvc/mariadb --timeout=60s
kubectl -n storage-4 rollout status deployment/mariadb --timeout=90s
