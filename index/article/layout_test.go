package article

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// The layout set: the sample page's documents (parsed from testdata/seed.txt,
// never copied by hand) laid out again as other pages of the paper print
// them, which must all give the same documents back.

// layout is one way of printing the sample's documents.
type layout struct {
	width    int    // column width, in Chinese characters (two digits or letters make one)
	after    bool   // headlines printed after their articles
	headRows int    // lines a headline is wrapped over, 1-3
	kicker   bool   // a kicker (引题) above each headline
	subtitle bool   // a subtitle (副题, ——…) below each headline
	breaks   int    // a blank line (column break) after every breaks-th line of text, where mid-sentence; 0 = none
	captions []int  // where the caption stands: 0 = above the first article, k = after the k-th, -1 = at the end
	masthead bool   // the page opens with 2020年3月1日 星期日 第3版 要闻
	nl       string // line end
	enc      string // one of the Enc constants
}

func (l layout) String() string {
	side := "before"
	if l.after {
		side = "after"
	}
	return fmt.Sprintf("w%d/%s/%drows/k%v/s%v/br%d/capt%v/mast%v/%q/%s", l.width, side, l.headRows, l.kicker, l.subtitle,
		l.breaks, l.captions, l.masthead, l.nl, l.enc)
}

const (
	testKicker   = "聚焦疫情防控"
	testSubtitle = "——示范区统筹推进复工复产"
	testMasthead = "2020年3月1日 星期日 第3版 要闻"
)

var (
	sampleOnce sync.Once
	sample     []Article
)

// sampleDocs returns the documents of the sample page, as Parse reads them.
func sampleDocs(t testing.TB) []Article {
	sampleOnce.Do(func() {
		data, err := os.ReadFile("testdata/seed.txt")
		if err != nil {
			t.Fatal(err)
		}
		pg, err := Parse(data, Options{Year: 2020})
		if err != nil {
			t.Fatal(err)
		}
		sample = pg.Articles
	})
	if len(sample) != 8 {
		t.Fatalf("the sample parses to %d documents, want 8", len(sample))
	}
	return sample
}

// page prints docs (articles, then one caption last, as the sample has them)
// in layout l, and returns the page's bytes and the documents it must give.
func (l layout) page(docs []Article) (data []byte, want []Article) {
	arts, capt := docs[:len(docs)-1], docs[len(docs)-1]
	var lines []string
	if l.masthead {
		lines = append(lines, testMasthead, "")
		capt.Date = Date{2020, 3, 1}
	}
	textLines := 0
	emitCaption := func() {
		lines = append(lines, wrapWidth(capt.Paragraphs[0], l.width)...)
		lines = append(lines, capt.Paragraphs[1], "")
		want = append(want, capt)
	}
	for k := 0; k <= len(arts); k++ {
		for _, pos := range l.captions {
			if pos == k || (pos < 0 && k == len(arts)) {
				emitCaption()
			}
		}
		if k == len(arts) {
			break
		}
		a := arts[k]
		var head []string
		if !a.TitleDerived {
			head = l.headline(&a)
		}
		if !l.after {
			lines = append(lines, head...)
		}
		for _, para := range a.Paragraphs {
			rows := wrapWidth(para, l.width)
			for i, r := range rows {
				lines = append(lines, r)
				textLines++
				if l.breaks > 0 && textLines%l.breaks == 0 && i < len(rows)-1 && !endsParagraph(r) {
					lines = append(lines, "")
				}
			}
			lines = append(lines, "")
		}
		if l.after {
			lines = append(lines, head...)
		}
		want = append(want, a)
	}
	if l.masthead {
		for i := range want {
			want[i].Published, want[i].Page, want[i].Section = Date{2020, 3, 1}, 3, "要闻"
		}
	}
	text := strings.Join(lines, l.nl) + l.nl
	if l.enc == EncBig5 {
		text = toBig5Text(text)
		for i := range want {
			want[i] = traditional(want[i])
		}
	}
	return encodeAs(l.enc, text), want
}

// headline prints a's headline over l.headRows lines, with the kicker and
// subtitle the layout asks for, each set off by blank lines; and sets them
// in a, the document wanted back.
func (l layout) headline(a *Article) []string {
	var out []string
	if l.kicker {
		out = append(out, testKicker, "")
		a.Kicker = testKicker
	}
	out = append(out, splitEven(a.Title, l.headRows)...)
	out = append(out, "")
	if l.subtitle {
		out = append(out, testSubtitle, "")
		a.Subtitle = testSubtitle
	}
	return out
}

// wrapWidth cuts s into lines at most w Chinese characters wide, as a
// column sets it: a digit or Latin letter takes half a character.
func wrapWidth(s string, w int) []string {
	var lines []string
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := width(string(r))
		if n+rw > 2*w {
			lines = append(lines, b.String())
			b.Reset()
			n = 0
		}
		b.WriteRune(r)
		n += rw
	}
	if b.Len() > 0 {
		lines = append(lines, b.String())
	}
	return lines
}

// splitEven cuts s into n lines of about equal length.
func splitEven(s string, n int) []string {
	rs := []rune(s)
	n = min(n, len(rs))
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, string(rs[i*len(rs)/n:(i+1)*len(rs)/n]))
	}
	return out
}

func encodeAs(enc, text string) []byte {
	var b []byte
	var err error
	switch enc {
	case EncGB18030:
		b, err = simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	case EncBig5:
		b, err = traditionalchinese.Big5.NewEncoder().Bytes([]byte(text))
	case EncUTF16LE:
		b, err = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(text))
	case EncUTF16BE:
		b, err = xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().Bytes([]byte(text))
	default:
		b = []byte(text)
	}
	if err != nil {
		panic(fmt.Sprintf("encoding the layout as %s: %v", enc, err))
	}
	return b
}

var (
	tradOnce sync.Once
	toTrad   map[rune]rune
)

// toBig5Text writes text in traditional characters, as far as Big5 has
// them: each simplified character becomes the first traditional form that
// index/fold's OpenCC table (TSCharacters.txt) maps to it and Big5 has.
func toBig5Text(s string) string {
	tradOnce.Do(func() {
		toTrad = map[rune]rune{}
		f, err := os.Open("../fold/TSCharacters.txt")
		if err != nil {
			panic(err)
		}
		defer f.Close()
		enc := traditionalchinese.Big5.NewEncoder()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			trad, simp, ok := strings.Cut(sc.Text(), "\t")
			st, _ := utf8.DecodeRuneInString(simp)
			tr, _ := utf8.DecodeRuneInString(trad)
			if _, err := enc.String(trad); !ok || err != nil || toTrad[st] != 0 {
				continue
			}
			toTrad[st] = tr
		}
	})
	var b strings.Builder
	for _, r := range s {
		if toTrad[r] != 0 {
			r = toTrad[r]
		}
		b.WriteRune(r)
	}
	return b.String()
}

// traditional is a document as the Big5 page must give it back.
func traditional(a Article) Article {
	a.Title, a.Reporter, a.Photographer = toBig5Text(a.Title), toBig5Text(a.Reporter), toBig5Text(a.Photographer)
	a.Kicker, a.Subtitle, a.Section = toBig5Text(a.Kicker), toBig5Text(a.Subtitle), toBig5Text(a.Section)
	paras := make([]string, len(a.Paragraphs))
	for i, p := range a.Paragraphs {
		paras[i] = toBig5Text(p)
	}
	a.Paragraphs = paras
	return a
}

// checkLayout parses the page of layout l and compares it with the documents wanted.
func checkLayout(t *testing.T, l layout) {
	t.Helper()
	data, want := l.page(sampleDocs(t))
	opt := Options{Year: 2020}
	if l.masthead {
		opt = Options{} // the masthead gives the year
	}
	pg, err := Parse(data, opt)
	if err != nil {
		t.Fatalf("%s: Parse: %v", l, err)
	}
	if pg.Encoding != l.enc && !(l.enc == EncUTF8 && pg.Encoding == EncUTF8) {
		t.Errorf("%s: encoding %s", l, pg.Encoding)
	}
	if len(pg.Articles) != len(want) {
		t.Fatalf("%s: %d documents, want %d:\n%s\n%s", l, len(pg.Articles), len(want), titles(pg.Articles), explainText(data, opt))
	}
	for i, w := range want {
		if diff := docDiff(pg.Articles[i], w); diff != "" {
			t.Errorf("%s: document %d (%q): %s\n%s", l, i+1, w.Title, diff, explainText(data, opt))
			return
		}
	}
	checkOnce(t, l.String(), data, pg)
}

func titles(arts []Article) string {
	var s []string
	for _, a := range arts {
		s = append(s, fmt.Sprintf("%s %q", a.Kind, a.Title))
	}
	return strings.Join(s, "\n")
}

// explainText is Explain's account of a page, for failure messages.
func explainText(data []byte, opt Options) string {
	ex, _ := Explain(data, opt)
	var b strings.Builder
	fmt.Fprintln(&b, ex.Layout)
	for _, n := range ex.Lines {
		fmt.Fprintf(&b, "%4d %-15s %d %s  %s\n", n.Line, n.Role, n.Doc, prefix(n.Text, 60), n.Why)
	}
	return b.String()
}

// docDiff says how got differs from want in what a reader sees, or "".
func docDiff(got, want Article) string {
	var d []string
	cmp := func(name string, g, w any) {
		if g != w {
			d = append(d, fmt.Sprintf("%s = %q, want %q", name, g, w))
		}
	}
	cmp("kind", got.Kind, want.Kind)
	cmp("title", got.Title, want.Title)
	cmp("title derived", got.TitleDerived, want.TitleDerived)
	cmp("kicker", got.Kicker, want.Kicker)
	cmp("subtitle", got.Subtitle, want.Subtitle)
	cmp("reporter", got.Reporter, want.Reporter)
	cmp("photographer", got.Photographer, want.Photographer)
	cmp("date", got.Date.String(), want.Date.String())
	cmp("published", got.Published.String(), want.Published.String())
	cmp("page", got.Page, want.Page)
	cmp("section", got.Section, want.Section)
	if g, w := got.Body(), want.Body(); g != w {
		d = append(d, fmt.Sprintf("body differs at rune %d: %q", firstDiff(g, w), prefix(g[min(len(g), max(0, byteAt(g, firstDiff(g, w)-10))):], 120)))
	}
	return strings.Join(d, "; ")
}

func firstDiff(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	return i
}

func byteAt(s string, runes int) int {
	for i := range s {
		if runes <= 0 {
			return i
		}
		runes--
	}
	return len(s)
}

// checkOnce requires every visible character of the page to be in the
// documents exactly once (in a printed headline, kicker, subtitle or text),
// the masthead aside.
func checkOnce(t *testing.T, name string, data []byte, pg Page) {
	t.Helper()
	text, _, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	count := map[rune]int{}
	for _, ln := range splitLines(text) {
		if _, strong, ok := mastheadLine(ln); ok && strong {
			continue
		}
		for _, r := range ln {
			if !isSpace(r) {
				count[r]++
			}
		}
	}
	for _, a := range pg.Articles {
		texts := append([]string{a.Kicker, a.Subtitle}, a.Paragraphs...)
		if !a.TitleDerived {
			texts = append(texts, a.Title)
		}
		for _, s := range texts {
			for _, r := range s {
				if !isSpace(r) {
					count[r]--
				}
			}
		}
	}
	for _, w := range pg.Warnings {
		if w.Code == WarnFurniture || w.Code == WarnLeftover {
			t.Errorf("%s: text dropped: %s", name, w)
		}
	}
	for r, n := range count {
		if n != 0 {
			t.Errorf("%s: %q is in the page %+d times more than in the documents", name, r, n)
		}
	}
}

// layoutSet is the layout set: every width 8-30 with both headline sides and
// 1-3 headline lines; the other choices (kicker, subtitle, column breaks,
// caption places, masthead, line ends, encodings) cycle through the cases
// so that each meets many others.
func layoutSet() []layout {
	captions := [][]int{{-1}, {0}, {4}, {0, -1}, {4, -1}}
	nls := []string{"\n", "\r\n", "\r"}
	encs := []string{EncUTF8, EncGB18030, EncUTF16LE, EncBig5, EncUTF16BE}
	var set []layout
	i := 0
	for w := 8; w <= 30; w++ {
		for _, after := range []bool{false, true} {
			for rows := 1; rows <= 3; rows++ {
				set = append(set, layout{
					width: w, after: after, headRows: rows,
					kicker: i%4 == 1 || i%4 == 3, subtitle: i%4 >= 2,
					breaks:   []int{0, 5, 11}[(i/2)%3],
					captions: captions[i%5],
					masthead: (i/3)%2 == 0,
					nl:       nls[(i/4)%3],
					enc:      encs[(i/6)%5],
				})
				i++
			}
		}
	}
	return set
}

func TestLayoutSet(t *testing.T) {
	for _, l := range layoutSet() {
		t.Run(l.String(), func(t *testing.T) { checkLayout(t, l) })
	}
}

// TestLayoutRandom lays the sample out at random, many times; every page
// must give the sample's documents back.
func TestLayoutRandom(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 60
	}
	rng := rand.New(rand.NewPCG(10, 2020))
	positions := []int{-1, 0, 1, 2, 3, 4, 5, 6}
	for i := 0; i < n; i++ {
		l := layout{
			width: 8 + rng.IntN(23), after: rng.IntN(2) == 0, headRows: 1 + rng.IntN(3),
			kicker: rng.IntN(3) == 0, subtitle: rng.IntN(3) == 0, breaks: []int{0, 0, 3, 4, 7, 9, 13}[rng.IntN(7)],
			masthead: rng.IntN(2) == 0, nl: []string{"\n", "\r\n", "\r"}[rng.IntN(3)], enc: EncUTF8,
		}
		for k := rng.IntN(3); k > 0; k-- {
			l.captions = append(l.captions, positions[rng.IntN(len(positions))])
		}
		if len(l.captions) == 2 && l.captions[0] == l.captions[1] {
			l.captions = l.captions[:1]
		}
		t.Run(l.String(), func(t *testing.T) { checkLayout(t, l) })
		if t.Failed() {
			return
		}
	}
}

// TestIssueReports replays the layouts issue 10 reported cut wrongly.
func TestIssueReports(t *testing.T) {
	for _, l := range []layout{
		// 15 wide, headlines after and over two lines, column breaks: 7
		// documents, headlines shifted by one, the caption merged.
		{width: 15, after: true, headRows: 2, breaks: 9, captions: []int{-1}, nl: "\n", enc: EncUTF8},
		{width: 15, after: true, headRows: 2, breaks: 9, captions: []int{-1}, nl: "\n", enc: EncGB18030},
		{width: 15, after: true, headRows: 2, breaks: 9, captions: []int{-1}, nl: "\n", enc: EncUTF16LE},
		// 22 wide, headlines before, CRLF: the caption started inside the
		// last article's final paragraph, at a column break.
		{width: 22, after: false, headRows: 1, breaks: 6, captions: []int{-1}, nl: "\r\n", enc: EncUTF8},
	} {
		t.Run(l.String(), func(t *testing.T) { checkLayout(t, l) })
	}
	// 郭树勋 finds the caption: its credit is in its text.
	data, _ := layout{width: 15, after: true, headRows: 2, captions: []int{-1}, nl: "\n", enc: EncUTF8}.page(sampleDocs(t))
	pg, err := Parse(data, Options{Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	c := pg.Articles[len(pg.Articles)-1]
	if c.Kind != KindCaption || !strings.Contains(c.Body(), "郭树勋") || c.Photographer != "郭树勋" {
		t.Errorf("caption %q by %q: want 郭树勋 in its text and as its photographer", c.Body(), c.Photographer)
	}
}
