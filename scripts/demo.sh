#!/usr/bin/env bash
# The demo: the kiosk in a window, with a staged camera showing the sample photos, delivering
# to a local WebDAV vault and printing receipts to a CUPS PDF printer. `./setup.sh demo`
# installs what it needs and runs this.
#
#   With a display: the kiosk window opens. Click "Start": the staged camera shows the demo's
#   pairing card, then one sample page after each capture. Close the window to stop.
#   Without one (no $DISPLAY): the same window runs for a few seconds under Xvfb to show that
#   it starts, then one whole session is driven headless with `kiosk simulate` on the same
#   parts, so the demo still ends with PDFs in the demo vault.
#
# Everything lives in out/demo/ (erased at each run): the vault's folder, the server's private
# config, the kiosk's config and state. The vault is Apache mod_dav on 127.0.0.1, laid out like
# a Nextcloud upload-only share (PUT only), reached through the link on the pairing card.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(realpath -m "${DEMO_OUT:-out/demo}")
port=${DEMO_VAULT_PORT:-18765}
token=DemoVault2026
link="http://localhost:$port/s/$token"
queue=KioskDemo
samples=$PWD/tests/data/samples

cargo build --locked -p kiosk-ui --bin kiosk
kiosk=$(realpath "${CARGO_TARGET_DIR:-target}/debug/kiosk")

rm -rf "$out"
mkdir -p "$out"/{vault,server/logs,server/run,server/locks,state,pages/1-identity-card}

# The vault: Apache with a private config, answering like a Nextcloud file drop.
server=$out/server
{
  echo "ServerRoot $server"
  echo "PidFile $server/run/httpd.pid"
  echo "Listen 127.0.0.1:$port"
  echo "ServerName localhost"
  for m in mpm_event authz_core alias dav dav_fs rewrite mime; do
    echo "LoadModule ${m}_module /usr/lib/apache2/modules/mod_$m.so"
  done
  [ "$(id -u)" -ne 0 ] || printf 'User www-data\nGroup www-data\n'
  echo "ErrorLog $server/logs/error.log"
  echo "LogLevel warn"
  echo "DAVLockDB $server/locks/lockdb"
  echo "DefaultRuntimeDir $server/run"
  echo "TypesConfig /dev/null"
  printf '<Directory />\n  Require all denied\n  AllowOverride None\n</Directory>\n'
  echo "Alias /public.php/dav/files/$token $out/vault"
  echo "<Directory $out/vault>"
  printf '  Dav On\n  Require all granted\n  RewriteEngine On\n'
  printf '  RewriteCond %%{REQUEST_METHOD} !^PUT$\n  RewriteRule .* - [R=405,L]\n'
  echo "</Directory>"
} >"$server/httpd.conf"
[ "$(id -u)" -ne 0 ] || chown -R www-data:www-data "$out/vault" "$server"
/usr/sbin/apache2 -f "$server/httpd.conf" -k start
stop_vault() { /usr/sbin/apache2 -f "$server/httpd.conf" -k stop 2>/dev/null || true; }
trap stop_vault EXIT
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

# The printer: a cups-pdf queue when CUPS can run here; otherwise the kiosk has no printer and
# skips the receipt screen.
printer=""
# (`lpstat -r` exits 0 either way: only its words tell whether the scheduler runs.)
scheduler_running() { [ "$(LC_ALL=C lpstat -r 2>/dev/null)" = "scheduler is running" ]; }
if command -v cupsd >/dev/null && [ "$(id -u)" -eq 0 ]; then
  if ! scheduler_running; then
    mkdir -p /run/cups && cupsd
    for _ in $(seq 50); do scheduler_running && break; sleep 0.1; done
  fi
  if lpadmin -p "$queue" -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd -E 2>/dev/null; then
    lpadmin -p "$queue" -o pdftops-renderer-default=pdftocairo
    printer="ipp://localhost:631/printers/$queue"
  fi
fi
[ -n "$printer" ] || echo "demo: no CUPS printer here; the kiosk runs without one" >&2

{
  echo 'site_name = "Demo kiosk"'
  echo 'languages = ["fr", "es", "en", "uk", "ar"]'
  echo '[vault]'
  echo 'allowed_connectors = ["nextcloud_share", "webdav"]'
  echo '# The demo vault is plain HTTP on this machine.'
  echo 'allow_insecure_http = true'
  if [ -n "$printer" ]; then
    echo '[printer]'
    echo "uri = \"$printer\""
  fi
} >"$out/kiosk.toml"

# The resident's pairing card, carrying the demo vault's link, and the pages to scan: a
# two-sided identity card, a payslip, a proof of address.
qrencode -s 8 -m 6 -o "$out/pairing-card.png" "$link"
ln -s "$samples/id-card-front-photo.jpg" "$out/pages/1-identity-card/1-front.jpg"
ln -s "$samples/id-card-back-photo.jpg" "$out/pages/1-identity-card/2-back.jpg"
ln -s "$samples/payslip-fr-photo.jpg" "$out/pages/2-payslip.jpg"
ln -s "$samples/proof-of-address-fr-photo.jpg" "$out/pages/3-proof-of-address.jpg"

# Session folders on RAM when the machine has /dev/shm, as on the device; the store with the
# demo's files.
export RUNTIME_DIRECTORY=/dev/shm/kiosk-demo STATE_DIRECTORY=$out/state
[ -w /dev/shm ] || RUNTIME_DIRECTORY=$out/sessions

window=("$kiosk" --config "$out/kiosk.toml" run --demo-pairing "$out/pairing-card.png"
  --demo-pages "$out/pages/1-identity-card" "$out/pages/2-payslip.jpg"
  "$out/pages/3-proof-of-address.jpg")

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: the kiosk window is open. Touch \"Start\", show nothing: the demo camera shows"
  echo "      the pairing card, then each page after each capture. Close the window to stop."
  "${window[@]}"
else
  display=:$((90 + RANDOM % 9))
  Xvfb "$display" -screen 0 800x480x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  trap 'stop_vault; kill $xvfb 2>/dev/null || true' EXIT
  sleep 1
  DISPLAY=$display "${window[@]}" 2>"$out/window.log" &
  shown=$!
  sleep 8
  if kill -0 "$shown" 2>/dev/null; then
    echo "demo: no display here; the kiosk window ran under Xvfb ($display) and is stopped now."
    kill "$shown"
    wait "$shown" 2>/dev/null || true
  else
    echo "demo: the kiosk window did not start under Xvfb:" >&2
    cat "$out/window.log" >&2
    exit 1
  fi
  echo "demo: one whole session, headless, on the same parts:"
  "$kiosk" --config "$out/kiosk.toml" simulate --pair-image "$out/pairing-card.png" \
    --frames "$out/pages" --vault-link "$link" ${printer:+--printer "$printer"} --json
fi

echo "demo: documents in the demo vault ($out/vault):"
ls -l "$out/vault"
if [ -n "$printer" ]; then
  echo "demo: receipts print as PDF files into ~/PDF (cups-pdf's folder for the account the kiosk runs as)."
fi
