#!/usr/bin/env python3
"""Opens a D4RL dataset file with h5py and checks it the way D4RL's OfflineEnv.get_dataset
and qlearning_dataset use it: every dataset loads (arrays with [:], scalars with [()]); the
required keys exist; shapes agree (observations [N, obs], actions [N, act], rewards and
terminals [N] or [N, 1]); and the dtypes are D4RL's (float32 arrays, numpy bool flags,
next_observations like observations, infos/* with N rows). With --task it also checks the
observation and action sizes of the task's environment.

Usage: python3 scripts/check-d4rl-file.py FILE [--obs N --act M]
Exit status 0 when the file passes; otherwise prints every problem and exits 1.
"""
import argparse
import sys

import h5py
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--obs", type=int, help="observation size the task's environment has")
parser.add_argument("--act", type=int, help="action size the task's environment has")
args = parser.parse_args()

problems = []
data = {}
with h5py.File(args.file, "r") as f:
    keys = []
    f.visititems(lambda name, item: keys.append(name) if isinstance(item, h5py.Dataset) else None)
    for k in keys:
        try:
            data[k] = f[k][:]
        except ValueError:
            data[k] = f[k][()]

for key in ["observations", "actions", "rewards", "terminals"]:
    if key not in data:
        problems.append(f"missing key {key}")
if not problems:
    n = data["observations"].shape[0]
    obs_shape = data["observations"].shape[1:]
    if len(obs_shape) != 1:
        problems.append(f"observations shape {data['observations'].shape} is not [N, obs]")
    if args.obs is not None and obs_shape != (args.obs,):
        problems.append(f"observation shape {obs_shape} does not match the env's ({args.obs},)")
    if data["actions"].ndim != 2 or data["actions"].shape[0] != n:
        problems.append(f"actions shape {data['actions'].shape} is not [{n}, act]")
    if args.act is not None and data["actions"].shape[1:] != (args.act,):
        problems.append(f"action shape {data['actions'].shape[1:]} does not match the env's ({args.act},)")
    for key in ["rewards", "terminals", "timeouts"]:
        if key in data:
            shape = data[key].shape
            if shape not in [(n,), (n, 1)]:
                problems.append(f"{key} shape {shape} is not ({n},)")
    expected = {"observations": np.float32, "actions": np.float32, "rewards": np.float32,
                "next_observations": np.float32, "terminals": np.bool_, "timeouts": np.bool_}
    for key, dtype in expected.items():
        if key in data and data[key].dtype != dtype:
            problems.append(f"{key} has dtype {data[key].dtype}, D4RL uses {np.dtype(dtype)}")
    if "next_observations" in data and data["next_observations"].shape != data["observations"].shape:
        problems.append("next_observations shape differs from observations")
    for key, value in data.items():
        if key.startswith("infos/") and (np.ndim(value) == 0 or value.shape[0] != n):
            problems.append(f"{key} has shape {np.shape(value)}, expected {n} rows")
    if not np.all(np.isfinite(data["rewards"])):
        problems.append("rewards contain NaN or infinity")
    # qlearning_dataset's loop reads these per row; make sure it runs on the first rows.
    for i in range(min(n - 1, 3)):
        _ = (data["observations"][i].astype(np.float32), data["actions"][i].astype(np.float32),
             bool(data["terminals"][i]))
    if "metadata/algorithm" in data and not isinstance(data["metadata/algorithm"], (bytes, str)):
        problems.append(f"metadata/algorithm reads back as {type(data['metadata/algorithm'])}, not a string")

if problems:
    for p in problems:
        print(f"check-d4rl-file: {args.file}: {p}", file=sys.stderr)
    sys.exit(1)
print(f"check-d4rl-file: {args.file}: OK ({len(data)} keys, {data['observations'].shape[0]} transitions)")
