"""Replays an action file in gym's own locomotion environments, for comparison with
`repro env replay`. Not part of the test suite: it needs Python packages the kit does not use.

Setup (once, in a scratch virtual environment):
    python3 -m venv /tmp/gymref && /tmp/gymref/bin/pip install "mujoco==2.3.2" "gym==0.26.2"
Use:
    /tmp/gymref/bin/python scripts/gym_reference_replay.py hopper ACTIONS QPOS QVEL > ref.tsv
    repro env replay hopper-medium-v2 --actions ACTIONS --qpos QPOS --qvel QVEL > ours.tsv
QPOS and QVEL are comma-separated. The output has the same columns as `repro env replay`
(without the header): step, reward, terminated, truncated, observation; gym's time-limit
wrapper is not applied, so truncated stays 0 here. gym's v4 classes run
the same model files and the same reward, observation and termination rules as the v3 classes
D4RL recorded with, on the `mujoco` bindings; expect agreement to about 1e-7 relative, the
difference between MuJoCo versions.
"""
import sys

import numpy as np
from gym.envs.mujoco.half_cheetah_v4 import HalfCheetahEnv
from gym.envs.mujoco.hopper_v4 import HopperEnv
from gym.envs.mujoco.walker2d_v4 import Walker2dEnv


def main(name, actions_path, qpos_text, qvel_text):
    env = {"halfcheetah": HalfCheetahEnv, "hopper": HopperEnv, "walker2d": Walker2dEnv}[name]()
    env.reset(seed=0)
    env.set_state(np.array([float(v) for v in qpos_text.split(",")]),
                  np.array([float(v) for v in qvel_text.split(",")]))
    rows = []
    with open(actions_path) as lines:
        actions = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    for step, values in enumerate(actions, 1):
        observation, reward, terminated, truncated, _ = env.step(np.array(values, dtype=np.float32))
        rows.append((step, reward, terminated, truncated, observation))
        if terminated or truncated:
            break
    for step, reward, terminated, truncated, observation in rows:
        fields = [str(step), repr(float(reward)), str(int(terminated)), str(int(truncated))]
        print("\t".join(fields + [repr(float(x)) for x in observation]))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: gym_reference_replay.py halfcheetah|hopper|walker2d ACTIONS QPOS QVEL")
    main(*sys.argv[1:])
