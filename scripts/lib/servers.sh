# Sourced by the scripts that start crossgrant servers of their own (bench-http, crash-test),
# after scripts/lib/setup.sh. The caller defines fail MESSAGE (prints and exits 1) and $cg (the
# crossgrant executable); these keep the PIDs and logs of what they start in server_pids and
# server_logs. On every exit the clean-up below stops the client in client_pid (a load
# generator the caller runs), every server started, the MariaDB in mariadb_dir, and removes
# the directory tmp: the caller sets those as it creates them.

server_pids=() server_logs=()
tmp="" mariadb_dir="" client_pid=""

# stop_pid PID: SIGTERM, up to 10 s for it to end, then SIGKILL; reaps it.
stop_pid() {
  local pid=$1 waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && ((waited < 100)); do sleep 0.1; waited=$((waited + 1)); done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# start_server NAME LOG COMMAND...: starts COMMAND in the background, waits until its log says
# "serving http://127.0.0.1:PORT/" and sets $port and $server_pid.
port="" server_pid=""
start_server() {
  local name=$1 log=$2 waited=0
  shift 2
  : >"$log"  # before the server writes to it, so that it can be read at once
  "$@" >"$log" 2>&1 </dev/null &
  server_pid=$!
  server_pids+=("$server_pid") server_logs+=("$log")
  port=""
  while ((waited < 300)); do
    port=$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$log" | head -n 1)
    [[ -n $port ]] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
    waited=$((waited + 1))
  done
  sed 's/^/    /' "$log" >&2
  fail "$name did not start; its output is above"
}

# setup_crossgrant LABEL DIR DB-URL [SERVE-OPTION...]: migrates DB, imports the demo project,
# adds a lead user of LLI-317 (bench-lead), starts `crossgrant serve` (on a free port unless
# the options name one) and logs in; sets $port, $server_pid and $token. CROSSGRANT_DB names
# the database throughout: `crossgrant user` refuses --db.
token=""
setup_crossgrant() {
  local label=$1 dir=$2 db=$3 out password answer
  shift 3
  local serve_options=("$@")
  ((${#serve_options[@]})) || serve_options=(--port 0)
  mkdir -p "$dir"
  CROSSGRANT_DB=$db "$cg" migrate >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log" >&2; fail "migrate failed on $label"; }
  CROSSGRANT_DB=$db "$cg" import "$CROSSGRANT_ROOT/data/socquality.bundle.json" >>"$dir/setup.log" 2>&1 ||
    { cat "$dir/setup.log" >&2; fail "importing the demo project failed on $label"; }
  out=$(CROSSGRANT_DB=$db "$cg" user add bench-lead --generate-password 2>&1) || { echo "$out" >&2; fail "user add failed on $label"; }
  password=$(sed -n 's/^generated password (shown only now): //p' <<<"$out")
  [[ -n $password ]] || { echo "$out" >&2; fail "user add printed no password"; }
  CROSSGRANT_DB=$db "$cg" user grant bench-lead lead --project LLI-317 >>"$dir/setup.log" 2>&1 ||
    { cat "$dir/setup.log" >&2; fail "user grant failed on $label"; }
  start_server "crossgrant serve on $label" "$dir/serve.log" env CROSSGRANT_DB="$db" "$cg" serve "${serve_options[@]}"
  answer=$(curl -sS -X POST -H 'Content-Type: application/json' \
    --data "{\"user\": \"bench-lead\", \"password\": \"$password\"}" "http://127.0.0.1:$port/api/v1/session") ||
    fail "login failed on $label"
  token=$(sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' <<<"$answer" | head -n 1)
  [[ -n $token ]] || { echo "$answer" >&2; fail "login answered no token on $label"; }
}

cleanup() {
  local status=$? pid
  trap - EXIT INT TERM
  [[ -n $client_pid ]] && stop_pid "$client_pid"
  for pid in "${server_pids[@]}"; do stop_pid "$pid"; done
  [[ -n $mariadb_dir ]] && { "$CROSSGRANT_ROOT/scripts/mariadb-throwaway" stop "$mariadb_dir" || true; }
  [[ -n $tmp ]] && rm -rf -- "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
