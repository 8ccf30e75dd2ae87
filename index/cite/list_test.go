package cite

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"baosou/index"
)

// pager is a Searcher over n numbered hits that honours Offset and Limit, as
// the library does, and remembers the pages asked for.
type pager struct {
	hits  []index.Hit
	asked []index.SearchOptions
	fail  error // returned from the second page on
	// shift, when set, inserts a new hit at the front after the first page,
	// as an import running during the export would.
	shift bool
}

func newPager(n int) *pager {
	p := &pager{}
	for i := range n {
		p.hits = append(p.hits, index.Hit{ID: fmt.Sprintf("h%04d", i), Title: fmt.Sprintf("标题%d", i),
			Reporter: "郭树勋", Newspaper: "焦作日报", Date: "2020-02-28", Page: i%8 + 1, Source: "p.txt",
			Snippet: "摘要\n第二行"})
	}
	return p
}

func (p *pager) Search(ctx context.Context, q string, opt index.SearchOptions) (*index.Results, error) {
	p.asked = append(p.asked, opt)
	if p.fail != nil && len(p.asked) > 1 {
		return nil, p.fail
	}
	if p.shift && len(p.asked) == 2 {
		p.hits = append([]index.Hit{{ID: "new", Title: "新来的"}}, p.hits...)
	}
	res := &index.Results{Query: q, Total: len(p.hits)}
	end := min(opt.Offset+opt.Limit, len(p.hits))
	if opt.Offset < end {
		res.Hits = p.hits[opt.Offset:end]
	}
	return res, nil
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("CSV does not start with the UTF-8 byte-order mark: % x", data[:min(8, len(data))])
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%s", err, data)
	}
	return rows
}

func TestCSV(t *testing.T) {
	hits := []index.Hit{
		{Title: "王家鹏调研督导服务业疫情防控和复工工作", Reporter: "郭树勋", Newspaper: "焦作日报", Page: 3,
			Date: "2020-02-27", Published: "2020-02-28", Source: "2020-02-29.txt", Snippet: "本报讯 2月28日上午，\n王家鹏调研"},
		{Title: "图为超市", Photographer: "李明", Date: "--02-26", Source: "人民日报", Snippet: `他说："口罩,要足量"`},
		{Title: "=HYPERLINK(\"http://x\")", Reporter: "王芳、赵强", Date: "", Source: "a.jsonl", Snippet: "-5℃ 以下"},
	}
	var b bytes.Buffer
	w := NewWriter(&b, CSV)
	for _, h := range hits {
		if err := w.Write(h); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"标题", "日期", "记者", "报名", "版次", "来源", "摘要"},
		{"王家鹏调研督导服务业疫情防控和复工工作", "2020-02-28", "郭树勋", "焦作日报", "3", "2020-02-29.txt", "本报讯 2月28日上午， 王家鹏调研"},
		{"图为超市", "????-02-26", "李明", "人民日报", "", "人民日报", `他说："口罩,要足量"`},
		{`'=HYPERLINK("http://x")`, "", "王芳、赵强", "", "", "a.jsonl", "'-5℃ 以下"},
	}
	if got := readCSV(t, b.Bytes()); !reflect.DeepEqual(got, want) {
		t.Errorf("CSV rows:\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(b.String(), "\r\n") || strings.Count(b.String(), "\r\n") != 4 {
		t.Errorf("CSV lines should end in CRLF, four of them:\n%q", b.String())
	}
}

func TestCSVWithoutHitsHasItsHeader(t *testing.T) {
	var b bytes.Buffer
	if err := NewWriter(&b, CSV).Flush(); err != nil {
		t.Fatal(err)
	}
	if got := readCSV(t, b.Bytes()); len(got) != 1 || got[0][0] != "标题" {
		t.Errorf("empty CSV = %q, want the header row alone", got)
	}
}

func TestReferenceList(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, List)
	w.Write(index.Hit{Title: "王家鹏调研督导服务业疫情防控和复工工作", Reporter: "郭树勋", Newspaper: "焦作日报", Date: "2020-02-28", Page: 3})
	w.Write(index.Hit{Title: "两家口罩生产企业复工", Date: "--02-26", Source: "2020-02-27.txt"})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "[1] 郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).\n" +
		"[2] 两家口罩生产企业复工[N]. [报纸名不详], [出版年不详]-02-26.\n"
	if b.String() != want {
		t.Errorf("reference list:\n got %q\nwant %q", b.String(), want)
	}
}

func TestExportWritesEveryPage(t *testing.T) {
	for _, f := range []Format{CSV, List} {
		t.Run(f.Ext(), func(t *testing.T) {
			p := newPager(1234)
			var b bytes.Buffer
			var progress []int
			n, err := Export(context.Background(), &b, f, p, "口罩", index.SearchOptions{Limit: 50, Offset: 100, Sort: index.OldestFirst},
				0, func(done, total int) { progress = append(progress, done) })
			if err != nil || n != 1234 {
				t.Fatalf("Export = %d, %v; want 1234 written", n, err)
			}
			lines := strings.Count(b.String(), "\n")
			if f == CSV {
				lines-- // the header
			}
			if lines != 1234 {
				t.Errorf("%d lines written, want 1234", lines)
			}
			if !strings.Contains(b.String(), "标题0") || !strings.Contains(b.String(), "标题1233") {
				t.Errorf("the first or the last hit is missing")
			}
			if f == List && !strings.Contains(b.String(), "\n[1234] 郭树勋. 标题1233[N]. 焦作日报, 2020-02-28(2).\n") {
				t.Errorf("the last reference is not numbered 1234:\n%s", b.String()[b.Len()-200:])
			}
			if len(p.asked) != 3 || p.asked[0].Offset != 0 || p.asked[2].Offset != 1000 || p.asked[0].Sort != index.OldestFirst {
				t.Errorf("pages asked: %+v; want offsets 0, 500, 1000 in the given order", p.asked)
			}
			if want := []int{500, 1000, 1234}; !reflect.DeepEqual(progress, want) {
				t.Errorf("progress = %v, want %v", progress, want)
			}
		})
	}
}

func TestExportEdges(t *testing.T) {
	t.Run("limit caps", func(t *testing.T) {
		var b bytes.Buffer
		n, err := Export(context.Background(), &b, List, newPager(700), "", index.SearchOptions{}, 600, nil)
		if err != nil || n != 600 || strings.Count(b.String(), "\n") != 600 {
			t.Errorf("Export(limit 600) = %d, %v, %d lines; want 600", n, err, strings.Count(b.String(), "\n"))
		}
	})
	t.Run("nothing found", func(t *testing.T) {
		var b bytes.Buffer
		n, err := Export(context.Background(), &b, CSV, newPager(0), "无", index.SearchOptions{}, 0, nil)
		if err != nil || n != 0 || len(readCSV(t, b.Bytes())) != 1 {
			t.Errorf("Export of no hits = %d, %v, %q; want the header only", n, err, b.String())
		}
	})
	t.Run("an article shifted onto the next page is written once", func(t *testing.T) {
		p := newPager(600)
		p.shift = true
		var b bytes.Buffer
		n, err := Export(context.Background(), &b, List, p, "", index.SearchOptions{}, 0, nil)
		if err != nil || strings.Count(b.String(), "标题499[N]") != 1 {
			t.Errorf("Export = %d, %v; 标题499 written %d times, want once", n, err, strings.Count(b.String(), "标题499[N]"))
		}
	})
	t.Run("a failing page is reported", func(t *testing.T) {
		p := newPager(900)
		p.fail = errors.New("disk gone")
		n, err := Export(context.Background(), &bytes.Buffer{}, CSV, p, "", index.SearchOptions{}, 0, nil)
		if !errors.Is(err, p.fail) || n != 500 {
			t.Errorf("Export = %d, %v; want 500 and the error", n, err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Export(ctx, &bytes.Buffer{}, CSV, newPager(10), "", index.SearchOptions{}, 0, nil); !errors.Is(err, context.Canceled) {
			t.Errorf("Export after cancel: %v, want context.Canceled", err)
		}
	})
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		ok   bool
	}{{"csv", CSV, true}, {"CSV", CSV, true}, {"gbt7714", List, true}, {"GB/T7714", List, true}, {"plain", 0, false}, {"xlsx", 0, false}}
	for _, tt := range tests {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}
