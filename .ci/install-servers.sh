#!/bin/sh
# Installs the real servers the test/servers corpus starts on loopback (nginx, Apache, Django with
# django-cors-headers, openssl), Chromium (HTML report, proof-of-concept and middleware browser tests)
# xmllint (JUnit XSD) and PostgreSQL (the store tests start a throwaway cluster). Idempotent. The corpus starts its own foreground processes in temp dirs,
# so the distribution's system daemons must not be left running on ports 80/443.
set -eu

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Keep apt from starting the packaged services (no policy-rc.d on most CI images).
policy_added=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  policy_added="yes"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  nginx apache2 python3-django python3-django-cors-headers openssl chromium libxml2-utils postgresql

if [ -n "$policy_added" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi

# If a service was running before (or the image ignores policy-rc.d), stop and disable it.
for svc in nginx apache2 postgresql; do
  if [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true
  elif [ -x "/etc/init.d/$svc" ]; then
    $SUDO "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
  fi
done

nginx -v
apache2 -v | head -n 1
/usr/bin/python3 -c 'import django, corsheaders; print("django", django.get_version())'
/usr/bin/chromium --version
xmllint --version 2>&1 | head -n 1
ls /usr/lib/postgresql/*/bin/initdb
