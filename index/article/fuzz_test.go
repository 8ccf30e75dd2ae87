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
	})
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
