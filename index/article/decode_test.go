package article

import (
	"errors"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encoding test text: %v", err)
	}
	return b
}

// TestSeedEncodings re-encodes the seed page; every encoding must give the
// same articles as UTF-8 and report itself.
func TestSeedEncodings(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Parse(data, Options{Year: 2020})
	text := string(data)
	for _, c := range []struct {
		enc  string
		data []byte
	}{
		{EncUTF8BOM, append([]byte("\xef\xbb\xbf"), data...)},
		{EncUTF16LE, encode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), text)},
		{EncUTF16BE, encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), text)},
		{EncGB18030, encode(t, simplifiedchinese.GB18030, text)},
		{EncGB18030, encode(t, simplifiedchinese.GBK, text)},
	} {
		t.Run(c.enc, func(t *testing.T) {
			pg, err := Parse(c.data, Options{Year: 2020})
			if err != nil || pg.Encoding != c.enc {
				t.Fatalf("Parse = encoding %q, %v; want %q", pg.Encoding, err, c.enc)
			}
			if !reflect.DeepEqual(pg.Articles, want.Articles) {
				t.Errorf("Parse(%s seed) articles differ from the UTF-8 ones", c.enc)
			}
		})
	}
}

const big5Page = `市政府召開防疫工作會議

本報訊（記者王小明）3月5日上午，市政府召開防疫工作會議，研究部署下一階段的防疫工作。
會議指出，各部門要加強領導，落實責任，確保人民群眾的生命安全和身體健康。
`

func TestBig5(t *testing.T) {
	pg, err := Parse(encode(t, traditionalchinese.Big5, big5Page), Options{Year: 2021})
	if err != nil || pg.Encoding != EncBig5 {
		t.Fatalf("Parse(Big5 page) = encoding %q, %v; want Big5", pg.Encoding, err)
	}
	if len(pg.Articles) != 1 {
		t.Fatalf("Parse(Big5 page) = %d articles, want 1", len(pg.Articles))
	}
	a := pg.Articles[0]
	if a.Title != "市政府召開防疫工作會議" || a.Reporter != "王小明" || a.Date.String() != "2021-03-05" || len(a.Paragraphs) != 2 {
		t.Errorf("article = %q %q %s %d paragraphs, want 市政府召開防疫工作會議 王小明 2021-03-05 2", a.Title, a.Reporter, a.Date, len(a.Paragraphs))
	}
}

// randomHigh returns n random bytes 0x80-0xFF, the same on every run.
func randomHigh(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(0x80 + rng.IntN(0x80))
	}
	return b
}

func TestDecodeErrors(t *testing.T) {
	high := randomHigh(4096)
	for _, c := range []struct {
		name string
		data string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"white space", " \t\r\n\u3000\u00a0", ErrEmpty},
		{"UTF-8 BOM only", "\xef\xbb\xbf\n", ErrEmpty},
		{"UTF-16 BOM only", "\xff\xfe", ErrEmpty},
		{"UTF-16 spaces", "\xff\xfe \x00\n\x00", ErrEmpty},
		{"PNG", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ErrNotText},
		{"PNG header only", "\x89PNG", ErrNotText},
		{"ELF", "\x7fELF\x02\x01\x01\x00\x00\x00", ErrNotText},
		{"NUL in text", "本报讯\x00abc", ErrNotText},
		{"control bytes", "ab\x01\x02\x03\x04cd", ErrNotText},
		{"UTF-16 binary", "\xff\xfe\x01\x00\x02\x00\x03\x00", ErrNotText},
		{"random high bytes", string(high), ErrEncoding},
		{"Latin-1", "caf\xe9 cr\xe8me br\xfbl\xe9e\n", ErrEncoding},
		{"bad UTF-8 after BOM", "\xef\xbb\xbf\xff\xfe\xfd\xfc", ErrEncoding},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, enc, err := Decode([]byte(c.data)); !errors.Is(err, c.want) {
				t.Errorf("Decode(%q) = %q, %v; want %v", prefix(c.data, 20), enc, err, c.want)
			}
			if _, err := Parse([]byte(c.data), Options{}); !errors.Is(err, c.want) {
				t.Errorf("Parse(%q) error = %v, want %v", prefix(c.data, 20), err, c.want)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	for _, c := range []struct {
		name, data, text, enc string
	}{
		{"ASCII", "hello\n", "hello\n", EncUTF8},
		{"UTF-8", "本报讯", "本报讯", EncUTF8},
		{"UTF-8 BOM", "\xef\xbb\xbf本报讯", "本报讯", EncUTF8BOM},
		{"UTF-16LE", "\xff\xfe\x2c\x67\xa5\x62", "本报", EncUTF16LE},
		{"UTF-16BE", "\xfe\xff\x67\x2c\x62\xa5", "本报", EncUTF16BE},
		{"GB18030", "\xb1\xbe\xb1\xa8\xd1\xb6", "本报讯", EncGB18030},
		{"Big5", "\xa5\xbb\xb3\xf8\xb0T", "本報訊", EncBig5},
		// One damaged byte in a long UTF-8 text is replaced, not taken for GB18030.
		{"damaged UTF-8", "本报讯（记者郭树勋）2月24日下午，示范区召开会议。\xe4\xbd\n", "本报讯（记者郭树勋）2月24日下午，示范区召开会议。\uFFFD\n", EncUTF8},
	} {
		t.Run(c.name, func(t *testing.T) {
			text, enc, err := Decode([]byte(c.data))
			if text != c.text || enc != c.enc || err != nil {
				t.Errorf("Decode(%q) = %q, %q, %v; want %q, %q", c.data, text, enc, err, c.text, c.enc)
			}
		})
	}
}

// TestLegacyScores keeps the guess's margins in view: the right decoding of
// a real page scores high, the wrong one and noise stay under the threshold.
func TestLegacyScores(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	gb := encode(t, simplifiedchinese.GB18030, string(data))
	b5 := encode(t, traditionalchinese.Big5, big5Page)
	for _, c := range []struct {
		name     string
		e        encoding.Encoding
		data     []byte
		set      *hanSet
		min, max float64
	}{
		{"GB page as GB18030", simplifiedchinese.GB18030, gb, &commonGB, legacyThreshold + 0.2, 1},
		{"GB page as Big5", traditionalchinese.Big5, gb, &commonBig5, 0, legacyThreshold - 0.2},
		{"Big5 page as Big5", traditionalchinese.Big5, b5, &commonBig5, legacyThreshold + 0.2, 1},
		{"Big5 page as GB18030", simplifiedchinese.GB18030, b5, &commonGB, 0, legacyThreshold - 0.2},
		{"random bytes as GB18030", simplifiedchinese.GB18030, randomHigh(4096), &commonGB, 0, legacyThreshold - 0.2},
		{"random bytes as Big5", traditionalchinese.Big5, randomHigh(4096), &commonBig5, 0, legacyThreshold - 0.2},
	} {
		if s := legacyScore(c.e, c.data, c.set); s < c.min || s > c.max {
			t.Errorf("%s: score %.2f, want %.2f-%.2f", c.name, s, c.min, c.max)
		}
	}
}
