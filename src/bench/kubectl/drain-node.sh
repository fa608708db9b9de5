#!/usr/bin/env bash
# The checks of task drain-node written the way kubectl-based graders write them: `kubectl get
# -o jsonpath` per check, counted in the shell. Prints PASS|FAIL <check id>.
set -u
verdict() { if [ "$2" = 1 ]; then echo "PASS $1"; else echo "FAIL $1"; fi; }

# node-cordoned: the second worker is unschedulable
verdict node-cordoned "$([ "$(kubectl get node "$CKA_WORKER2" -o jsonpath='{.spec.unschedulable}' 2>/dev/null)" = true ] && echo 1 || echo 0)"

# shop-moved-off: 4 live, Ready Pods of shop, none on the second worker
pods=$(kubectl -n maint-1 get pods -l app=shop -o jsonpath='{range .items[*]}node={.spec.nodeName} phase={.status.phase} ready={.status.conditions[?(@.type=="Ready")].status} deleting={.metadata.deletionTimestamp}{"\n"}{end}' 2>/dev/null)
live=$(grep -E 'deleting=$' <<<"$pods" | grep -vE 'phase=(Succeeded|Failed) ')
count=$(grep -c . <<<"$live")
notready=$(grep -vc 'ready=True ' <<<"$live")
onworker=$(grep -c "node=$CKA_WORKER2 " <<<"$live")
verdict shop-moved-off "$([ "$count" = 4 ] && [ "$notready" = 0 ] && [ "$onworker" = 0 ] && echo 1 || echo 0)"

# daemonset-kept: node-agent runs one Ready Pod on each of the 2 workers
read -r desired ready < <(kubectl -n maint-1 get daemonset node-agent -o jsonpath='{.status.desiredNumberScheduled} {.status.numberReady}' 2>/dev/null; echo)
verdict daemonset-kept "$([ "${desired:-}" = 2 ] && [ "${ready:-}" = 2 ] && echo 1 || echo 0)"
