#!/bin/sh
# Regenerate fonts/fandol/FandolFang-Regular.ttf on a Debian machine.
#
# Downloads Debian's texlive-lang-chinese package (no root needed, nothing is installed),
# unpacks it into a temporary directory and converts FandolFang-Regular.otf (CFF outlines,
# which Chromium embeds in PDFs as Type 3) to TrueType outlines (embedded as CID TrueType)
# with scripts/make-fandol-ttf.mjs. Run `apt-get update` first if the package list is stale.
#
# Usage: scripts/fetch-fandol.sh [--keep]   (--keep leaves the temporary directory in place)
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fandol.XXXXXX")
if [ "${1:-}" != "--keep" ]; then
  trap 'rm -rf "$tmp"' EXIT
fi

cd "$tmp"
apt-get download texlive-lang-chinese
deb=$(ls texlive-lang-chinese_*_all.deb)
dpkg -x "$deb" ex
echo "unpacked $deb into $tmp/ex"

fandol=ex/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
ls -l "$fandol"
echo "license/readme: $tmp/ex/usr/share/doc/texlive-doc/fonts/fandol/{README,COPYING.gz}"

cd "$repo"
node scripts/make-fandol-ttf.mjs "$tmp/ex" fonts/fandol/FandolFang-Regular.ttf
node scripts/make-fandol-ttf.mjs "$tmp/$fandol/FandolKai-Regular.otf" fonts/fandol/FandolKai-Regular.ttf
# The radicals that share an ideograph's glyph would copy out of the PDF instead of it (issue 19).
node scripts/drop-shared-radicals.mjs fonts/fandol/FandolFang-Regular.ttf
node scripts/drop-shared-radicals.mjs fonts/fandol/FandolKai-Regular.ttf
