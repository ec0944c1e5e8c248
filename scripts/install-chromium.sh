#!/usr/bin/env bash
# Make sure a headless-capable Chromium is available for the browser tests.
#
# If chromium is already installed, print its version and stop. Otherwise
# install Debian's `chromium` package with apt-get: directly when running as
# root, through sudo when not, and fail with instructions when neither works.
set -euo pipefail

readonly PKG=chromium

# find_chromium prints the path of an installed chromium, or fails.
# /usr/bin/chromium is checked explicitly because PATH can be trimmed in CI.
find_chromium() {
	if command -v chromium >/dev/null 2>&1; then
		command -v chromium
	elif [[ -x /usr/bin/chromium ]]; then
		echo /usr/bin/chromium
	else
		return 1
	fi
}

# print_version reports which chromium will be used. Debian's launcher
# sources /etc/chromium.d/* snippets that can print harmless noise to stderr,
# so stderr is dropped; a failing --version must not fail the script.
print_version() {
	local bin=$1 version
	version=$("$bin" --version 2>/dev/null || true)
	echo "chromium found at $bin: ${version:-version unknown}"
}

# install_chromium runs apt-get, prefixed by its arguments (none, or sudo).
# DEBIAN_FRONTEND goes through env(1) because sudo resets the environment.
install_chromium() {
	"$@" apt-get update
	"$@" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y --no-install-recommends "$PKG"
}

main() {
	local bin
	if bin=$(find_chromium); then
		print_version "$bin"
		return 0
	fi

	if [[ $(id -u) -eq 0 ]]; then
		echo "chromium not found; installing it with apt-get" >&2
		install_chromium
	elif command -v sudo >/dev/null 2>&1; then
		echo "chromium not found; installing it with sudo apt-get" >&2
		install_chromium sudo
	else
		echo "error: chromium is not installed, and this script is neither" \
			"running as root nor able to use sudo." >&2
		echo "Install it as root with:" >&2
		echo "  apt-get update && apt-get install -y --no-install-recommends $PKG" >&2
		return 1
	fi

	if ! bin=$(find_chromium); then
		echo "error: apt-get finished but chromium is still not on PATH" >&2
		return 1
	fi
	print_version "$bin"
}

main "$@"
