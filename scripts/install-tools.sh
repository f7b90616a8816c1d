#!/usr/bin/env bash
# Installs the real Prometheus tools the tests run (promtool, prometheus, alertmanager, amtool,
# node_exporter, blackbox_exporter), VictoriaMetrics (the remote-write store of the HA tests), the
# database exporters at the versions closest to the deployed
# images, real PostgreSQL, MariaDB and Redis servers for the end-to-end tests, and the Joni regex
# engine (JRuby's, so Logstash's) with its jcodings into tools/, from Debian's archive. Nothing global changes: apt runs with a private config, sources list,
# lists and cache under tools/apt/, and the .debs are only unpacked (dpkg-deb -x) into tools/root/;
# no package is installed and no service is started. tools/bin/ gets symlinks under upstream names.
# Idempotent: returns at once when tools/ already holds exactly these pins. A reinstall builds into
# tools/.staging/ and swaps it in at the end, so tests running meanwhile keep a complete tools/bin.
set -euo pipefail
SCRIPT="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$SCRIPT")/.."

# The only place the versions are pinned: "package suite upstream-version" (the Debian revision is
# resolved from the suite's index at install time, so a rebuild in sid does not break the script).
# Deployed images: prometheus v3.5.0, alertmanager v0.28.1, node-exporter v1.9.1, blackbox v0.27.0,
# postgres-exporter v0.20.1, mysqld-exporter v0.20.0, redis_exporter v1.88.0.
PINS=(
  "prometheus sid 3.5.3"                     # prometheus (Debian's 3.5.x LTS)
  "promtool sid 3.5.3"                       # promtool ships in its own package
  "prometheus-alertmanager trixie 0.28.1"    # alertmanager and amtool
  "prometheus-node-exporter trixie 1.9.0"    # closest to v1.9.1 (sid has 1.11)
  "prometheus-blackbox-exporter trixie 0.26.0" # v0.27.0 is in neither; 0.26 (trixie) vs 0.28 (sid)
  "prometheus-postgres-exporter sid 0.19.1"   # closest to v0.20.1 (trixie has 0.17.1)
  "prometheus-mysqld-exporter sid 0.19.0"     # closest to v0.20.0 (trixie has 0.17.2)
  "prometheus-redis-exporter sid 1.86.0"      # closest to v1.88.0 (trixie has 1.69.0)
  "victoria-metrics sid 1.145.0"              # single-node VictoriaMetrics (static Go binary)
  # Database servers for the end-to-end tests, from bookworm (this system's release, so they run
  # on its libraries). "*" takes the suite's current point release: the major version is fixed by
  # the package name or the stable suite, and a point release does not break the script.
  "postgresql-15 bookworm *"        # postgres, initdb, pgbench (relocatable: finds share/ from its path)
  "postgresql-client-15 bookworm *" # psql
  "mariadb-server-core bookworm *"  # mariadbd, mariadb-install-db (10.11; mariadb-server only adds
  "mariadb-client-core bookworm *"  # mariadb                        service scripts and galera)
  "redis-server bookworm *"         # the redis-server name, a link to the redis-tools binary
  "redis-tools bookworm *"          # redis-server (7.0), redis-cli
  "libaio1 bookworm *"              # the libraries of mariadbd and redis-server a base system lacks,
  "liburing2 bookworm *"            # unpacked under usr/lib (the tools/bin wrappers set
  "libjemalloc2 bookworm *"         # LD_LIBRARY_PATH to it)
  "liblzf1 bookworm *"
  # Logstash 9.5 runs on JRuby 9.4, whose Regexp is Joni 2.2 with jcodings 1.0.58 (Java, arch all):
  # test/logstash/joni.test.ts runs the pipeline's regexes with them.
  "libjruby-joni-java trixie 2.2.1"
  "libjcodings-java trixie 1.0.58"
)
# tools/bin name -> path inside the unpacked packages (Debian renames some binaries).
LINKS=(
  "prometheus usr/bin/prometheus"
  "promtool usr/bin/promtool"
  "alertmanager usr/bin/prometheus-alertmanager"
  "amtool usr/bin/amtool"
  "node_exporter usr/bin/prometheus-node-exporter"
  "blackbox_exporter usr/bin/prometheus-blackbox-exporter"
  "postgres_exporter usr/bin/prometheus-postgres-exporter"
  "mysqld_exporter usr/bin/prometheus-mysqld-exporter"
  "redis_exporter usr/bin/prometheus-redis-exporter"
  "postgres usr/lib/postgresql/15/bin/postgres"
  "initdb usr/lib/postgresql/15/bin/initdb"
  "pgbench usr/lib/postgresql/15/bin/pgbench"
  "psql usr/lib/postgresql/15/bin/psql"
  "mariadbd usr/sbin/mariadbd"
  "mariadb-install-db usr/bin/mariadb-install-db"
  "mariadb usr/bin/mariadb"
  "redis-server usr/bin/redis-server"
  "redis-cli usr/bin/redis-cli"
  "victoria-metrics usr/bin/victoria-metrics"
  "joni.jar usr/share/java/joni.jar" # jars: linked like the binaries, checked as files (not -x)
  "jcodings.jar usr/share/java/jcodings.jar"
)
# Unpacked libraries, for the binaries that need them (see the wrappers below).
PRIVATE_LIBS=usr/lib/x86_64-linux-gnu

TOOLS_DIR="$PWD/tools"
APT_DIR="$TOOLS_DIR/apt"
ROOT="$TOOLS_DIR/root"
BIN="$TOOLS_DIR/bin"
STAMP="$ROOT/.installed-by"
STAGING="$TOOLS_DIR/.staging"
# A link's target is usable: an executable, or for a .jar a readable file.
usable() { case "$1" in *.jar) [ -f "$1" ] && [ -r "$1" ] ;; *) [ -x "$1" ] ;; esac; }
# The stamp is this script's checksum: changing a pin (or the script) reinstalls.
wanted="$(sha256sum < "$SCRIPT")"

installed() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ] || return 1
  local link name
  for link in "${LINKS[@]}"; do
    name="${link%% *}"
    usable "$BIN/$name" || return 1
  done
}

if installed; then
  echo "install-tools: tools/bin is up to date"
  exit 0
fi

mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/sources.list.d" "$APT_DIR/preferences.d" "$APT_DIR/debs"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { echo "install-tools: $keyring missing (package debian-archive-keyring)" >&2; exit 1; }
suites="$(printf '%s\n' "${PINS[@]}" | awk '{print $2}' | sort -u)"
: > "$APT_DIR/sources.list"
for suite in $suites; do
  echo "deb [signed-by=$keyring] http://deb.debian.org/debian $suite main" >> "$APT_DIR/sources.list"
done
# Read after the system's configuration (apt-get -c), so it overrides it: private state and cache,
# and no update hooks from /etc/apt/apt.conf.d (AppStream, PackageKit) run for these lists.
cat > "$APT_DIR/apt.conf" <<CONF
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
Dir::Etc::SourceList "$APT_DIR/sources.list";
Dir::Etc::SourceParts "$APT_DIR/sources.list.d";
Dir::Etc::Preferences "$APT_DIR/preferences";
Dir::Etc::PreferencesParts "$APT_DIR/preferences.d";
Dir::State::Lists "$APT_DIR/lists";
Dir::State::status "/dev/null";
Dir::Cache "$APT_DIR/cache";
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT::Sandbox::User "root";
CONF
apt_() { "$1" -c "$APT_DIR/apt.conf" "${@:2}"; }

echo "install-tools: updating the private package lists ($(echo $suites))"
apt_ apt-get update -qq

# From here on ROOT and BIN are the staging copies (the links inside are relative: ../root/...).
LIVE_ROOT="$ROOT" LIVE_BIN="$BIN"
ROOT="$STAGING/root" BIN="$STAGING/bin"
rm -rf "$STAGING" "$APT_DIR/debs"
mkdir -p "$ROOT" "$BIN" "$APT_DIR/debs"
# One madison and one download for all pins: each apt call rebuilds its cache from the lists (no
# pkgcache), which costs seconds.
packages=()
for pin in "${PINS[@]}"; do packages+=("${pin%% *}"); done
madison="$(apt_ apt-cache madison "${packages[@]}")"
downloads=()
for pin in "${PINS[@]}"; do
  read -r package suite upstream <<<"$pin"
  # madison: "package | version | url suite/main arch Packages"; newest revision of the upstream version.
  version="$(awk -F' *[|] *' -v p="$package" -v s=" $suite/" -v u="$upstream" \
    '{ name = $1; gsub(/ /, "", name) } name == p && index($3, s) && (u == "*" || index($2, u "+") == 1 || index($2, u "-") == 1) {print $2; exit}' \
    <<<"$madison")"
  if [ -z "$version" ]; then
    echo "install-tools: $package $upstream is not in $suite; it has:" >&2
    apt_ apt-cache madison "$package" >&2
    exit 1
  fi
  echo "install-tools: $package $version ($suite)"
  downloads+=("$package=$version")
done
(cd "$APT_DIR/debs" && apt_ apt-get download -qq "${downloads[@]}")
for deb in "$APT_DIR"/debs/*.deb; do
  dpkg-deb -x "$deb" "$ROOT"
done
for link in "${LINKS[@]}"; do
  read -r name target <<<"$link"
  usable "$ROOT/$target" || { echo "install-tools: $target not found in the packages" >&2; exit 1; }
  ln -s "../root/$target" "$BIN/$name"
done
# Every linked binary must find its libraries: in the system or in the unpacked ones. A base system
# without one fails here, naming it, rather than in a test.
missing="$(for link in "${LINKS[@]}"; do
  read -r name target <<<"$link"
  case "$name" in *.jar) continue ;; esac # Java bytecode: the JVM loads it, no ldd
  LD_LIBRARY_PATH="$ROOT/$PRIVATE_LIBS" ldd "$ROOT/$target" 2>/dev/null | awk -v b="$name" '/not found/ {print b ": " $1}'
done)"
[ -z "$missing" ] || { echo "install-tools: missing libraries (add their bookworm packages to PINS):" >&2; echo "$missing" >&2; exit 1; }
# mariadbd, redis and the script that starts mariadbd run with the unpacked libraries; the MariaDB
# ones also get --basedir (last, after the caller's options: mariadbd wants --no-defaults first), as
# they look for their share/ files under the compiled-in /usr. exec keeps the caller's PID, and
# argv[0] stays the target path (redis-server is a multi-call binary that reads it).
for wrapped in "mariadbd --basedir" "mariadb-install-db --basedir" "redis-server" "redis-cli"; do
  read -r name basedir <<<"$wrapped"
  target="$(readlink "$BIN/$name")"
  rm "$BIN/$name"
  {
    echo '#!/bin/sh'
    echo 'root="$(cd "$(dirname "$0")/../root" && pwd)"'
    echo 'LD_LIBRARY_PATH="$root/'"$PRIVATE_LIBS"'${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" && export LD_LIBRARY_PATH'
    echo 'exec "$root/'"${target#../root/}"'" "$@"'"${basedir:+ $basedir=\"\$root/usr\"}"
  } > "$BIN/$name"
  chmod +x "$BIN/$name"
done
# Debian's alertmanager does not embed its default notification templates: it reads them from the
# fixed path /usr/share/prometheus/alertmanager/, which only an installed package provides. So
# tools/bin/alertmanager runs the unpacked binary in a private mount namespace where tools/root's
# usr/share is overlaid (read-only) on /usr/share; nothing is mounted outside that process. Each
# step execs, so the PID a caller gets is the alertmanager's own (stopping it by PID works).
rm "$BIN/alertmanager"
cat > "$BIN/alertmanager" <<'WRAP'
#!/bin/sh
root="$(cd "$(dirname "$0")/../root" && pwd)"
[ "$(id -u)" = 0 ] || user=--map-root-user
exec unshare $user --mount --propagation private -- /bin/sh -c \
  'mount -t overlay overlay -o "ro,lowerdir=$0/usr/share:/usr/share" /usr/share && exec "$0/usr/bin/prometheus-alertmanager" "$@"' \
  "$root" "$@"
WRAP
chmod +x "$BIN/alertmanager"
rm -rf "$APT_DIR/debs" "$APT_DIR/cache/archives"
echo "$wanted" > "$ROOT/.installed-by"
# Swap the staging copy in: two renames each, so tools/bin is missing only between them.
rm -rf "$TOOLS_DIR/.old"
mkdir -p "$TOOLS_DIR/.old"
[ ! -e "$LIVE_ROOT" ] || mv "$LIVE_ROOT" "$TOOLS_DIR/.old/root"
mv "$ROOT" "$LIVE_ROOT"
[ ! -e "$LIVE_BIN" ] || mv "$LIVE_BIN" "$TOOLS_DIR/.old/bin"
mv "$BIN" "$LIVE_BIN"
rm -rf "$TOOLS_DIR/.old" "$STAGING"
echo "install-tools: installed into tools/bin: $(ls "$LIVE_BIN" | tr '\n' ' ')"
