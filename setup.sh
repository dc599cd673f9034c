#!/usr/bin/env bash
# Sets up a Debian machine for the document kiosk and runs its two jobs. Installing is
# idempotent and quiet when everything is already there.
#   ./setup.sh demo     install what is needed, build, run the demo (the main job)
#   ./setup.sh test     install what is needed, run the whole test suite (what CI runs)
#   ./setup.sh          only install
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
  # the vault tests: a real WebDAV server (Apache mod_dav, htpasswd), a test CA, curl as the
  # benchmark's reference
  apache2 apache2-utils openssl curl
  # the printer tests: CUPS with the cups-pdf virtual printer, pdftotext to read what printed
  # (the receipt's font, DejaVu Sans, is fonts-dejavu-core above)
  cups cups-client cups-bsd printer-driver-cups-pdf cups-ipp-utils poppler-utils
  # the canary test: gcore dumps the running kiosk's memory to search it for canaries
  gdb
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

demo() {
  # A window needs an X server where there is no display (Xvfb); qrencode draws the demo's
  # pairing card.
  install_packages xvfb xauth qrencode
  scripts/demo.sh
}

run_tests() {
  cargo fmt --all --check
  cargo clippy --workspace --all-targets --locked -- -D warnings
  cargo test --workspace --locked
  fuzz/smoke.sh
}

case "${1:-}" in
  demo) demo ;;
  test) run_tests ;;
  "") ;;
  *) echo "usage: $0 [demo|test]" >&2; exit 2 ;;
esac
