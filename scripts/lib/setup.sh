# Sourced by scripts/run and scripts/test: what both need before they do their own part.
# Installs the Debian packages that are missing (as root, or through sudo), then configures
# and builds into build/ (CROSSGRANT_BUILD_DIR overrides).

CROSSGRANT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CROSSGRANT_BUILD=${CROSSGRANT_BUILD_DIR:-$CROSSGRANT_ROOT/build}

# What building and running need, and what only the tests need.
BUILD_PACKAGES=(g++ make cmake libpoco-dev libmysqlcppconn-dev libsqlite3-dev libhpdf-dev
  libboost-test-dev libargon2-dev libxlsxwriter-dev fonts-dejavu-core)
TEST_PACKAGES=(mariadb-server mariadb-client poppler-utils qpdf chromium python3-openpyxl)

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

# Node.js and npm for the browser tests (Debian's, unless a node with its npm is there), and
# the tests' npm packages as the committed lockfile pins them.
setup_browser_tests() {
  command -v node >/dev/null && command -v npm >/dev/null || install_packages nodejs npm
  say "installing the browser tests' npm packages (tests/browser, npm ci)"
  (cd "$CROSSGRANT_ROOT/tests/browser" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

# Builds the given targets (everything when none: the tests too).
build_crossgrant() {
  local targets=()
  (($#)) && targets=(--target "$@")
  say "building into $CROSSGRANT_BUILD"
  cmake -S "$CROSSGRANT_ROOT" -B "$CROSSGRANT_BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCROSSGRANT_WERROR=ON >/dev/null
  cmake --build "$CROSSGRANT_BUILD" -j"$(nproc)" "${targets[@]}" -- --no-print-directory
}

# Creates or upgrades the embedded database, records the programme rules configured here (a
# newer build may describe them more fully; the change is audited), imports the demo project
# with its work plan once and creates one demo user per role (those that do not exist yet),
# printing their generated passwords once.
setup_demo_database() {
  local cg="$CROSSGRANT_BUILD/bin/crossgrant"
  "$cg" migrate
  "$cg" rules update >/dev/null
  if "$cg" export LLI-317 >/dev/null 2>&1; then
    say "demo project LLI-317 already in the database"
  else
    "$cg" import "$CROSSGRANT_ROOT/data/socquality.v2.bundle.json"
  fi
  setup_demo_users
}

# name|display name|role and scope options of `crossgrant user grant`
DEMO_USERS=(
  "demo-admin|Demo admin|admin"
  "demo-programme|Demo joint secretariat LV-LT|programme --programme LV-LT-2014-2020"
  "demo-lead|Demo lead partner LLI-317|lead --project LLI-317"
  "demo-partner|Demo partner LLI-317/PP6|partner --project LLI-317 --partner PP6"
  "demo-controller|Demo controller LLI-317/PP6|controller --project LLI-317 --partner PP6"
  "demo-auditor|Demo auditor LV-LT|auditor --programme LV-LT-2014-2020"
)

setup_demo_users() {
  local cg="$CROSSGRANT_BUILD/bin/crossgrant" existing created=() entry name display grant out
  existing=$("$cg" user list | awk 'NR > 1 { print $1 }')
  for entry in "${DEMO_USERS[@]}"; do
    IFS='|' read -r name display grant <<<"$entry"
    if grep -qxF "$name" <<<"$existing"; then continue; fi
    out=$("$cg" user add "$name" --display-name "$display" --generate-password)
    # shellcheck disable=SC2086 # the grant's role and options are separate words
    "$cg" user grant "$name" $grant >/dev/null
    created+=("$name" "$(sed -n 's/^generated password (shown only now): //p' <<<"$out")")
  done
  if ((${#created[@]} == 0)); then
    say "demo users already in the database (crossgrant user passwd NAME to reset a password)"
    return 0
  fi
  say "demo users created; their passwords are shown only now:"
  printf '    %-16s %s\n' "${created[@]}" >&2
}
