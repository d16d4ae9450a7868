#!/usr/bin/env bash
# Install the Debian 12 packages that building, the demo and the tests need, only those that
# are missing. Sourced by setup.sh and test.sh; run as root or with sudo available.
wd_install_deps() {
  local pkgs=(build-essential cmake pkg-config clang libclang-rt-14-dev
              libcurl4-openssl-dev libjansson-dev libgsl-dev libcairo2-dev libpango1.0-dev
              libsqlite3-dev libzip-dev libcmocka-dev libxlsxwriter-dev poppler-utils fonts-dejavu-core
              python3 openssl gdal-bin python3-openpyxl chromium groff-base man-db parallel qpdf)
  local missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Ontbrekende pakketten installeren: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq || return 1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || return 1
}
