package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"baosou/assets"
)

// The bundled fonts and icon, wrapped once as Fyne resources.
var (
	fontRegular = fyne.NewStaticResource("NotoSansCJKsc-Regular-subset.otf", assets.FontRegular)
	fontBold    = fyne.NewStaticResource("NotoSansCJKsc-Bold-subset.otf", assets.FontBold)
	appIcon     = fyne.NewStaticResource("icon.png", assets.Icon)
)

// Text scale limits and step for Ctrl+= / Ctrl+-; the scale is kept in Preferences.
const (
	prefTextScale = "textScale"
	minTextScale  = 0.7
	maxTextScale  = 2.0
	textScaleStep = 0.1
)

// baosouTheme draws every text with the bundled CJK font, scales text by the
// user's choice and leaves colours to the default theme, so light and dark
// follow the system.
type baosouTheme struct {
	scale float32
}

func newTheme(scale float32) *baosouTheme {
	return &baosouTheme{scale: clampScale(scale)}
}

func clampScale(s float32) float32 {
	switch {
	case s <= 0:
		return 1
	case s < minTextScale:
		return minTextScale
	case s > maxTextScale:
		return maxTextScale
	}
	return s
}

func (t *baosouTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}

// Font returns the bundled font for every style but Symbol. Monospace and italic
// get the CJK font too: Fyne's own monospace font has no Chinese, and Chinese
// has no italic.
func (t *baosouTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return fontBold
	}
	return fontRegular
}

func (t *baosouTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (t *baosouTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText,
		theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}
