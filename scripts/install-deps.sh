#!/usr/bin/env bash
# Install the Debian packages the plugin, its tests and `make demo` need.
# Idempotent: does nothing when every package is already installed.
set -euo pipefail

PACKAGES=(
  qgis python3-qgis qgis-providers        # QGIS desktop and its Python bindings
  python3-shapely python3-requests        # what the plugin may use at run time
  python3-venv python3-pip                # the dev/test virtualenv
  xvfb xauth x11-utils                    # headless desktop for make demo and smoke tests
  qttools5-dev-tools                      # lrelease for the Dutch .qm
  make zip unzip imagemagick              # packaging, screenshots
  python3-matplotlib python3-numpy        # charts in the dock and the briefing (shipped with QGIS)
  poppler-utils                           # pdftoppm: tests look at the briefing PDF
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Installing Debian packages: ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
