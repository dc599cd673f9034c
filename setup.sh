#!/usr/bin/env bash
# Installs what the kiosk needs to build, run its demo and run its tests on Debian.
# Idempotent and quiet when everything is already there.
#   ./setup.sh          install build + runtime packages
#   ./setup.sh demo     build and run the demo (the main job)
#   ./setup.sh test     run the whole test suite (what CI runs)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  # OCR: the system libtesseract and its language data (bindgen needs libclang)
  clang libclang-dev libtesseract-dev libleptonica-dev
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-spa
  tesseract-ocr-ara tesseract-ocr-ukr tesseract-ocr-osd
  # fonts the corpus generator renders documents with
  fonts-dejavu-core
  # a peer QR decoder the QR report compares against
  zbar-tools
)

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_packages "${PACKAGES[@]}"
command -v cargo >/dev/null || { echo "setup: cargo (Rust ≥ 1.92) is required: https://rustup.rs" >&2; exit 1; }
