package assets

import _ "embed"

// The desktop app draws Chinese with these fonts, so it works on a machine with
// no CJK font installed. They are Noto Sans CJK SC 2.004 (SIL OFL 1.1, see
// NotoSansCJK-LICENSE.txt), cut from the Debian package fonts-noto-cjk to Latin,
// CJK punctuation, full-width forms and the GB2312 plus common Big5 hanzi
// (about 9,500), without OpenType layout tables, which keeps each near 2 MB
// instead of 16; a rarer character falls back to the system's fonts. Layout
// tables are left out because Fyne 2.7 builds a HarfBuzz font, layout tables
// included, for every text it measures: with them, showing a page of results
// took 100-140 ms, without them 15-30 ms. Chinese text needs no shaping.
// They are single OpenType fonts, not the .ttc collections Debian ships:
// Fyne 2.7 crashes on a collection. To remake them:
//
//	python3 -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
//	  --font-number=2 --unicodes-file=UNICODES --no-hinting --name-IDs='*' \
//	  --layout-features='' --drop-tables+=GSUB,GPOS,GDEF \
//	  --output-file=NotoSansCJKsc-Regular-subset.otf
//
// and the same for Bold. The bytes are exposed plain rather than as
// fyne.Resource so that package index, which imports assets for the sample
// page, stays free of Fyne; package gui wraps them once.

// FontRegular is the regular weight of the bundled CJK font (OpenType/CFF).
//
//go:embed NotoSansCJKsc-Regular-subset.otf
var FontRegular []byte

// FontBold is the bold weight of the bundled CJK font, used for headlines.
//
//go:embed NotoSansCJKsc-Bold-subset.otf
var FontBold []byte

// FontLicense is the font's copyright notice and licence text.
//
//go:embed NotoSansCJK-LICENSE.txt
var FontLicense string

// Icon is the application icon, a 512×512 PNG: 报 on a red rounded square.
//
//go:embed icon.png
var Icon []byte
