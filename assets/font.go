package assets

import _ "embed"

// The desktop app draws Chinese with these fonts, so it works on a machine with
// no CJK font installed. They are Noto Sans CJK SC 2.004 (SIL OFL 1.1, see
// NotoSansCJK-LICENSE.txt), cut from the Debian package fonts-noto-cjk to Latin,
// CJK punctuation, full-width forms and the GB2312 plus common Big5 hanzi
// (about 9,500), which keeps each near 4 MB instead of 16; a rarer character
// falls back to the system's fonts. They are single OpenType fonts, not the .ttc
// collections Debian ships: Fyne 2.7 crashes on a collection. To remake them:
//
//	python3 -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
//	  --font-number=2 --unicodes-file=UNICODES --no-hinting --name-IDs='*' \
//	  --layout-features='kern,liga,locl,vert,halt,palt' \
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
