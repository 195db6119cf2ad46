#!/usr/bin/env bash
# Installs the Debian 12 packages Vekha needs to build, run and test, when any is missing.
# Usage: scripts/install-deps.sh [build|test|bench]   (default: build)
set -euo pipefail

build_packages=(
  cmake g++ make pkg-config ccache
  libyaml-cpp-dev libspdlog-dev libfmt-dev libcli11-dev
  libhowardhinnant-date-dev tzdata nlohmann-json3-dev
  libsqlite3-dev libsqlitecpp-dev libssl-dev libcurl4-openssl-dev libboost-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev libxml2-dev
)
test_packages=(libgtest-dev libgmock-dev sqlite3 python3 python3-aiosmtpd python3-yaml libical-dev chromium chromium-driver
  clang libclang-rt-14-dev clang-format-14 libreoffice-writer-nogui)
bench_packages=(libbenchmark-dev)

wanted=("${build_packages[@]}")
case "${1:-build}" in
  build) ;;
  test) wanted+=("${test_packages[@]}") ;;
  bench) wanted+=("${test_packages[@]}" "${bench_packages[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "error: run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
