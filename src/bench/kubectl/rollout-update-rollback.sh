#!/usr/bin/env bash
# The checks of task rollout-update-rollback written the way kubectl-based graders write them:
# `kubectl get -o jsonpath` per check, compared in the shell. Prints PASS|FAIL <check id>.
set -u
verdict() { if [ "$2" = 1 ]; then echo "PASS $1"; else echo "FAIL $1"; fi; }

# updated-to-1-27: a ReplicaSet of web (its revision history) ran nginx:1.27
images=$(kubectl -n rollout-1 get replicasets -o jsonpath='{range .items[?(@.metadata.ownerReferences[0].name=="web")]}{.spec.template.spec.containers[*].image}{"\n"}{end}' 2>/dev/null)
verdict updated-to-1-27 "$(grep -qxE '(docker.io/(library/)?)?nginx:1.27' <<<"$images" && echo 1 || echo 0)"

# rolled-back: web's newest ReplicaSet runs nginx:1.25 at revision 3 or later
read -r revision image < <(kubectl -n rollout-1 get replicasets -o jsonpath='{range .items[?(@.metadata.ownerReferences[0].name=="web")]}{.metadata.annotations.deployment\.kubernetes\.io/revision} {.spec.template.spec.containers[0].image}{"\n"}{end}' 2>/dev/null | sort -n | tail -n 1)
ok=0
if [ "${revision:-0}" -ge 3 ] 2>/dev/null; then
  case "${image:-}" in nginx:1.25 | docker.io/library/nginx:1.25 | docker.io/nginx:1.25) ok=1 ;; esac
fi
verdict rolled-back "$ok"

# rolled-out: 3 replicas, all updated and available, after a change (generation 2 or later)
read -r generation replicas updated available reason < <(kubectl -n rollout-1 get deployment web -o jsonpath='{.status.observedGeneration} {.status.replicas} {.status.updatedReplicas} {.status.availableReplicas} {.status.conditions[?(@.type=="Progressing")].reason}' 2>/dev/null; echo)
ok=0
[ "${generation:-0}" -ge 2 ] 2>/dev/null && [ "${replicas:-}" = 3 ] && [ "${updated:-}" = 3 ] && [ "${available:-}" = 3 ] && [ "${reason:-}" = NewReplicaSetAvailable ] && ok=1
verdict rolled-out "$ok"
