#!/usr/bin/env bash
# Installs the Debian 12 packages ThromboView needs to build, test and benchmark.
# Idempotent: only missing packages are installed. Must run as root (or with sudo available).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config
  # GUI stack: Qt 6 + OpenGL widgets (VTK's own Qt module is Qt 5 only, see docs/vtk-in-qt6)
  qt6-base-dev libqt6opengl6-dev libgl-dev libegl-dev libglx-dev libopengl-dev libxkbcommon-dev
  # VTK 9.1 (needs MPI's CMake targets at configure time)
  libvtk9-dev
  # DICOM, NIfTI, linear algebra, JSON, parallel loops, argument parsing, tests
  libdcmtk-dev libopenjp2-7-dev libnifti2-dev libeigen3-dev nlohmann-json3-dev libtbb-dev
  libcli11-dev catch2 zlib1g-dev
  # headless rendering for view tests and screenshots
  xvfb xauth mesa-utils libgl1-mesa-dri
  # benchmark peer and timing
  dcm2niix hyperfine python3
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
