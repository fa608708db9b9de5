#!/usr/bin/env bash
set -euo pipefail
kubectl taint node "${CKA_WORKER2}" dedicated=gpu:NoSchedule --overwrite
# The toleration lets the Pod onto the tainted node; the nodeSelector makes it go there.
kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: gpu-pod
  namespace: sched-2
spec:
  nodeSelector:
    kubernetes.io/hostname: ${CKA_WORKER2}
  tolerations:
    - key: dedicated
      operator: Equal
      value: gpu
      effect: NoSchedule
  containers:
    - name: gpu-pod
      image: busybox:1.36
      command: ["sleep", "3600"]
YAML
kubectl -n sched-2 wait --for=condition=Ready pod/gpu-pod --timeout=60s
