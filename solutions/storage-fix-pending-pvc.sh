#!/usr/bin/env bash
set -euo pipefail
# The claim asks for class archive-ssd and 5Gi; the volume is class archive and 2Gi. Those
# fields of a claim cannot be edited in place (a request can only grow), so recreate it.
# The Pending Pod does not hold the claim: an unscheduled Pod does not block its deletion.
kubectl -n stor-3 delete pvc archive-claim --wait=true
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: archive-claim
  namespace: stor-3
spec:
  storageClassName: archive
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
YAML
kubectl -n stor-3 wait --for=jsonpath='{.status.phase}'=Bound pvc/archive-claim --timeout=60s
kubectl -n stor-3 rollout status deployment/archiver --timeout=90s
