# Sourced by scripts/run and scripts/test: what both need before they do their own part.
# Installs the Debian packages that are missing (as root, or through sudo), then configures
# and builds into build/ (CROSSGRANT_BUILD_DIR overrides).

CROSSGRANT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CROSSGRANT_BUILD=${CROSSGRANT_BUILD_DIR:-$CROSSGRANT_ROOT/build}

# What building and running need, and what only the tests need.
BUILD_PACKAGES=(g++ make cmake libpoco-dev libmysqlcppconn-dev libsqlite3-dev libhpdf-dev
  libboost-test-dev libargon2-dev fonts-dejavu-core)
TEST_PACKAGES=(mariadb-server mariadb-client poppler-utils qpdf)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  say "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

build_crossgrant() {
  say "building into $CROSSGRANT_BUILD"
  cmake -S "$CROSSGRANT_ROOT" -B "$CROSSGRANT_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCROSSGRANT_WERROR=ON >/dev/null
  cmake --build "$CROSSGRANT_BUILD" -j"$(nproc)" -- --no-print-directory
}

# Creates or upgrades the embedded database and imports the demo project once.
setup_demo_database() {
  local cg="$CROSSGRANT_BUILD/bin/crossgrant"
  "$cg" migrate
  if "$cg" export LLI-317 >/dev/null 2>&1; then
    say "demo project LLI-317 already in the database"
  else
    "$cg" import "$CROSSGRANT_ROOT/data/socquality.bundle.json"
  fi
}
