package gui

import (
	"strconv"
	"strings"

	"baosou/index"
	"baosou/index/article"
	"baosou/index/cite"
)

// hitMeta is the line under a headline in the result list: 2020年2月28日 ·
// 记者郭树勋 · 焦作日报 第3版; the imported file's name only when no paper is
// known (the article view names the file).
func hitMeta(h index.Hit) string {
	var parts []string
	if d := showDate(h.Date); d != "" {
		parts = append(parts, d)
	} else {
		parts = append(parts, tr("results.noDate"))
	}
	if h.Reporter != "" {
		parts = append(parts, tr("results.reporter", h.Reporter))
	}
	if h.Photographer != "" {
		parts = append(parts, tr("results.photo", h.Photographer))
	}
	if p := paperPage(cite.FromHit(h).Paper(), h.Page, ""); p != "" {
		parts = append(parts, p)
	} else if h.Source != "" {
		parts = append(parts, h.Source)
	}
	return strings.Join(parts, " · ")
}

// paperPage is 焦作日报 第3版 要闻, or the part of it that is known.
func paperPage(paper string, page int, section string) string {
	var parts []string
	for _, p := range []string{paper, pageText(page), section} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

func pageText(page int) string {
	if page <= 0 {
		return ""
	}
	return tr("results.page", page)
}

// docMeta is the small text under the headline of the article view: who
// wrote it and when on the first line, where it was printed and where it
// came from on the second, and a word on text read from a scan.
func docMeta(doc *index.Doc) string {
	var who, where []string
	if dt := showDate(doc.Date); dt != "" {
		who = append(who, dt)
	}
	if doc.Reporter != "" {
		who = append(who, tr("detail.reporter", doc.Reporter))
	}
	if doc.Photographer != "" {
		who = append(who, tr("detail.photo", doc.Photographer))
	}
	if len(doc.Contributors) > 0 {
		who = append(who, strings.Join(doc.Contributors, tr("list.of")))
	}
	if doc.Agency != "" || doc.Place != "" {
		who = append(who, tr("detail.wire", wireText(doc.Agency, doc.Place)))
	}
	if p := paperPage(cite.FromDoc(doc).Paper(), doc.Page, doc.Section); p != "" {
		where = append(where, p)
	}
	if doc.Published != "" && doc.Published != doc.Date {
		where = append(where, tr("detail.published", showDate(doc.Published)))
	}
	if doc.Source != "" {
		where = append(where, tr("detail.source", doc.Source))
	}
	first := strings.Join(who, " · ")
	if doc.TitleDerived {
		first += tr(derivedFrom(doc))
	}
	lines := []string{first, strings.Join(where, " · ")}
	if doc.OCR {
		lines = append(lines, tr("detail.ocr"))
	}
	return strings.TrimSpace(strings.Join(nonEmpty(lines), "\n"))
}

// wireText is a wire dateline's agency and place as the page prints them
// (新华社郑州), with a space between them in English.
func wireText(agency, place string) string {
	if english && agency != "" && place != "" {
		return agency + " " + place
	}
	return agency + place
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// derivedFrom is the message key saying where a title the page did not
// print was taken from: a caption's 图为… sentence (which names what the
// photo shows), the file's name (a page without any article), or the first
// sentence.
func derivedFrom(doc *index.Doc) string {
	title, _ := squeezeSpaces(strings.TrimRight(strings.TrimSpace(doc.Title), "…"), nil)
	body := strings.Join(strings.Fields(doc.Body), "")
	compact := strings.Join(strings.Fields(title), "")
	switch {
	case title == "":
	case doc.Kind == "caption" && (strings.Contains(body, "图为"+compact) || strings.Contains(body, "圖為"+compact)):
		return "detail.derivedPhoto"
	case title == article.FileStem(doc.Source) || title == doc.Source:
		return "detail.derivedFile"
	}
	return "detail.derivedFirst"
}

// nameDates words a file-name warning's Detail ("date=2020-02-28 page=3",
// "year=2020"): 出版日期2020年2月28日、第3版.
func nameDates(detail string) string {
	var parts []string
	for _, f := range strings.Fields(detail) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "date":
			parts = append(parts, tr("name.date", showDate(v)))
		case "page":
			n, _ := strconv.Atoi(v)
			parts = append(parts, pageText(n))
		case "year":
			parts = append(parts, tr("name.year", v))
		default:
			parts = append(parts, f)
		}
	}
	return strings.Join(nonEmpty(parts), tr("list.of"))
}
