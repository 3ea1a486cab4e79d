#!/usr/bin/env bash
# Checks the widget on a real WordPress: Debian's wordpress package (6.1) with Apache, PHP and
# MariaDB, on loopback only, with the twentytwentythree theme. It
#   1. installs the packages if missing (apt-get), and a fresh site in $NVP_WP_DIR;
#   2. shows that, without the plugin, WordPress strips <node-vs-python> from Authors' and
#      Contributors' posts (the check would prove nothing otherwise);
#   3. installs the packaged plugin (scripts/package-wordpress.sh) as an administrator would
#      and activates it;
#   4. saves a post as a Contributor and publishes one as an Author through the REST API, with
#      the element, the div form, the shortcode and the block, and checks all four widgets in
#      Chromium (options applied, no console errors, files from the site);
#   5. points the plugin at a second origin standing in for a CDN, configured with the Apache
#      snippet from docs/embedding.md, with embed.js.sri as the integrity, and checks again;
#   6. logs in as the Author and checks the editor offers the block.
#
# Not part of scripts/test.sh: it needs root (packages, services running as www-data and mysql)
# and a few minutes. Run it on a throwaway Debian 12 machine or container, after
# `trunk build --release` and `npm ci`:
#   sudo bash scripts/wordpress-check.sh
# NVP_WP_KEEP=1 leaves the site running (http://127.0.0.1:$NVP_WP_PORT/, user admin; the
# passwords are in $NVP_WP_DIR/users.json). Nothing outside $NVP_WP_DIR is changed except the
# packages and /etc/wordpress/config-nvpcheck.php (used only by this check's Apache and CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=${NVP_WP_DIR:-/tmp/nvp-wordpress-check}
PORT=${NVP_WP_PORT:-8480}
CDN_PORT=${NVP_WP_CDN_PORT:-8481}
SITE=http://127.0.0.1:$PORT
CDN=http://127.0.0.1:$CDN_PORT/nvp/
CONFIG=/etc/wordpress/config-nvpcheck.php

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { echo "wordpress-check: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (it installs packages and starts Apache and MariaDB)"
[ -f dist/embed-manifest.json ] || die "dist/embed-manifest.json is missing: run trunk build --release first"
[ -d node_modules/playwright-core ] || die "node_modules is missing: run npm ci first"
[ -x /usr/bin/chromium ] || die "Debian Chromium is missing: apt-get install chromium"

say "packages"
PACKAGES=(wordpress wordpress-theme-twentytwentythree apache2 libapache2-mod-php php-mysql mariadb-server)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
dpkg-query -W -f='${Package} ${Version}\n' wordpress apache2 php8.2-cli libapache2-mod-php8.2 mariadb-server

stop() {
  [ -f "$STATE/apache.conf" ] && /usr/sbin/apache2 -f "$STATE/apache.conf" -k stop >/dev/null 2>&1 || true
  if [ -f "$STATE/run/mysqld.pid" ]; then
    kill "$(cat "$STATE/run/mysqld.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [ -e "$STATE/run/mysqld.pid" ] || break; sleep 0.2; done
  fi
  sleep 0.5
}
stop
if [ "${NVP_WP_KEEP:-0}" != 1 ]; then trap stop EXIT; fi

say "a fresh site in $STATE"
rm -rf "$STATE"
mkdir -p "$STATE"/{mysql,run,wp-content/plugins,wp-content/themes,wp-content/uploads,cdn/nvp}
ln -s /usr/share/wordpress/wp-content/themes/twentytwentythree "$STATE/wp-content/themes/"
chown -R mysql:mysql "$STATE/mysql" "$STATE/run"
chmod 755 "$STATE" "$STATE/run"

# MariaDB on a private socket, no TCP port.
mariadb-install-db --user=mysql --datadir="$STATE/mysql" --auth-root-authentication-method=socket >"$STATE/mysql-install.log" 2>&1
/usr/sbin/mariadbd --user=mysql --datadir="$STATE/mysql" --socket="$STATE/run/mysqld.sock" \
  --pid-file="$STATE/run/mysqld.pid" --skip-networking --log-error="$STATE/mysqld.log" >>"$STATE/mysqld.log" 2>&1 &
for _ in $(seq 100); do [ -S "$STATE/run/mysqld.sock" ] && break; sleep 0.2; done
[ -S "$STATE/run/mysqld.sock" ] || die "MariaDB did not start (see $STATE/mysqld.log)"
DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
mariadb --socket="$STATE/run/mysqld.sock" -u root <<SQL
CREATE DATABASE wordpress;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
SQL

salt() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
cat >"$CONFIG" <<PHP
<?php
// Written by node-vs-python's scripts/wordpress-check.sh for its throwaway site.
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost:$STATE/run/mysqld.sock');
define('WP_HOME', '$SITE');
define('WP_SITEURL', '$SITE');
define('WP_CONTENT_DIR', '$STATE/wp-content');
define('WP_CONTENT_URL', '$SITE/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local'); // application passwords over plain http on loopback
define('WP_HTTP_BLOCK_EXTERNAL', true); // the machine is offline: no calls to wordpress.org
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('AUTH_KEY', '$(salt)'); define('SECURE_AUTH_KEY', '$(salt)'); define('LOGGED_IN_KEY', '$(salt)');
define('NONCE_KEY', '$(salt)'); define('AUTH_SALT', '$(salt)'); define('SECURE_AUTH_SALT', '$(salt)');
define('LOGGED_IN_SALT', '$(salt)'); define('NONCE_SALT', '$(salt)');
PHP
chmod 640 "$CONFIG"
chgrp www-data "$CONFIG"

# The CDN's Apache settings are the guide's own snippet, so following the guide is what is checked.
CDN_SNIPPET=$(awk '/<!-- check:apache -->/{f=1; next} f && /^```apache/{next} f && /^```/{exit} f' docs/embedding.md)
[ -n "$CDN_SNIPPET" ] || die "docs/embedding.md lost its Apache snippet (marked <!-- check:apache -->)"
M=/usr/lib/apache2/modules
cat >"$STATE/apache.conf" <<CONF
ServerName 127.0.0.1
DefaultRuntimeDir $STATE/run
PidFile $STATE/run/apache.pid
Mutex file:$STATE/run default
User www-data
Group www-data
ErrorLog $STATE/apache-error.log
LogLevel warn
Listen 127.0.0.1:$PORT
Listen 127.0.0.1:$CDN_PORT
LoadModule mpm_prefork_module $M/mod_mpm_prefork.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule dir_module $M/mod_dir.so
LoadModule mime_module $M/mod_mime.so
LoadModule alias_module $M/mod_alias.so
LoadModule env_module $M/mod_env.so
LoadModule headers_module $M/mod_headers.so
LoadModule php_module $M/libphp8.2.so
TypesConfig /etc/mime.types
DirectoryIndex index.php index.html
<FilesMatch "\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
<Directory />
  AllowOverride None
  Require all denied
</Directory>

<VirtualHost 127.0.0.1:$PORT>
  DocumentRoot /usr/share/wordpress
  SetEnv WORDPRESS_CONFIG nvpcheck
  Alias /wp-content $STATE/wp-content
  <Directory /usr/share/wordpress>
    Require all granted
  </Directory>
  <Directory $STATE/wp-content>
    Require all granted
  </Directory>
</VirtualHost>

<VirtualHost 127.0.0.1:$CDN_PORT>
  DocumentRoot $STATE/cdn
  <Directory $STATE/cdn>
    Require all granted
$CDN_SNIPPET
  </Directory>
</VirtualHost>
CONF
/usr/sbin/apache2 -f "$STATE/apache.conf" -k start
for _ in $(seq 50); do curl -fs -o /dev/null "$SITE/wp-login.php" 2>/dev/null && break; sleep 0.2; done

php scripts/wordpress-check/site.php install "$SITE" >"$STATE/users.json"
chmod 600 "$STATE/users.json"
echo "WordPress $(php -r 'include "/usr/share/wordpress/wp-includes/version.php"; echo $wp_version;') at $SITE, theme twentytwentythree, users admin, author, contributor"

say "without the plugin"
node scripts/wordpress-check/check.mjs control "$SITE" "$STATE/users.json"

say "the plugin"
bash scripts/package-wordpress.sh
unzip -q target/wordpress/node-vs-python.zip -d "$STATE/wp-content/plugins/"
chown -R www-data:www-data "$STATE/wp-content"
php scripts/wordpress-check/site.php activate "$SITE"
node scripts/wordpress-check/check.mjs post "$SITE" "$STATE/users.json"

say "files from a CDN on another origin"
node -e 'for (const f of JSON.parse(require("fs").readFileSync("dist/embed-manifest.json", "utf8")).files) console.log(f)' |
  while read -r file; do cp "dist/$file" "$STATE/cdn/nvp/"; done
curl -fsI -H "Origin: $SITE" "${CDN}embed.js" | grep -i '^access-control-allow-origin' ||
  die "the CDN does not send Access-Control-Allow-Origin with the guide's Apache snippet"
php scripts/wordpress-check/site.php use-cdn "$SITE" "$CDN" "$(cat dist/embed.js.sri)"
node scripts/wordpress-check/check.mjs cdn "$SITE" "$STATE/users.json" "$CDN"

say "the block editor"
node scripts/wordpress-check/check.mjs editor "$SITE" "$STATE/users.json"

say "wordpress-check passed"
[ "${NVP_WP_KEEP:-0}" = 1 ] && echo "The site keeps running at $SITE (passwords in $STATE/users.json)."
exit 0
