#!/bin/sh
# Brings the translation catalogues up to date with the markup.
#
# 1. Extracts every @tr string of ui/**/*.slint, with its context, into kiosk-ui.pot
#    (slint-tr-extractor: `cargo install slint-tr-extractor`, a developer tool only).
# 2. Merges the template into each <lang>/LC_MESSAGES/kiosk-ui.po (gettext's msgmerge): new
#    strings arrive empty, never as fuzzy guesses, and strings gone from the markup are dropped.
#
# Then translate the empty entries; `cargo test -p kiosk-ui --test integration translations::` lists them.
# The catalogues are named after the crate because Slint's bundler looks for <crate>.po.
set -eu
cd "$(dirname "$0")/.."
domain=kiosk-ui
pot=translations/$domain.pot

find ui -name '*.slint' | LC_ALL=C sort | xargs slint-tr-extractor \
    --package-name kiosk --package-version "$(sed -n 's/^version = "\(.*\)"/\1/p' ../Cargo.toml)" \
    -o "$pot"

for po in translations/*/LC_MESSAGES/$domain.po; do
    msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" "$pot"
    msgattrib --no-obsolete --output-file="$po" "$po"
done
