#!/usr/bin/env bash
# Writes sw-assets.js for the service worker of a web folder: every asset
# it serves, in the folder and its subfolders (the lessons in learn/), and
# a version made from their contents, so that any change to any file
# installs a new cache. An index.html is listed by its folder's URL only
# ("./", "learn/"), which is how links and the address bar name it: sw.js
# answers a request for the index.html itself from that entry, so the page
# is not downloaded twice.
set -euo pipefail
dir=${1:?usage: sw-assets.sh WEBDIR}
cd "$dir"
files=$(find . -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.svg' -o -name '*.wasm' \) \
  ! -path './sw.js' ! -path './sw-assets.js' ! -path '*/.*' -printf '%P\n' | LC_ALL=C sort)
version=$(sha256sum $files | sha256sum | cut -c1-16)
printf 'self.ASSETS = ["./"'
for f in $files; do
  case $f in
    index.html) ;;
    */index.html) printf ', "%s"' "${f%index.html}" ;;
    *) printf ', "%s"' "$f" ;;
  esac
done
printf '];\nself.VERSION = "%s";\n' "$version"
