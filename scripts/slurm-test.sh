#!/bin/bash
# A real Slurm check of `repro sweep slurm`: install Debian's slurm-wlm and munge, start a
# one-node cluster on this machine (munged, slurmctld and slurmd on localhost, configured by
# a file written here), submit a tiny sweep (Figure 6's runs) as job arrays, wait for them,
# check that every run landed in the results store, and shut the cluster down.
#
#     bash scripts/slurm-test.sh [path/to/repro]      (make slurm-test; needs root for apt)
set -euo pipefail

repro=${1:-.build/release/repro}
repro=$(readlink -f "$repro")
[ -x "$repro" ] || { echo "slurm-test: $repro is not built (run make build)" >&2; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    echo "slurm-test: installing slurm-wlm and munge"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurm-wlm munge >/dev/null
fi

work=$(mktemp -d /tmp/o3f-slurm-XXXXXX)
conf="$work/slurm.conf"
export SLURM_CONF="$conf"
node=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))

cleanup() {
    scontrol shutdown >/dev/null 2>&1 || true
    sleep 1
    [ -f "$work/munged.pid" ] && kill "$(cat "$work/munged.pid")" 2>/dev/null || true
    pkill -f "slurmd -f $conf" 2>/dev/null || true
    pkill -f "slurmctld -f $conf" 2>/dev/null || true
}
trap cleanup EXIT

# munge: a key of our own and a daemon with its own socket.
mkdir -p "$work/munge"
mungekey --create --keyfile="$work/munge/munge.key" --force >/dev/null 2>&1 || dd if=/dev/urandom of="$work/munge/munge.key" bs=1k count=1 2>/dev/null
chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
munged --force --key-file="$work/munge/munge.key" --socket="$socket" --pid-file="$work/munged.pid" \
       --log-file="$work/munged.log" --seed-file="$work/munge/seed"
mkdir -p "$work/state" "$work/spool"

cat > "$conf" <<EOF
# One-node cluster for o3f-repro's Slurm test (written by scripts/slurm-test.sh).
ClusterName=o3f-test
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldPort=16817
SlurmdPort=16818
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -f "$conf"
slurmd -f "$conf"
for _ in $(seq 60); do
    sinfo --noheader --states=idle 2>/dev/null | grep -q . && break
    sleep 1
done
sinfo
sinfo --noheader --states=idle | grep -q . || { echo "slurm-test: the node never became idle"; cat "$work/slurmd.log" "$work/slurmctld.log" | tail -30; exit 1; }

# The sweep: datasets first (here), then the runs on the cluster.
repository="$work/repository"
mkdir -p "$repository"
"$repro" sweep run figure6 --preset tiny --datasets-only --repository "$repository"
"$repro" sweep slurm figure6 --preset tiny --repository "$repository" --output "$work/sweep"
sbatch --test-only --array=0-0 "$work/sweep/array.sbatch" "$work/sweep/offline.txt"
sh "$work/sweep/submit.sh"

deadline=$(( $(date +%s) + 900 ))
while squeue --noheader 2>/dev/null | grep -q .; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "slurm-test: jobs still queued after 15 minutes"; squeue; exit 1; }
    sleep 2
done

"$repro" sweep plan figure6 --preset tiny --repository "$repository" | tee "$work/plan.txt"
echo "--- task logs"
tail -n 3 "$work"/sweep/logs/*.out
grep -Eq "3 runs — 3 done( \([^)]*\))?, 0 partial, 0 missing" "$work/plan.txt" || { echo "slurm-test: FAILED, not every run landed in the store"; exit 1; }
echo "slurm-test: passed — 1 offline and 2 online runs ran as Slurm array tasks and landed in the results store"
