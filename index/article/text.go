package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitLines cuts text at every kind of line break: LF, CRLF, CR, form feed
// (pdftotext's page break), vertical tab, NEL and the Unicode line and
// paragraph separators. The lines are trimmed of surrounding white space.
func splitLines(text string) []string {
	lines := make([]string, 0, strings.Count(text, "\n")+1)
	if !strings.ContainsAny(text, "\r\f\v") && !strings.Contains(text, "\u0085") &&
		!strings.Contains(text, "\u2028") && !strings.Contains(text, "\u2029") { // the usual case, done faster
		for {
			i := strings.IndexByte(text, '\n')
			if i < 0 {
				return append(lines, strings.TrimFunc(text, isSpace))
			}
			lines = append(lines, strings.TrimFunc(text[:i], isSpace))
			text = text[i+1:]
		}
	}
	start := 0
	for i := 0; i < len(text); {
		c := text[i]
		n := 0 // length of the line break at i, 0 if none
		switch {
		case c == '\n' || c == '\f' || c == '\v':
			n = 1
		case c == '\r':
			n = 1
			if i+1 < len(text) && text[i+1] == '\n' {
				n = 2
			}
		case c == 0xC2 || c == 0xE2: // the lead bytes of NEL, U+2028 and U+2029
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == 0x85 || r == 0x2028 || r == 0x2029 {
				n = size
			}
		}
		if n == 0 {
			i++
			continue
		}
		lines = append(lines, strings.TrimFunc(text[start:i], isSpace))
		i += n
		start = i
	}
	return append(lines, strings.TrimFunc(text[start:], isSpace))
}

// isSpace reports white space, including the ideographic space U+3000 that
// OCR and full-width typesetting leave between characters.
func isSpace(r rune) bool {
	if r > 0x3000 { // the common case, a Chinese character, quickly
		return false
	}
	return unicode.IsSpace(r)
}

// isHan reports a Han character, the common ones quickly.
func isHan(r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF {
		return true
	}
	return r >= 0x3400 && unicode.Is(unicode.Han, r)
}

// isInvisible reports characters that carry no text and are dropped: control
// characters, zero-width spaces and byte-order marks.
func isInvisible(r rune) bool {
	switch r {
	case 0x200B, 0xFEFF:
		return true
	}
	return unicode.IsControl(r) && !isSpace(r)
}

// isCJK reports characters that Chinese text sets without spaces around them:
// Han, CJK punctuation, kana, bopomofo, and full-width forms.
func isCJK(r rune) bool {
	switch {
	case r < 0x2E80:
		return false
	case r >= 0x2E80 && r <= 0x31FF, // radicals, CJK punctuation, kana, bopomofo
		r >= 0xFE30 && r <= 0xFE4F, // CJK compatibility forms
		r >= 0xFF00 && r <= 0xFFEF: // full-width and half-width forms
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// repair removes the spaces OCR and PDF extraction put between Chinese
// characters: white space next to a CJK character goes, white space between
// two other characters (COVID 19) becomes one space. Invisible characters
// are dropped and the ends trimmed; nothing else changes.
func repair(s string) string {
	if !needsRepair(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(-1)
	space := false
	for _, r := range s {
		switch {
		case isSpace(r):
			space = prev >= 0
			continue
		case isInvisible(r):
			continue
		}
		if space && !isCJK(prev) && !isCJK(r) {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// needsRepair reports whether repair would change s. It looks at bytes, as
// decoding every rune of a long page is slow: white space and invisible
// characters are ASCII, or start with the bytes C2, E1, E2, E3 80 80 (U+3000)
// or EF BB BF (U+FEFF).
func needsRepair(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x21 || c == 0x7F:
			return true
		case c == 0xC2 || c == 0xE1 || c == 0xE2:
			if r, _ := utf8.DecodeRuneInString(s[i:]); isSpace(r) || isInvisible(r) {
				return true
			}
		case c == 0xE3 || c == 0xEF:
			if strings.HasPrefix(s[i:], "\u3000") || strings.HasPrefix(s[i:], "\uFEFF") {
				return true
			}
		}
	}
	return false
}

// lastRune and firstRune return utf8.RuneError for "".
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// endsParagraph reports whether a line ends with punctuation that may close
// a paragraph, so that a blank line after it is a paragraph break rather
// than a column break.
func endsParagraph(s string) bool {
	return strings.ContainsRune("。！？…；：”」』.!?;:\"．｡", lastRune(s)) && s != ""
}

// endsClause reports whether s ends like a sentence or clause, which a
// headline never does.
func endsClause(s string) bool {
	return strings.ContainsRune("。！？…；：，、.!?;:,．｡", lastRune(s)) && s != ""
}

// containsCJK reports whether s has a CJK character.
func containsCJK(s string) bool {
	for _, r := range s {
		if isCJK(r) {
			return true
		}
	}
	return false
}

// joinSpace reports whether two wrapped lines are joined with a space: only
// when the break falls between two Latin letters or digits in lines without
// Chinese (English text); Chinese lines join directly, digits included, as
// a number can wrap mid-way in a narrow column.
func joinSpace(prev, next string) bool {
	a, b := lastRune(prev), firstRune(next)
	if isCJK(a) || isCJK(b) || isSpace(a) || isSpace(b) {
		return false
	}
	return !containsCJK(prev) && !containsCJK(next)
}

// width is the printed width of s: 2 for each wide character (Han, kana,
// hangul, full-width forms, CJK punctuation, and “”—…, which Chinese type
// sets wide), 1 for others, so that lines of one column, digits or Latin
// letters included, come out about equal. White space counts as printed.
func width(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

// widthNoSpace is width without white space, for lines not yet repaired.
func widthNoSpace(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case isSpace(r):
		case wide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF,
		r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return true
	}
	return r == '“' || r == '”' || r == '—' || r == '…' || r == '‘' || r == '’'
}

// collapseSpace trims s and makes each run of white space in it one space.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, isSpace) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// runeCount counts the runes of s, stopping early once past limit, so that
// a length test on a huge line costs little.
func runeCount(s string, limit int) int {
	if len(s) <= limit {
		return utf8.RuneCountInString(s)
	}
	if len(s) > 4*limit+4 {
		return limit + 1
	}
	return utf8.RuneCountInString(s)
}

// prefix returns at most n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// truncate returns s cut to at most n runes, with … when cut.
func truncate(s string, n int) string {
	i := 0
	for j := range s {
		if i == n-1 {
			if utf8.RuneCountInString(s[j:]) > 1 {
				return s[:j] + "…"
			}
			return s
		}
		i++
	}
	return s
}
