#!/usr/bin/env bash
# Writes sw-assets.js for the service worker of a web folder: every asset
# it serves, and a version made from their contents, so that any change to
# any file installs a new cache.
set -euo pipefail
dir=${1:?usage: sw-assets.sh WEBDIR}
cd "$dir"
files=$(find . -maxdepth 1 -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.svg' -o -name '*.wasm' \) \
  ! -name 'sw.js' ! -name 'sw-assets.js' -printf '%f\n' | LC_ALL=C sort)
version=$(sha256sum $files | sha256sum | cut -c1-16)
printf 'self.ASSETS = ["./"'
for f in $files; do printf ', "%s"' "$f"; done
printf '];\nself.VERSION = "%s";\n' "$version"
