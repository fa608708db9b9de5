#!/usr/bin/env bash
# The checks of task sched-node-selector written the way kubectl-based graders write them: one
# `kubectl get -o jsonpath` (or more) per check, compared in the shell. Prints PASS|FAIL <check id>.
set -u
verdict() { if [ "$2" = 1 ]; then echo "PASS $1"; else echo "FAIL $1"; fi; }

# node-labelled: the first worker carries disktype=ssd
label=$(kubectl get node "$CKA_WORKER1" -o jsonpath='{.metadata.labels.disktype}' 2>/dev/null)
verdict node-labelled "$([ "$label" = ssd ] && echo 1 || echo 0)"

# pod-image: fast-web runs nginx:1.27 (with or without the docker.io/library/ prefix)
image=$(kubectl -n sched-1 get pod fast-web -o jsonpath='{.spec.containers[*].image}' 2>/dev/null)
case "$image" in nginx:1.27 | docker.io/library/nginx:1.27 | docker.io/nginx:1.27) ok=1 ;; *) ok=0 ;; esac
verdict pod-image "$ok"

# pod-requires-ssd: a nodeSelector disktype=ssd, or a required node affinity term with disktype In [ssd]
selector=$(kubectl -n sched-1 get pod fast-web -o jsonpath='{.spec.nodeSelector.disktype}' 2>/dev/null)
affinity=$(kubectl -n sched-1 get pod fast-web -o jsonpath='{.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[*].matchExpressions[?(@.key=="disktype")].values[*]}' 2>/dev/null)
verdict pod-requires-ssd "$([ "$selector" = ssd ] || [ "$affinity" = ssd ] && echo 1 || echo 0)"

# pod-ready-on-ssd: fast-web is Ready, on a node labelled disktype=ssd
read -r node ready < <(kubectl -n sched-1 get pod fast-web -o jsonpath='{.spec.nodeName} {.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null; echo)
ok=0
if [ -n "${node:-}" ] && [ "${ready:-}" = True ]; then
  [ "$(kubectl get node "$node" -o jsonpath='{.metadata.labels.disktype}' 2>/dev/null)" = ssd ] && ok=1
fi
verdict pod-ready-on-ssd "$ok"
