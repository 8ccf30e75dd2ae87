package index

import (
	"baosou/index/article"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoreGivesTextBack: the displayed text is rebuilt from the search
// form, so every kind of difference between the two must survive the trip.
func TestStoreGivesTextBack(t *testing.T) {
	bodies := []string{
		"疫情防控工作有序推进。",
		"復工復產 穩步推進\n臺灣 颱風\n房 地 产 开 发",
		"ＡＢＣ　２０２０年 Data\tTab  two spaces\n\n空段落后",
		"𠮷野家 😀 Ⅻ ㍻ ﬁ",
		"",
	}
	path := filepath.Join(t.TempDir(), "x.dat")
	w, err := createStore(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range bodies {
		text, doc, hash := prepare(articleOf("標題", b))
		hash[0] = byte(i)
		if err := w.add(&text, &doc, hash); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.finish(); err != nil {
		t.Fatal(err)
	}
	r, err := openStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.close()
	for i, b := range bodies {
		var d storedDoc
		if _, _, err := r.read(i, nil, &d); err != nil || d.Body != b || d.Title != "標題" {
			t.Errorf("article %d read back as %q, %q (%v); want %q", i, d.Title, d.Body, err, b)
		}
	}
}

func articleOf(title, body string) article.Article {
	return article.Article{Title: title, Kind: article.KindDocument, Paragraphs: strings.Split(body, "\n")}
}
