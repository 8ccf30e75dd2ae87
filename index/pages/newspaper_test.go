package pages

// The test newspaper: the sample page's articles laid out as a printed page
// (headlines over two or three columns, paragraphs indented two characters, a
// photo with its caption), written as a PDF with an embedded CJK font. Every
// PDF the tests and benchmarks read is made here from the sample, so that
// what comes back can be compared with what went in.

import (
	"bytes"
	"cmp"
	"flag"
	"image"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"baosou/index/article"

	"github.com/go-pdf/fpdf"
)

var update = flag.Bool("update", false, "rewrite the fonts in testdata from the system's Droid Sans Fallback and DejaVu Sans")

const (
	samplePath = "../article/testdata/seed.txt"
	fontPath   = "testdata/seedfont.ttf"  // Droid Sans Fallback cut to the sample's characters
	latinPath  = "testdata/latinfont.ttf" // DejaVu Sans cut to printable ASCII: Droid has no Latin letters or digits
	droidPath  = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
	dejavuPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

	ptMM     = 25.4 / 72 // one point in millimetres
	bodyPt   = 8.0       // body text, 8 pt (小五 is 9 pt; papers set 7.5-9)
	headPt   = 16.0      // headlines
	colChars = 14        // characters in a column line, as in the sample
	gutter   = 6.0       // mm between columns, unless pdfOptions say
	margin   = 15.0      // mm around the page
	pageW    = 390.0     // mm: a Chinese broadsheet (对开) is 390 x 543 mm
	columns  = 8
)

// sample returns the sample page's articles as index/article parses them.
func sample(t testing.TB) []article.Article {
	t.Helper()
	data, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := article.Parse(data, article.Options{Year: 2020})
	if err != nil {
		t.Fatalf("Parse(%s): %v", samplePath, err)
	}
	return pg.Articles
}

// TestFonts rewrites the cut fonts with -update (needing Debian's
// fonts-droid-fallback and fonts-dejavu-core); without it, it checks they are
// there and cover what the sample prints.
func TestFonts(t *testing.T) {
	data, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	var ascii strings.Builder
	for r := rune(' '); r < 0x7f; r++ {
		ascii.WriteRune(r)
	}
	cuts := []struct{ from, to, runes string }{
		{droidPath, fontPath, string(data) + "本报记者摄"},
		{dejavuPath, latinPath, ascii.String()},
	}
	for _, c := range cuts {
		if !*update {
			if _, err := os.Stat(c.to); err != nil {
				t.Errorf("%v; rerun with -update", err)
			}
			continue
		}
		full, err := os.ReadFile(c.from)
		if err != nil {
			t.Fatalf("-update needs %s: %v", c.from, err)
		}
		if err := os.WriteFile(c.to, fpdf.UTF8CutFont(full, c.runes), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// item is one line of text drawn at (x, y), y being the baseline, in mm.
type item struct {
	x, y, pt float64
	s        string
}

// runs cuts s where it changes between ASCII, set in the Latin font, and the
// rest, set in the CJK font.
func runs(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	start := 0
	for i := 1; i < len(s); i++ {
		if utf8.RuneStart(s[i]) && (s[i] < 0x80) != (s[start] < 0x80) {
			out = append(out, s[start:i])
			start = i
		}
	}
	return append(out, s[start:])
}

func fontFor(run string) string {
	if run[0] < 0x80 {
		return "latin"
	}
	return "cjk"
}

// newspaper lays out pages and writes them as a PDF.
type newspaper struct {
	pdf    *fpdf.Fpdf
	blocks [][]item // text frames: a headline, a column of an article, a caption
	photos [][4]float64
	height float64
	gutter float64 // mm between columns
	hang   bool    // closing marks hang in the gutter rather than push a character down
}

// newPDF makes a PDF writer of pages w x h mm with the two test fonts.
func newPDF(t testing.TB, w, h float64) *fpdf.Fpdf {
	t.Helper()
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
	for name, path := range map[string]string{"cjk": fontPath, "latin": latinPath} {
		font, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pdf.AddUTF8FontFromBytes(name, "", font)
	}
	return pdf
}

// draw writes s with its baseline starting at (x, y), each run in its font.
func draw(pdf *fpdf.Fpdf, x, y, pt float64, s string) {
	for _, r := range runs(s) {
		pdf.SetFont(fontFor(r), "", pt)
		pdf.Text(x, y, r)
		x += pdf.GetStringWidth(r)
	}
}

func colWidth() float64 { return colChars * bodyPt * ptMM }

func (n *newspaper) colX(c int) float64 { return margin + float64(c)*(colWidth()+n.gutter) }

func (n *newspaper) spanWidth(span int) float64 {
	return float64(span)*colWidth() + float64(span-1)*n.gutter
}

// width measures s at size pt, in mm.
func (n *newspaper) width(s string, pt float64) float64 {
	w := 0.0
	for _, r := range runs(s) {
		n.pdf.SetFont(fontFor(r), "", pt)
		w += n.pdf.GetStringWidth(r)
	}
	return w
}

// closing marks may not start a line: the character before goes down with
// one, as typesetters push out, or (newspaper.hang) the mark hangs in the
// gutter.
const closing = "，。、；：？！）》”’」』"

// wrap cuts a paragraph into lines of width w at size pt, the first indented
// two characters.
func (n *newspaper) wrap(p string, w, pt float64, indent bool) (lines []string) {
	var cur []rune
	avail := w
	if indent {
		avail -= 2 * pt * ptMM
	}
	used := 0.0
	for _, r := range p {
		cw := n.width(string(r), pt)
		if used+cw > avail+0.01 && len(cur) > 0 && !(n.hang && strings.ContainsRune(closing, r)) {
			var carry []rune
			if strings.ContainsRune(closing, r) && len(cur) > 1 {
				carry, cur = cur[len(cur)-1:], cur[:len(cur)-1]
			}
			lines = append(lines, string(cur))
			cur, used, avail = carry, n.width(string(carry), pt), w
		}
		cur = append(cur, r)
		used += cw
	}
	return append(lines, string(cur))
}

// headline centres title over span columns at x, in as few lines of equal
// length as fit.
func (n *newspaper) headline(title string, x, top float64, span int) float64 {
	r := []rune(title)
	var lines []string
	for k := 1; k <= len(r); k++ {
		lines = lines[:0]
		per := (len(r) + k - 1) / k
		fits := true
		for i := 0; i < len(r); i += per {
			l := string(r[i:min(i+per, len(r))])
			fits = fits && n.width(l, headPt) <= n.spanWidth(span)
			lines = append(lines, l)
		}
		if fits {
			break
		}
	}
	var b []item
	lh := headPt * ptMM * 1.3
	for _, l := range lines {
		top += lh
		b = append(b, item{x + (n.spanWidth(span)-n.width(l, headPt))/2, top, headPt, l})
	}
	n.blocks = append(n.blocks, b)
	return top + lh*0.6
}

// body flows paragraphs down span columns from column col, balanced, and
// returns the bottom.
func (n *newspaper) body(paras []string, col, span int, top float64) float64 {
	type line struct {
		s      string
		indent bool
	}
	var lines []line
	for _, p := range paras {
		for i, l := range n.wrap(p, colWidth(), bodyPt, true) {
			lines = append(lines, line{l, i == 0})
		}
	}
	lh := bodyPt * ptMM * 1.5
	per := (len(lines) + span - 1) / span
	for c := 0; c < span && c*per < len(lines); c++ {
		var b []item
		for i, l := range lines[c*per : min((c+1)*per, len(lines))] {
			x := n.colX(col + c)
			if l.indent {
				x += 2 * bodyPt * ptMM
			}
			b = append(b, item{x, top + float64(i+1)*lh, bodyPt, l.s})
		}
		n.blocks = append(n.blocks, b)
	}
	return top + float64(per)*lh + lh
}

// article lays out a at column col over span columns from top.
func (n *newspaper) article(a article.Article, col, span int, top float64) float64 {
	if !a.TitleDerived {
		top = n.headline(a.Title, n.colX(col), top, span)
	}
	return n.body(a.Paragraphs, col, span, top)
}

// caption puts a grey photo over span columns with the caption and its
// credit line under it.
func (n *newspaper) caption(a article.Article, col, span int, top float64) float64 {
	w := n.spanWidth(span)
	n.photos = append(n.photos, [4]float64{n.colX(col), top + 3, w, 70})
	top += 76
	lh := bodyPt * ptMM * 1.5
	var b []item
	// The parser keeps the credit (本报记者 X 摄) as the caption's last
	// paragraph; it is printed set right, under the caption's text.
	paras := a.Paragraphs
	if k := len(paras) - 1; k >= 0 && strings.HasSuffix(paras[k], "摄") && strings.Contains(paras[k], a.Photographer) {
		paras = paras[:k]
	}
	for _, p := range paras {
		for i, l := range n.wrap(p, w, bodyPt, true) {
			x := n.colX(col)
			if i == 0 {
				x += 2 * bodyPt * ptMM
			}
			top += lh
			b = append(b, item{x, top, bodyPt, l})
		}
	}
	credit := "本报记者 " + a.Photographer + " 摄"
	top += lh
	b = append(b, item{n.colX(col) + w - n.width(credit, bodyPt), top, bodyPt, credit})
	n.blocks = append(n.blocks, b)
	return top + lh
}

// place says where an article of the sample goes: rows of the page, each a
// list of (article index, first column, columns spanned).
var place = [][][3]int{
	{{0, 0, 3}, {1, 3, 3}, {2, 6, 2}},
	{{3, 0, 2}, {4, 2, 3}, {5, 5, 3}},
	{{6, 0, 3}, {7, 3, 5}},
}

// page lays out the sample's articles as one newspaper page.
func (n *newspaper) page(arts []article.Article, rows int) {
	top := margin
	for _, row := range place[:rowCount(rows)] {
		bottom := top
		for _, p := range row {
			a := arts[p[0]]
			var b float64
			if a.Kind == article.KindCaption {
				b = n.caption(a, p[1], p[2], top)
			} else {
				b = n.article(a, p[1], p[2], top)
			}
			bottom = max(bottom, b)
		}
		top = bottom + 4
	}
	n.height = top + margin
}

func rowCount(rows int) int {
	if rows <= 0 || rows > len(place) {
		return len(place)
	}
	return rows
}

// printed is the text the page of rows prints (all rows for 0), in reading
// order, without white space: what OCR should read.
func printed(arts []article.Article, rows int) string {
	var b strings.Builder
	for _, row := range place[:rowCount(rows)] {
		for _, p := range row {
			a := arts[p[0]]
			if !a.TitleDerived {
				b.WriteString(a.Title)
			}
			b.WriteString(a.Body()) // a caption's ends with its credit
		}
	}
	return strings.Join(strings.Fields(b.String()), "")
}

// pdfOptions say how a test newspaper is written.
type pdfOptions struct {
	pages     int     // copies of the sample page; 0 means 1, or none with a scan
	gutter    float64 // mm between columns; 0 means 6 (2 characters)
	hang      bool    // closing marks that would start a line hang in the gutter
	rows      int     // the first rows of the page only; 0 means all
	scan      []byte  // a PNG of a page at scanDPI, added as a last page without text
	inOrder   bool    // draw the frames in reading order rather than shuffled, as layout programs write them
	password  string  // encrypt with this user password
	ownerOnly bool    // encrypt with an owner password only: restrictions, no password to open
}

// newspaperPDF writes the sample page as a PDF.
func newspaperPDF(t testing.TB, opt pdfOptions) []byte {
	t.Helper()
	arts := sample(t)
	n := &newspaper{pdf: newPDF(t, pageW, 543), gutter: cmp.Or(opt.gutter, gutter), hang: opt.hang}
	n.page(arts, opt.rows)
	pdf := newPDF(t, pageW, n.height)
	if opt.password != "" || opt.ownerOnly {
		pdf.SetProtection(fpdf.CnProtectPrint, opt.password, "owner")
	}
	order := make([]int, len(n.blocks))
	for i := range order {
		order[i] = i
	}
	if !opt.inOrder {
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	pages := opt.pages
	if pages == 0 && opt.scan == nil {
		pages = 1
	}
	for range pages {
		pdf.AddPage()
		pdf.SetFillColor(170, 170, 170)
		for _, r := range n.photos {
			pdf.Rect(r[0], r[1], r[2], r[3], "F")
		}
		for _, k := range order {
			for _, it := range n.blocks[k] {
				draw(pdf, it.x, it.y, it.pt, it.s)
			}
		}
	}
	if opt.scan != nil {
		addScan(t, pdf, opt.scan)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// scanDPI is the resolution the tests scan the sample page at: the one Read
// renders PDF pages at for OCR.
const scanDPI = defaultDPI

// addScan adds a page holding only the image img, scanned at scanDPI, as a
// scanner writes one.
func addScan(t testing.TB, pdf *fpdf.Fpdf, img []byte) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	w, h := float64(cfg.Width)/scanDPI*25.4, float64(cfg.Height)/scanDPI*25.4
	pdf.AddPageFormat("P", fpdf.SizeType{Wd: w, Ht: h})
	pdf.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img))
	pdf.ImageOptions("scan", 0, 0, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
}

// TestWriteSample writes the test newspaper to $BAOSOU_PDF_OUT, to look at
// or to try other tools on; INORDER=1, PAGES=n, GUTTER=mm, HANG=1 and
// PASSWORD=p set its pdfOptions.
func TestWriteSample(t *testing.T) {
	out := os.Getenv("BAOSOU_PDF_OUT")
	if out == "" {
		t.Skip("set BAOSOU_PDF_OUT to write the sample newspaper PDF there")
	}
	opt := pdfOptions{
		inOrder:  os.Getenv("INORDER") != "",
		pages:    atoiEnv("PAGES"),
		gutter:   float64(atoiEnv("GUTTER")),
		hang:     os.Getenv("HANG") != "",
		password: os.Getenv("PASSWORD"),
	}
	if err := os.WriteFile(out, newspaperPDF(t, opt), 0o644); err != nil {
		t.Fatal(err)
	}
}

func atoiEnv(name string) int {
	n, _ := strconv.Atoi(os.Getenv(name))
	return n
}
