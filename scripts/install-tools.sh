#!/usr/bin/env bash
# Installs the real Prometheus tools the tests run (promtool, prometheus, alertmanager, amtool,
# node_exporter, blackbox_exporter) into tools/, at the versions closest to the deployed images,
# from Debian's archive. Nothing global changes: apt runs with a private config, sources list,
# lists and cache under tools/apt/, and the .debs are only unpacked (dpkg-deb -x) into tools/root/;
# no package is installed and no service is started. tools/bin/ gets symlinks under upstream names.
# Idempotent: returns at once when tools/ already holds exactly these pins.
set -euo pipefail
SCRIPT="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$SCRIPT")/.."

# The only place the versions are pinned: "package suite upstream-version" (the Debian revision is
# resolved from the suite's index at install time, so a rebuild in sid does not break the script).
# Deployed images: prometheus v3.5.0, alertmanager v0.28.1, node-exporter v1.9.1, blackbox v0.27.0.
PINS=(
  "prometheus sid 3.5.3"                     # prometheus (Debian's 3.5.x LTS)
  "promtool sid 3.5.3"                       # promtool ships in its own package
  "prometheus-alertmanager trixie 0.28.1"    # alertmanager and amtool
  "prometheus-node-exporter trixie 1.9.0"    # closest to v1.9.1 (sid has 1.11)
  "prometheus-blackbox-exporter trixie 0.26.0" # v0.27.0 is in neither; 0.26 (trixie) vs 0.28 (sid)
)
# tools/bin name -> path inside the unpacked packages (Debian renames some binaries).
LINKS=(
  "prometheus usr/bin/prometheus"
  "promtool usr/bin/promtool"
  "alertmanager usr/bin/prometheus-alertmanager"
  "amtool usr/bin/amtool"
  "node_exporter usr/bin/prometheus-node-exporter"
  "blackbox_exporter usr/bin/prometheus-blackbox-exporter"
)

TOOLS_DIR="$PWD/tools"
APT_DIR="$TOOLS_DIR/apt"
ROOT="$TOOLS_DIR/root"
BIN="$TOOLS_DIR/bin"
STAMP="$ROOT/.installed-by"
# The stamp is this script's checksum: changing a pin (or the script) reinstalls.
wanted="$(sha256sum < "$SCRIPT")"

installed() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ] || return 1
  local link name
  for link in "${LINKS[@]}"; do
    name="${link%% *}"
    [ -x "$BIN/$name" ] || return 1
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

rm -rf "$ROOT" "$BIN" "$APT_DIR/debs"
mkdir -p "$ROOT" "$BIN" "$APT_DIR/debs"
for pin in "${PINS[@]}"; do
  read -r package suite upstream <<<"$pin"
  # madison: "package | version | url suite/main arch Packages"; newest revision of the upstream version.
  version="$(apt_ apt-cache madison "$package" | awk -F' *[|] *' -v s=" $suite/" -v u="$upstream" \
    'index($3, s) && (index($2, u "+") == 1 || index($2, u "-") == 1) {print $2; exit}')"
  if [ -z "$version" ]; then
    echo "install-tools: $package $upstream is not in $suite; it has:" >&2
    apt_ apt-cache madison "$package" >&2
    exit 1
  fi
  echo "install-tools: $package $version ($suite)"
  (cd "$APT_DIR/debs" && apt_ apt-get download -qq "$package=$version")
done
for deb in "$APT_DIR"/debs/*.deb; do
  dpkg-deb -x "$deb" "$ROOT"
done
for link in "${LINKS[@]}"; do
  read -r name target <<<"$link"
  [ -x "$ROOT/$target" ] || { echo "install-tools: $target not found in the packages" >&2; exit 1; }
  ln -s "../root/$target" "$BIN/$name"
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
echo "$wanted" > "$STAMP"
echo "install-tools: installed into tools/bin: $(ls "$BIN" | tr '\n' ' ')"
