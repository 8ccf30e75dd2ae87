package gui

import (
	"bytes"
	"sync"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"

	"baosou/assets"
)

// The bundled font is a subset (see package assets); Fyne 2.7 draws any
// other character with an installed font that has it, found per character
// through go-text's fontscan. A character that no font has (CJK Extension B
// on most machines) draws as �. The article view says how many of those an
// article has, so a reader knows a character is missing rather than garbled
// in the source, and the README says which fonts supply them.

var (
	bundledFace = sync.OnceValue(func() *font.Face {
		f, err := font.ParseTTF(bytes.NewReader(assets.FontRegular))
		if err != nil {
			return nil
		}
		return f
	})
	systemFonts = sync.OnceValue(func() *fontscan.FontMap {
		fm := fontscan.NewFontMap(nil)
		if err := fm.UseSystemFonts(""); err != nil { // the index Fyne keeps too
			return nil
		}
		fm.SetQuery(fontscan.Query{Families: []string{fontscan.SansSerif}})
		return fm
	})
	systemMu sync.Mutex // a FontMap is not safe for concurrent use
	drawable sync.Map   // rune -> bool, for the characters the bundle lacks
)

// systemHas reports whether an installed font has r; tests replace it.
var systemHas = func(r rune) bool {
	systemMu.Lock()
	defer systemMu.Unlock()
	fm := systemFonts()
	if fm == nil {
		return false
	}
	face := fm.ResolveFace(r)
	if face == nil {
		return false
	}
	_, ok := face.NominalGlyph(r)
	return ok
}

// missingGlyphs counts the characters of s, each once, that neither the
// bundled font nor an installed one can draw. Only wide (CJK) characters are
// checked: Fyne's own fonts cover the rest.
func missingGlyphs(s string) int {
	b := bundledFace()
	seen := map[rune]bool{}
	n := 0
	for _, r := range s {
		if r < 0x2E80 || seen[r] {
			continue
		}
		seen[r] = true
		if b != nil {
			if _, ok := b.NominalGlyph(r); ok {
				continue
			}
		}
		ok, known := drawable.Load(r)
		if !known {
			ok = systemHas(r)
			drawable.Store(r, ok)
		}
		if !ok.(bool) {
			n++
		}
	}
	return n
}
