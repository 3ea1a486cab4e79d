#!/usr/bin/env bash
# Packages the WordPress plugin with this build's widget files:
#   target/wordpress/node-vs-python/      the plugin folder (integrations/wordpress/ + dist files)
#   target/wordpress/node-vs-python.zip   upload it under Plugins → Add New → Upload Plugin
# Run `trunk build --release` first; DIST=path overrides the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${DIST:-dist}"
OUT=target/wordpress
manifest="$DIST/embed-manifest.json"
[ -f "$manifest" ] || { echo "package-wordpress: $manifest is missing; run trunk build --release first" >&2; exit 1; }

rm -rf "$OUT/node-vs-python" "$OUT/node-vs-python.zip"
mkdir -p "$OUT"
cp -R integrations/wordpress/node-vs-python "$OUT/"
rm -f "$OUT/node-vs-python/widget/README.md"
node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); for (const f of [...m.files, ...(m.reports ?? [])]) console.log(f)' "$manifest" |
  while read -r file; do cp "$DIST/$file" "$OUT/node-vs-python/widget/"; done
cp "$DIST/embed.js.sri" "$OUT/node-vs-python/widget/"
(cd "$OUT" && python3 -m zipfile -c node-vs-python.zip node-vs-python/)
echo "package-wordpress: $OUT/node-vs-python.zip ($(du -k "$OUT/node-vs-python.zip" | cut -f1) KB)"
