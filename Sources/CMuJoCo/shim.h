// MuJoCo 2.2.2 from Debian's libmujoco-dev (headers in /usr/include/mujoco, no pkg-config file).
#include <mujoco/mujoco.h>
