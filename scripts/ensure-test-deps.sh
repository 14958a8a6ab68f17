#!/usr/bin/env bash
# Makes sure what the tests need is on this machine: a JDK 17+, bubblewrap with util-linux's
# setpriv and prlimit (the tenant sandboxes), and a PostgreSQL answering on 127.0.0.1:5432 with
# trust auth and a database "test"; rsyslog with its GnuTLS driver and openssl (the audit module's
# syslog shipper is tested against a real rsyslogd with a TLS listener). Installs from Debian's
# packages when missing. Later issues add their OS packages (chromium, ...) here.
set -euo pipefail

log() { echo "[ensure-test-deps] $*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v java >/dev/null 2>&1; then
  log "installing a JDK"
  apt_install openjdk-17-jdk-headless
fi

# The sandbox-runner tests start real sandboxes: bubblewrap, setpriv and prlimit (util-linux),
# and perl (Debian-essential) for their probes.
sandbox_pkgs=()
command -v bwrap >/dev/null 2>&1 || sandbox_pkgs+=(bubblewrap)
{ command -v setpriv >/dev/null 2>&1 && command -v prlimit >/dev/null 2>&1; } || sandbox_pkgs+=(util-linux)
command -v perl >/dev/null 2>&1 || sandbox_pkgs+=(perl-base)
if [ ${#sandbox_pkgs[@]} -gt 0 ]; then
  log "installing ${sandbox_pkgs[*]}"
  apt_install "${sandbox_pkgs[@]}"
fi
log "bubblewrap $(bwrap --version 2>/dev/null | awk '{print $2}') present"

# The audit syslog tests start their own unprivileged rsyslogd (imtcp + gtls driver, high port,
# own pid and work dirs); the system's rsyslog service is neither needed nor started.
syslog_pkgs=()
command -v rsyslogd >/dev/null 2>&1 || syslog_pkgs+=(rsyslog)
compgen -G '/usr/lib/*/rsyslog/lmnsd_gtls.so' >/dev/null || syslog_pkgs+=(rsyslog-gnutls)
command -v openssl >/dev/null 2>&1 || syslog_pkgs+=(openssl)
if [ ${#syslog_pkgs[@]} -gt 0 ]; then
  log "installing ${syslog_pkgs[*]}"
  apt_install "${syslog_pkgs[@]}"
fi
log "rsyslogd $(rsyslogd -v 2>/dev/null | awk 'NR==1 {print $2}') with its GnuTLS driver present"

pg_answers() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if ! pg_answers; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    log "installing PostgreSQL"
    apt_install postgresql
  fi
  ver=$(ls /etc/postgresql | sort -V | tail -n 1)
  conf=/etc/postgresql/$ver/main
  # Tests connect over TCP without a password: trust on loopback only.
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$conf/pg_hba.conf"
  fi
  log "starting PostgreSQL $ver"
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
  for _ in $(seq 1 30); do pg_answers && break; sleep 1; done
  pg_answers || { log "PostgreSQL did not start"; exit 1; }
fi

if command -v psql >/dev/null 2>&1; then
  if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname='test'" 2>/dev/null | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test" 2>/dev/null || true
  fi
fi
log "PostgreSQL answers on 127.0.0.1:5432"
