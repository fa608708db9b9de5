#!/usr/bin/env bash
set -euo pipefail
mkdir -p "${CKA_WORK_DIR}/rbac-user-csr"
cd "${CKA_WORK_DIR}/rbac-user-csr"
# The API server takes the user name from CN and her groups from O.
openssl genrsa -out mia.key 2048
openssl req -new -key mia.key -subj '/CN=mia/O=qa-team' -out mia.csr
kubectl apply -f - <<YAML
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: mia
spec:
  request: $(base64 -w0 mia.csr)
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages: [client auth]
YAML
kubectl certificate approve mia
# The signer issues within a moment of the approval.
timeout 30 bash -c 'until [ -n "$(kubectl get csr mia -o jsonpath="{.status.certificate}")" ]; do sleep 0.2; done'
kubectl get csr mia -o jsonpath='{.status.certificate}' | base64 -d > mia.crt
kubectl -n qa-1 create role pod-reader --verb=get,list,watch --resource=pods
kubectl -n qa-1 create rolebinding mia-pod-reader --role=pod-reader --user=mia
# The authorizer sees new RBAC objects through a watch: wait until the grant is in effect.
timeout 30 bash -c 'until kubectl auth can-i watch pods -n qa-1 --as=mia >/dev/null; do sleep 0.2; done'
kubectl --client-certificate=mia.crt --client-key=mia.key -n qa-1 get pods
