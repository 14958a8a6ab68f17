#!/usr/bin/env bash
# Prepares a throw-away rsyslogd for the audit syslog tests: a CA and a server certificate for
# 127.0.0.1/localhost (openssl), and a config with one TLS listener (imtcp + gtls driver,
# RFC 5425 octet-counted framing) on a high port that writes every received message, as rsyslog
# parsed it, to DIR/out/messages.jsonl. The test then runs `rsyslogd -n -f DIR/rsyslog.conf
# -i DIR/rsyslogd.pid` (unprivileged). Usage: rsyslog-tls-fixture.sh DIR PORT
set -euo pipefail
dir=$1
port=$2
command -v rsyslogd >/dev/null || { echo "rsyslogd is not installed (scripts/ensure-test-deps.sh installs it)" >&2; exit 3; }
compgen -G '/usr/lib/*/rsyslog/lmnsd_gtls.so' >/dev/null \
  || { echo "rsyslog's GnuTLS driver is not installed (package rsyslog-gnutls)" >&2; exit 3; }
mkdir -p "$dir/work" "$dir/out"
cd "$dir"
if [ ! -f ca.pem ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=OrgVault audit test CA" -keyout ca.key -out ca.pem 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/CN=localhost" -keyout server.key -out server.csr 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile server.ext -out server.pem 2>/dev/null
fi
cat > rsyslog.conf <<CONF
global(
  workDirectory="$dir/work"
  maxMessageSize="64k"
  defaultNetstreamDriver="gtls"
  defaultNetstreamDriverCAFile="$dir/ca.pem"
  defaultNetstreamDriverCertFile="$dir/server.pem"
  defaultNetstreamDriverKeyFile="$dir/server.key"
)
module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
input(type="imtcp" address="127.0.0.1" port="$port")
template(name="parsed" type="list" option.jsonf="on") {
  property(outname="pri" name="pri" format="jsonf")
  property(outname="timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
  property(outname="hostname" name="hostname" format="jsonf")
  property(outname="app" name="app-name" format="jsonf")
  property(outname="procid" name="procid" format="jsonf")
  property(outname="msgid" name="msgid" format="jsonf")
  property(outname="sd" name="structured-data" format="jsonf")
  property(outname="msg" name="msg" format="jsonf")
  property(outname="raw" name="rawmsg" format="jsonf")
}
if \$inputname == "imtcp" then {
  action(type="omfile" file="$dir/out/messages.jsonl" template="parsed")
}
CONF
# The daemon runs as nobody when the tests run as root: it must read its keys and write its dirs.
if [ "$(id -u)" = 0 ]; then
  chown -R nobody:nogroup "$dir"
fi
