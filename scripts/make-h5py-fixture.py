#!/usr/bin/env python3
"""Writes Tests/RLCoreTests/Fixtures/h5py-d4rl-small.hdf5: a tiny dataset in D4RL's schema,
written by h5py exactly as D4RL's generation scripts write theirs (float32 arrays, numpy bool
flags, str and int metadata, policy weights), so the Swift reader is tested against h5py's
own encoding. Values follow simple formulas that Tests/RLCoreTests/Data/H5pyFixtureTests.swift
checks:

    observations[i, j]      = i + j / 10            (12 x 3, float32)
    next_observations[i, j] = observations[i, j] + 100
    actions[i, j]           = j - i / 10            (12 x 2, float32)
    rewards[i]              = i / 2                 (float32)
    terminals               = True at row 4 only    (bool)
    timeouts                = True at row 9 only    (bool)
    infos/qpos[i, k]        = 10 i + k              (12 x 4, float32)
    infos/qvel[i, k]        = -(i + k)              (12 x 3, float64)
    infos/goal[i, k]        = k                     (12 x 2, float32)
    metadata/algorithm      = "SAC"                 (str)
    metadata/iteration      = 42                    (int64)
    metadata/label          = b"fixed"              (fixed-length bytes)
    metadata/policy/fc0/weight = arange(6).reshape(2, 3) (float32)

Usage: python3 scripts/make-h5py-fixture.py [OUTPUT]
"""
import sys

import h5py
import numpy as np

output = sys.argv[1] if len(sys.argv) > 1 else "Tests/RLCoreTests/Fixtures/h5py-d4rl-small.hdf5"
n = 12
i = np.arange(n, dtype=np.float64)[:, None]

observations = (i + np.arange(3)[None, :] / 10).astype(np.float32)
terminals = np.zeros(n, dtype=bool)
terminals[4] = True
timeouts = np.zeros(n, dtype=bool)
timeouts[9] = True

with h5py.File(output, "w") as f:
    gz = dict(compression="gzip", compression_opts=4, chunks=True)
    f.create_dataset("observations", data=observations, **gz)
    f.create_dataset("next_observations", data=observations + np.float32(100), **gz)
    f.create_dataset("actions", data=(np.arange(2)[None, :] - i / 10).astype(np.float32), **gz)
    f.create_dataset("rewards", data=(np.arange(n) / 2).astype(np.float32), **gz)
    f.create_dataset("terminals", data=terminals, **gz)
    f.create_dataset("timeouts", data=timeouts, **gz)
    f.create_dataset("infos/qpos", data=(10 * i + np.arange(4)[None, :]).astype(np.float32))
    f.create_dataset("infos/qvel", data=-(i + np.arange(3)[None, :]).astype(np.float64))
    f.create_dataset("infos/goal", data=np.tile(np.arange(2, dtype=np.float32), (n, 1)))
    f["metadata/algorithm"] = "SAC"
    f["metadata/iteration"] = np.int64(42)
    f["metadata/label"] = np.bytes_("fixed")
    f["metadata/policy/fc0/weight"] = np.arange(6, dtype=np.float32).reshape(2, 3)
print(f"wrote {output}")
