package article

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// fuzzSeeds are the corpus the fuzzers start from, and inputs that once broke the parser.
var fuzzSeeds = []string{
	"",
	"本报讯",
	"本报讯（记者张三）3月1日",
	"标题\n\n本报讯（记者\n\n\n",
	"本报讯（记者张三）2\n\n\n月\n26日",
	"\xef\xbb\xbf本报讯\r\n\r\n本报记者 张三 摄",
	"\xff\xfe\x2c\x67\xa5\x62",
	"图为\n本报讯（记者张三）3月1日，甲。\n\n图为现场。\n\n张三/摄",
	"摄",
	"本报讯。本报记者 张三 摄",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, g := range goldenPages {
		if data, err := os.ReadFile("testdata/" + g.file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pg, err := Parse(data, Options{Name: "2020-03-01.txt"})
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNotText) && !errors.Is(err, ErrEncoding) {
				t.Fatalf("Parse(%q) = unexpected error %v", data, err)
			}
			return
		}
		for _, a := range pg.Articles {
			checkArticle(t, data, a)
		}
		checkCut(t, data, pg)
	})
}

// checkCut fails when the rules lost or doubled text (the parser then keeps
// the page as one document with WarnNoLayout, which is a bug to fix).
func checkCut(t *testing.T, data []byte, pg Page) {
	for _, w := range pg.Warnings {
		if w.Code == WarnNoLayout {
			t.Fatalf("Parse(%q): %s", data, w)
		}
	}
}

func checkArticle(t *testing.T, data []byte, a Article) {
	if a.Title == "" && len(a.Paragraphs) == 0 {
		t.Fatalf("Parse(%q): empty article %+v", data, a)
	}
	if strings.Contains(a.Title, "\n") || !utf8.ValidString(a.Title) {
		t.Fatalf("Parse(%q): bad title %q", data, a.Title)
	}
	for _, p := range a.Paragraphs {
		if p == "" || strings.ContainsAny(p, "\n\r") || !utf8.ValidString(p) {
			t.Fatalf("Parse(%q): bad paragraph %q", data, p)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("\xb1\xbe\xb1\xa8\xd1\xb6"))
	f.Add([]byte("\xa5\xbb\xb3\xf8\xb0T"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, err := Decode(data)
		switch {
		case err != nil:
			if text != "" || enc != "" {
				t.Fatalf("Decode(%q) = %q, %q with error %v", data, text, enc, err)
			}
		case !utf8.ValidString(text) || strings.TrimSpace(text) == "":
			t.Fatalf("Decode(%q) = %q, not valid non-blank UTF-8", data, text)
		case utf8.Valid(data) && enc == EncUTF8 && text != string(data):
			t.Fatalf("Decode(%q) changed valid UTF-8 to %q", data, text)
		}
	})
}

// TestHugeLine parses a 16 MB page with no line breaks, and one with a lead
// every few characters; both must take time linear in their size.
func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("16 MB inputs")
	}
	for name, unit := range map[string]string{"no leads": "疫情防控工作取得了阶段性成效，", "all leads": "本报讯（记者张三）2月1日"} {
		data := []byte(strings.Repeat(unit, 16<<20/len(unit)))
		start := time.Now()
		pg, err := Parse(data, Options{Name: "big.txt"})
		if err != nil || len(pg.Articles) == 0 {
			t.Fatalf("%s: Parse(16 MB) = %d articles, %v", name, len(pg.Articles), err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: Parse(16 MB) took %v", name, d)
		}
	}
}

func BenchmarkParseSeed(b *testing.B) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, Options{Year: 2020}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeGB18030(b *testing.B) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		b.Fatal(err)
	}
	gb := encode(b, simplifiedchinese.GB18030, string(data))
	b.SetBytes(int64(len(gb)))
	for b.Loop() {
		if _, _, err := Decode(gb); err != nil {
			b.Fatal(err)
		}
	}
}

// layoutPieces are the kinds of line FuzzLayout builds pages from: the
// shapes the layout rules tell apart.
var layoutPieces = []string{
	"",
	"",
	"示范区召开统筹推进会议", // a headline
	"王家鹏调研房地产行业",  // a headline's first line
	"复工及楼盘销售情况",   // its second
	"聚焦疫情防控",      // a kicker
	"——示范区统筹推进复工复产",            // a subtitle
	"本报讯（记者郭树勋）2月24日下午，示范区召开会", // leads
	"本报讯 记者李明 3月2日，示范区召开春耕生产",
	"本报讯(记者龙天传 通讯员张虹)3月3日，市政",
	"新华社北京3月1日电（记者王芳、赵强）记者从",
	"人民网北京3月4日电（记者孙红丽）各地在做好",
	"本报记者 张伟 报道：",
	"■本报记者 陈静",
	"本报记者 陈静",
	"张三/文 李四/图",
	"（记者 刘洋）",
	"据新华社电 国务院近日部署稳就业工作，要求",
	"会议指出，疫情防控正处于最吃劲的关键阶", // body lines, unfinished
	"段，必须科学研判形势，坚决扛稳扛牢疫情",
	"防控政治责任。当前，全区疫情防控工作取",
	"得了阶段性成效。",        // a paragraph's end
	"图为东方今典境界项目施工现场。", // a caption
	"本报记者 郭树勋 摄",      // credits
	"李四/摄",
	"2020年2月28日 星期五 第3版 要闻", // mastheads
	"焦作日报",
	"责任编辑：张三", // a sign-off
	"王家鹏看望慰问医务工作者 本报讯（记者郭树勋）2", // a headline sharing the line with a lead
	"月26日上午，示范区",
	"疫情防控 期间，示 范 区实行 外来务工", // OCR spaces
}

// FuzzLayout builds pages from layoutPieces, each byte of the input choosing
// one, and requires every page to be cut without losing or doubling text,
// every document well formed, and Explain to account for every line.
func FuzzLayout(f *testing.F) {
	for _, s := range []string{"\x07\x12\x13\x14\x15\x00\x02\x00", "\x02\x00\x07\x12\x15\x00\x16\x17", "\x19\x00\x05\x00\x02\x00\x06\x00\x0d\x12\x15\x00\x10",
		"\x1c\x1d\x12\x13\x00\x0b\x12\x15\x00\x0c\x00\x12\x10\x00\x03\x04"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, choice []byte) {
		if len(choice) > 200 {
			return
		}
		var lines []string
		for _, c := range choice {
			lines = append(lines, layoutPieces[int(c)%len(layoutPieces)])
		}
		data := []byte(strings.Join(lines, "\n"))
		ex, err := Explain(data, Options{Year: 2020})
		if err != nil {
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("Explain(%q) = %v", data, err)
			}
			return
		}
		for _, a := range ex.Page.Articles {
			checkArticle(t, data, a)
		}
		checkCut(t, data, ex.Page)
		seen := map[int]bool{}
		for _, n := range ex.Lines {
			seen[n.Line] = true
			if n.Role == "" || n.Doc < 0 || n.Doc > len(ex.Page.Articles) {
				t.Fatalf("Explain(%q): line %d has role %q, document %d", data, n.Line, n.Role, n.Doc)
			}
		}
		if len(seen) != len(splitLines(string(data))) {
			t.Fatalf("Explain(%q) notes %d lines of %d", data, len(seen), len(lines))
		}
	})
}

// FuzzByline feeds one line to the readers of bylines, datelines, credits,
// mastheads and file names: none may panic, and what they read must be
// names, a valid date and a page.
func FuzzByline(f *testing.F) {
	for _, s := range []string{"记者龙天传 通讯员张虹", "新华社北京3月1日电（记者王芳、赵强）", "（记者 刘洋）", "张三/文 李四/图",
		"2020年2月28日 星期五 第3版 要闻", "jzrb20200228003.pdf", "本报记者 郭 树\n勋 摄", "二〇二〇年二月二十八日", "本报郑州3月7日讯（记者周八）",
		"2100年1月1日", // found by fuzzing: a masthead date out of range
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 400 {
			return
		}
		if c, ok := parseByline(s); ok {
			for _, n := range append(c.reporters, c.photographers...) {
				if !validNames(n) {
					t.Fatalf("parseByline(%q) read the name %q", s, n)
				}
			}
		}
		endByline(s)
		lines := splitLines(s)
		for i := range lines {
			for _, mid := range []bool{false, true} {
				if l, ok := matchWire(lines, i, 0, mid); ok && l.agency == "" {
					t.Fatalf("matchWire(%q) = no agency", s)
				}
			}
			if l, ok := matchLead(lines, i, 0); ok && !l.date.IsZero() && (l.date.Month > 12 || l.date.Day > 31) {
				t.Fatalf("matchLead(%q) = date %v", s, l.date)
			}
			if m, _, ok := mastheadLine(lines[i]); ok && !m.date.IsZero() && !validDate(m.date) {
				t.Fatalf("mastheadLine(%q) = date %v", lines[i], m.date)
			}
		}
		n := FromName(s)
		if (!n.Date.IsZero() && !validDate(n.Date)) || n.Page < 0 || n.Page > 999 || (n.Year != 0 && (n.Year < 1900 || n.Year > 2099)) {
			t.Fatalf("FromName(%q) = %+v", s, n)
		}
	})
}
