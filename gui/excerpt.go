package gui

import (
	"strings"
	"unicode"

	"fyne.io/fyne/v2"

	"baosou/index"
	"baosou/index/cite"
)

// Excerpt limits, in code points: a sentence shorter than minSentence takes its
// neighbour along; OCR text without punctuation is cut to a window of maxExcerpt.
const (
	minSentence = 16
	maxExcerpt  = 240
)

// cnDate renders a stored date the way a citation prints it: 2020-02-28 is
// 2020年2月28日, --02-24 (year unknown) is 2月24日; anything else comes back as is.
func cnDate(date string) string {
	return cite.ChineseDate(date)
}

// prefCiteStyle is the Preferences key of the citation style ("plain" or
// "gbt7714") that every copy action uses.
const prefCiteStyle = "citeStyle"

// citeStyle is the style the user chose in 编辑 → 出处格式, plain until then.
// It is read from the current app's Preferences at each copy, so the copy
// actions, which know only the article, follow the choice at once.
func citeStyle() cite.Style {
	a := fyne.CurrentApp()
	if a == nil {
		return cite.Plain
	}
	s, err := cite.ParseStyle(a.Preferences().StringWithFallback(prefCiteStyle, cite.Plain.String()))
	if err != nil {
		return cite.Plain
	}
	return s
}

// citation is the line that follows copied text, in the chosen style:
// ——《标题》，《焦作日报》2020年2月28日第3版，记者郭树勋 (see package cite).
func citation(d *index.Doc) string {
	return cite.FromDoc(d).Format(citeStyle())
}

// citationOnly is the citation as "copy citation only" puts it on the
// clipboard: without the dash that attaches it to a quotation.
func citationOnly(d *index.Doc) string {
	return strings.TrimPrefix(citation(d), "——")
}

// withCitation joins copied text and its citation the way every copy action does.
func withCitation(text string, d *index.Doc) string {
	return strings.TrimSpace(text) + "\n" + citation(d)
}

// articleText is the whole article as "copy article" puts it on the
// clipboard: its headline with the kicker and subtitle the page printed
// around it, then its paragraphs.
func articleText(d *index.Doc) string {
	var b strings.Builder
	for _, h := range []string{d.Kicker, d.Title, d.Subtitle} {
		if h, _ = squeezeSpaces(h, nil); h != "" {
			b.WriteString(h)
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
	for _, p := range strings.Split(d.Body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString(p)
			b.WriteString("\n")
		}
	}
	return withCitation(b.String(), d)
}

// isStop reports whether r ends a sentence. A paragraph break ends one too.
func isStop(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '\n':
		return true
	}
	return false
}

// isCloser reports whether r belongs to the sentence before it (”」』）).
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '》', '"':
		return true
	}
	return false
}

// sentenceStart is the first code point of the sentence holding position i.
func sentenceStart(t []rune, i int) int {
	for i > 0 && !isStop(t[i-1]) && !(isCloser(t[i-1]) && i > 1 && isStop(t[i-2])) {
		i--
	}
	return i
}

// sentenceEnd is one past the last code point of the sentence holding position i,
// its stop and closing quotes included.
func sentenceEnd(t []rune, i int) int {
	for i < len(t) && !isStop(t[i]) {
		i++
	}
	if i < len(t) && t[i] != '\n' {
		i++
	}
	for i < len(t) && isCloser(t[i]) {
		i++
	}
	return i
}

// excerpt is the sentence of body around span sp, with the next sentence of
// the same paragraph too when it is short. Without a span it is the lead.
func excerpt(body string, sp index.Span, ok bool) string {
	t := []rune(body)
	if !ok {
		sp = index.Span{}
	}
	if sp.Start < 0 || sp.Start > len(t) || sp.End < sp.Start || sp.End > len(t) {
		return ""
	}
	start := sentenceStart(t, sp.Start)
	last := sp.End - 1
	if last < sp.Start {
		last = sp.Start
	}
	end := sentenceEnd(t, last)
	if end-start < minSentence && end < len(t) && t[end] != '\n' {
		end = sentenceEnd(t, end)
	}
	if end-start > maxExcerpt { // no punctuation nearby: a window around the match
		return window(t, sp, start, end)
	}
	return strings.TrimFunc(string(t[start:end]), unicode.IsSpace)
}

// window cuts [start, end) down to maxExcerpt code points centred on sp,
// marking each cut with an ellipsis.
func window(t []rune, sp index.Span, start, end int) string {
	lo := sp.Start - (maxExcerpt-(sp.End-sp.Start))/2
	if lo < start {
		lo = start
	}
	hi := lo + maxExcerpt
	if hi > end {
		hi, lo = end, max(start, end-maxExcerpt)
	}
	s := strings.TrimFunc(string(t[lo:hi]), unicode.IsSpace)
	if lo > start {
		s = "…" + s
	}
	if hi < end {
		s += "…"
	}
	return s
}
