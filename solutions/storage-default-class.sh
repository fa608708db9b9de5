#!/usr/bin/env bash
set -euo pipefail
kubectl apply -f - <<'YAML'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast-local
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Retain
allowVolumeExpansion: true
YAML
# Every other class stops being default (slow here; on kind or minikube, standard too)...
for class in $(kubectl get storageclass -o name); do
  [ "${class}" = storageclass.storage.k8s.io/fast-local ] && continue
  kubectl annotate "${class}" storageclass.kubernetes.io/is-default-class=false --overwrite
done
# ...and fast-local becomes it. Claims created from now on get it when they name no class.
kubectl annotate storageclass fast-local storageclass.kubernetes.io/is-default-class=true --overwrite
kubectl apply -f - <<'YAML'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: scratch
  namespace: stor-2
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
YAML
kubectl -n stor-2 get pvc scratch -o jsonpath='{.spec.storageClassName}{"\n"}'
