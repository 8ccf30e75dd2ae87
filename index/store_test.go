package index

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"baosou/index/article"
	"baosou/index/fold"
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

// TestLongArticleInChunks: an article longer than several chunks of search
// form is found, checked and shown wherever its match falls, a match that
// straddles two chunks included, and its first match is found without
// decoding the chunks after it.
func TestLongArticleInChunks(t *testing.T) {
	filler := strings.Repeat("天地玄黃宇宙洪荒日月盈昃辰宿列張。", formChunk/len("天地玄黃宇宙洪荒日月盈昃辰宿列張。")*3)
	// 甲乙丙丁 ends the first chunk's text and starts the second's.
	cut := formChunk - 6
	for cut > 0 && !utf8.RuneStart(filler[cut]) {
		cut--
	}
	body := filler[:cut] + "甲乙丙丁" + filler[cut:] + "\n最後一句在此結尾。"
	dir := t.TempDir()
	l := openEmpty(t, dir)
	defer l.Close()
	p := filepath.Join(t.TempDir(), "long.jsonl")
	b, _ := json.Marshal(map[string]string{"title": "長文", "body": body})
	os.WriteFile(p, append(b, '\n'), 0o644)
	if rep, err := l.Import(context.Background(), []string{p}, ImportOptions{}); err != nil || rep.Added != 1 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	for _, q := range []string{"甲乙丙丁", "乙丙", "最后一句", "结尾", "天地玄黄"} {
		res := find(t, l, q, SearchOptions{})
		if res.Total != 1 || len(res.Hits) != 1 {
			t.Errorf("%s: total %d, want 1", q, res.Total)
			continue
		}
		h := res.Hits[0]
		if len(h.SnippetHighlights) == 0 {
			t.Errorf("%s: snippet %q has no highlight", q, h.Snippet)
			continue
		}
		sp := h.SnippetHighlights[0]
		if got := fold.String(string([]rune(h.Snippet)[sp.Start:sp.End])); got != fold.String(q) {
			t.Errorf("%s: snippet marks %q", q, got)
		}
	}
	// 日月 and 月盈 are there, but never 日月月盈: its candidates are checked, all chunks read.
	if res := find(t, l, "日月月盈", SearchOptions{}); res.Total != 0 {
		t.Errorf("日月月盈 found %d", res.Total)
	}
	// The first match in the first chunk leaves the rest undecoded.
	s, i, _, err := l.record(docID(l.Sources()[0].ID, 0))
	if err != nil {
		t.Fatal(err)
	}
	text, _, err := s.forms(i, nil)
	if err != nil {
		t.Fatal(err)
	}
	if k, err := text.find([][]byte{[]byte("天地玄黄")}); k != 0 || err != nil || len(text.chunks) == 0 {
		t.Errorf("find in the first chunk = %d, %v, with %d bytes of chunks left; want 0 and the rest left", k, err, len(text.chunks))
	}
}
