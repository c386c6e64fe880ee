#!/usr/bin/env bash
# Part of `make test`: writes small random, medium and antmaze datasets with `repro dataset generate` and checks
# with h5py (scripts/check-d4rl-file.py) that they load the way D4RL's get_dataset loads a
# file: keys, dtypes and shapes. The checker is first run on the committed h5py fixture.
# Skipped, with a notice, when python3 cannot import h5py (`make setup` installs it).
#
#   bash scripts/check-kit-dataset.sh PATH/TO/repro
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repro=${1:?usage: check-kit-dataset.sh PATH/TO/repro}

if ! command -v python3 >/dev/null || ! python3 -c "import h5py" >/dev/null 2>&1; then
  echo "check-d4rl-file: skipped: python3 cannot import h5py (make setup installs it)"
  exit 0
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

python3 "$root/scripts/check-d4rl-file.py" "$root/Tests/RLCoreTests/Fixtures/h5py-d4rl-small.hdf5" --obs 3 --act 2

if ! "$repro" dataset --help 2>/dev/null | grep -q "^  generate"; then
  echo "check-d4rl-file: kit-written files not checked: this build has no \`repro dataset generate\` (it needs the environments)"
  exit 0
fi

# task  observation size  action size
while read -r task obs act; do
  file=$scratch/$task.hdf5
  "$repro" dataset generate "$task" --size 2500 --seed 1 --output "$file" >/dev/null
  python3 "$root/scripts/check-d4rl-file.py" "$file" --obs "$obs" --act "$act"
done <<'TASKS'
halfcheetah-random-v2 17 6
hopper-random-v2 11 3
walker2d-random-v2 17 6
TASKS

# A "medium" file (the tiny preset's SAC run, stopped at its budget or target): the same
# schema, plus the recording policy's weights under D4RL's names and its log-probabilities.
file=$scratch/hopper-medium-v2.hdf5
O3F_RESULTS_DIR=$scratch/runs "$repro" dataset generate hopper-medium-v2 --preset tiny --size 500 --seed 1 --output "$file" >/dev/null
python3 "$root/scripts/check-d4rl-file.py" "$file" --obs 11 --act 3
python3 - "$file" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    assert f["metadata/algorithm"][()].decode() == "SAC", "metadata/algorithm is not SAC"
    assert f["metadata/policy/last_fc/weight"].shape == (3, 32), f["metadata/policy/last_fc/weight"].shape
    assert f["metadata/policy/fc0/weight"].shape == (32, 11)
    assert f["infos/action_log_probs"].shape == (500,)
    print(f"check-d4rl-file: {sys.argv[1]}: SAC policy metadata OK (iteration {int(f['metadata/iteration'][()])})")
PY


# An AntMaze "diverse" file (the tiny preset's controller run, then the planner-driven
# recording): D4RL's antmaze keys, infos/goal, qpos and qvel, 1000-step episodes ending in
# timeouts, terminals where the reward marks the task's goal, no next_observations.
file=$scratch/antmaze-umaze-diverse-v2.hdf5
O3F_RESULTS_DIR=$scratch/runs "$repro" dataset generate antmaze-umaze-diverse-v2 --preset tiny --size 2500 --seed 1 --output "$file" >/dev/null
python3 "$root/scripts/check-d4rl-file.py" "$file" --obs 29 --act 8
python3 - "$file" <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "r") as f:
    n = f["observations"].shape[0]
    assert f["infos/goal"].shape == (n, 2) and f["infos/qpos"].shape == (n, 15) and f["infos/qvel"].shape == (n, 14)
    assert "next_observations" not in f
    assert list(np.flatnonzero(f["timeouts"][:])) == [999, 1999], np.flatnonzero(f["timeouts"][:])
    assert (f["terminals"][:] == (f["rewards"][:] == 1)).all()
    assert 0 <= float(f["metadata/goal_reached_fraction"][()]) <= 1
    print(f"check-d4rl-file: {sys.argv[1]}: antmaze keys OK (goal reached in {float(f['metadata/goal_reached_fraction'][()]):.2f} of the episodes)")
PY
