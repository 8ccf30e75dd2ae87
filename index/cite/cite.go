// Package cite formats citations of newspaper articles, in GB/T 7714-2015 and
// in Baosou's plain Chinese style, and writes result lists as CSV or as a
// numbered GB/T 7714 reference list.
//
// GB/T 7714-2015 cites an article in a newspaper (连续出版物中的析出文献) as
//
//	主要责任者. 题名[N]. 报纸名, 出版日期(版次).
//	郭树勋. 王家鹏调研督导服务业疫情防控和复工工作[N]. 焦作日报, 2020-02-28(3).
//
// with half-width ". " and ", " between the parts, as the standard's own
// examples print them. Where the article does not say everything the standard
// asks for, this package prints:
//
//   - several reporters: up to three, separated by ", "; more than three, the
//     first three and ", 等", as the standard's rule for 责任者 says;
//   - no reporter: no author part, the citation starts with the title, which
//     the standard allows in numbered (顺序编码制) lists such as ours, instead
//     of "佚名"; a photo caption with a photographer and no reporter names the
//     photographer as its author; a photographer beside the reporters is
//     another responsible person after the title, "李明, 摄." (as the standard
//     writes a translator, "李庆龙, 译.");
//   - no newspaper name: the source's name when it is a publication (a .jsonl
//     record's "source"), else "[报纸名不详]", in the brackets the standard
//     uses for what the citer supplies ("[出版者不详]");
//   - no year: "[出版年不详]-02-28"; no date at all: "[出版日期不详]";
//   - no page (版次): the parenthesised page is left out.
//
// The date cited is the page's publication date when known, else the
// article's own date. Titles have runs of white space collapsed to one space.
package cite

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"baosou/index"
)

// Style is a citation style.
type Style int

// The citation styles.
const (
	// Plain is Baosou's own line: ——《标题》，《焦作日报》2020年2月28日第3版，记者郭树勋
	Plain Style = iota
	// GBT7714 is GB/T 7714-2015: 郭树勋. 标题[N]. 焦作日报, 2020-02-28(3).
	GBT7714
)

var styleNames = [...]string{Plain: "plain", GBT7714: "gbt7714"}

// String is the style's name as ParseStyle reads it: "plain" or "gbt7714".
func (s Style) String() string {
	if s < 0 || int(s) >= len(styleNames) {
		return "Style(" + strconv.Itoa(int(s)) + ")"
	}
	return styleNames[s]
}

// ParseStyle reads a style name: plain, or gbt7714 (also "gb", "gbt",
// "gb/t7714", "gbt-7714", any case).
func ParseStyle(name string) (Style, error) {
	switch strings.NewReplacer("/", "", "-", "", " ", "", "_", "").Replace(strings.ToLower(name)) {
	case "plain":
		return Plain, nil
	case "gbt7714", "gb7714", "gbt", "gb":
		return GBT7714, nil
	}
	return Plain, fmt.Errorf("unknown citation style %q: use plain or gbt7714", name)
}

// Ref is what a citation names of one article.
type Ref struct {
	Title        string
	Reporter     string // one or several names, as the article prints them
	Photographer string
	Newspaper    string // 报名; "" = unknown
	Source       string // a .jsonl record's publication, else the imported file's name
	Date         string // the article's date: 2020-02-24, --02-24 (year unknown) or ""
	Published    string // the page's publication date, in the same forms
	Page         int    // 版次; 0 = unknown
}

// FromDoc is the citation data of a stored article.
func FromDoc(d *index.Doc) Ref {
	return Ref{Title: d.Title, Reporter: d.Reporter, Photographer: d.Photographer, Newspaper: d.Newspaper,
		Source: d.Source, Date: d.Date, Published: d.Published, Page: d.Page}
}

// FromHit is the citation data of a search hit.
func FromHit(h index.Hit) Ref {
	return Ref{Title: h.Title, Reporter: h.Reporter, Photographer: h.Photographer, Newspaper: h.Newspaper,
		Source: h.Source, Date: h.Date, Published: h.Published, Page: h.Page}
}

// Format is the citation of r in style s.
func (r Ref) Format(s Style) string {
	if s == GBT7714 {
		return r.GBT7714()
	}
	return r.Plain()
}

// Plain is the citation line that follows copied text:
//
//	——《标题》，《焦作日报》2020年2月28日第3版，记者郭树勋，摄影李明
//
// Without a newspaper name it ends in the source instead, "来源：2020-02-29.txt".
func (r Ref) Plain() string {
	parts := []string{"《" + r.title() + "》"}
	where := ""
	paper := r.Paper()
	if paper != "" {
		where = "《" + paper + "》"
	}
	where += ChineseDate(r.CitedDate())
	if r.Page > 0 {
		where += "第" + strconv.Itoa(r.Page) + "版"
	}
	if where != "" {
		parts = append(parts, where)
	}
	reporters := names(r.Reporter)
	if len(reporters) > 0 {
		parts = append(parts, "记者"+strings.Join(reporters, "、"))
	}
	if ps := others(names(r.Photographer), reporters); len(ps) > 0 {
		parts = append(parts, "摄影"+strings.Join(ps, "、"))
	}
	if paper == "" && strings.TrimSpace(r.Source) != "" {
		parts = append(parts, "来源："+strings.TrimSpace(r.Source))
	}
	return "——" + strings.Join(parts, "，")
}

// GBT7714 is the GB/T 7714-2015 reference for r (see the package comment for
// what is printed when something is unknown).
func (r Ref) GBT7714() string {
	var b strings.Builder
	reporters := names(r.Reporter)
	photographers := names(r.Photographer)
	authors, extra := reporters, others(photographers, reporters)
	if len(authors) == 0 { // a photo caption: the photographer made it
		authors, extra = photographers, nil
	}
	if len(authors) > 0 {
		b.WriteString(authorList(authors) + ". ")
	}
	b.WriteString(r.title() + "[N]. ")
	if len(extra) > 0 {
		b.WriteString(authorList(extra) + ", 摄. ")
	}
	paper := r.Paper()
	if paper == "" {
		paper = "[报纸名不详]"
	}
	b.WriteString(paper + ", " + isoDate(r.CitedDate()))
	if r.Page > 0 {
		b.WriteString("(" + strconv.Itoa(r.Page) + ")")
	}
	b.WriteString(".")
	return b.String()
}

// Paper is the newspaper's name: Newspaper, else Source when it names a
// publication rather than an imported file ("" when neither does).
func (r Ref) Paper() string {
	if p := collapse(r.Newspaper); p != "" {
		return p
	}
	if s := collapse(r.Source); s != "" && !isFileName(s) {
		return s
	}
	return ""
}

// CitedDate is the date a citation gives: the publication date when known,
// else the article's date.
func (r Ref) CitedDate() string {
	if p := strings.TrimSpace(r.Published); p != "" {
		return p
	}
	return strings.TrimSpace(r.Date)
}

func (r Ref) title() string {
	if t := collapse(r.Title); t != "" {
		return t
	}
	return "[无题名]"
}

// authorList joins up to three names; more than three are the first three and 等.
func authorList(ns []string) string {
	if len(ns) > 3 {
		return strings.Join(ns[:3], ", ") + ", 等"
	}
	return strings.Join(ns, ", ")
}

// collapse trims s and turns each run of white space (full-width included)
// into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// names splits a credit into people: 王芳、赵强 / 王芳，赵强 / 王芳 赵强. White
// space only separates names when every piece is a name of two or more
// characters, so an OCR space inside one name (郭 树勋) keeps it whole.
func names(s string) []string {
	seps := func(r rune) bool { return strings.ContainsRune("、，,；;/／|", r) }
	var out []string
	for _, part := range strings.FieldsFunc(s, seps) {
		pieces := strings.Fields(part)
		whole := len(pieces) > 1
		for _, p := range pieces {
			if utf8.RuneCountInString(p) < 2 || !isHan(p) {
				whole = false
			}
		}
		if !whole {
			pieces = []string{strings.Join(pieces, joiner(pieces))}
		}
		for _, p := range pieces {
			if p != "" && !contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// joiner glues the pieces of one name: nothing between Chinese characters,
// a space in a Latin name (John Smith).
func joiner(pieces []string) string {
	for _, p := range pieces {
		if !isHan(p) {
			return " "
		}
	}
	return ""
}

func isHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && r != '·' && r != '・' {
			return false
		}
	}
	return s != ""
}

// others is ns without the names in not.
func others(ns, not []string) []string {
	var out []string
	for _, n := range ns {
		if !contains(not, n) {
			out = append(out, n)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// fileExts are the endings of files Baosou imports; a Source ending in one is
// a file's name, not a newspaper's.
var fileExts = map[string]bool{
	".txt": true, ".text": true, ".jsonl": true, ".ndjson": true, ".json": true, ".pdf": true,
	".png": true, ".jpg": true, ".jpeg": true, ".tif": true, ".tiff": true, ".bmp": true,
	".gif": true, ".webp": true, ".csv": true, ".htm": true, ".html": true,
}

func isFileName(s string) bool {
	return strings.ContainsAny(s, `/\`) || fileExts[strings.ToLower(filepath.Ext(s))]
}

// ChineseDate renders a stored date the way Chinese prose prints it:
// 2020-02-28 is 2020年2月28日, --02-24 (year unknown) is 2月24日; "" stays "",
// anything else comes back as it is.
func ChineseDate(date string) string {
	parts := strings.Split(date, "-")
	switch {
	case len(parts) == 3 && len(parts[0]) == 4:
		return parts[0] + "年" + trimZero(parts[1]) + "月" + trimZero(parts[2]) + "日"
	case len(parts) == 4 && parts[0] == "" && parts[1] == "":
		return trimZero(parts[2]) + "月" + trimZero(parts[3]) + "日"
	}
	return date
}

// isoDate is the date as GB/T 7714 prints a newspaper's: YYYY-MM-DD, with the
// unknown year or date said in brackets.
func isoDate(date string) string {
	switch {
	case date == "":
		return "[出版日期不详]"
	case strings.HasPrefix(date, "--"):
		return "[出版年不详]" + date[1:]
	}
	return date
}

func trimZero(s string) string {
	if n, err := strconv.Atoi(s); err == nil {
		return strconv.Itoa(n)
	}
	return s
}
