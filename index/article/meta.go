package article

import (
	"fmt"
	"strings"
)

// setMeta settles what the page says about itself: publication date, page,
// section and paper from the masthead; where it prints none, the date and
// page in the file name (with a WarnDateInName), then Options.Page.
func (p *page) setMeta() {
	m := &p.meta
	p.name = FromName(p.opt.Name)
	name := p.name
	m.published, m.page, m.section, m.newspaper = p.mast.date, p.mast.page, p.mast.section, p.mast.newspaper
	var fromName []string
	if m.published.IsZero() && !name.Date.IsZero() {
		m.published = name.Date
		fromName = append(fromName, "date="+name.Date.String())
	}
	if m.page == 0 && name.Page > 0 {
		m.page = name.Page
		fromName = append(fromName, fmt.Sprintf("page=%d", name.Page))
	}
	if m.page == 0 {
		m.page = p.opt.Page
	}
	switch {
	case !p.mast.date.IsZero():
		m.yearFrom = "the masthead"
	case p.opt.Year > 0:
		m.yearFrom = "the year given"
	case name.Year > 0:
		m.yearFrom = "the file name"
	}
	if len(fromName) > 0 {
		p.nameWarning(strings.Join(fromName, " "))
	}
}

func (p *page) nameWarning(detail string) {
	p.warnings = append(p.warnings, Warning{Code: WarnDateInName, Detail: detail})
}

// leadYear gives a lead's month and day a year: the masthead's (the year
// before it for a month more than half a year after the publication's, a
// December lead on a January page), else Options.Year, else the file name's.
func (p *page) leadYear(d Date) Date {
	if d.IsZero() || d.Year > 0 {
		return d
	}
	name := p.name
	switch {
	case !p.mast.date.IsZero():
		d.Year = yearNear(d, p.mast.date)
	case p.opt.Year > 0:
		d.Year = p.opt.Year
	case !name.Date.IsZero():
		d.Year = yearNear(d, name.Date)
		p.yearFromName = true
	case name.Year > 0:
		d.Year = name.Year
		p.yearFromName = true
	}
	return d
}

func yearNear(d, pub Date) int {
	if d.Month > pub.Month+6 {
		return pub.Year - 1
	}
	return pub.Year
}

// setMetaOn gives a the page's metadata and its lead date a year; a caption
// is dated by the page.
func (p *page) setMetaOn(a *Article) {
	a.Date = p.leadYear(a.Date)
	a.Published, a.Page, a.Section, a.Newspaper = p.meta.published, p.meta.page, p.meta.section, p.meta.newspaper
	if a.Kind == KindCaption && a.Date.IsZero() {
		a.Date = p.meta.published
	}
}

// runeSum is a multiset of runes, kept as a count and a sum of hashes, so
// that two texts can be compared for holding the same characters.
type runeSum struct {
	n int
	h uint64
}

func (s *runeSum) add(t string) {
	for _, r := range t {
		if isSpace(r) || isInvisible(r) {
			continue
		}
		x := uint64(r) + 0x9E3779B97F4A7C15 // splitmix64's finaliser
		x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
		x = (x ^ (x >> 27)) * 0x94D049BB133111EB
		s.n++
		s.h += x ^ (x >> 31)
	}
}

// accounted reports whether the documents, the masthead and the dropped
// furniture together hold every visible character of text exactly once.
func (p *page) accounted(text string) bool {
	var want, got runeSum
	want.add(text)
	for _, r := range p.rows {
		if r.role == RoleMasthead || r.role == RoleFurniture || r.role == RoleLeftover {
			got.add(r.fixed)
		}
	}
	for _, a := range p.out {
		if !a.TitleDerived {
			got.add(a.Title)
		}
		got.add(a.Kicker)
		got.add(a.Subtitle)
		for _, para := range a.Paragraphs {
			got.add(para)
		}
	}
	return got == want
}

// fallback keeps the whole page as one document, every line in it, when the
// rules could not cut it.
func (p *page) fallback(why string) {
	lines := splitLines(p.text)
	p.rows = make([]row, len(lines))
	for i, ln := range lines {
		p.rows[i] = newRow(i, ln, nil)
	}
	p.wrapped = isWrapped(p.rows)
	p.out, p.groups, p.capts, p.blocks = nil, nil, nil, nil
	p.warnings = []Warning{{Code: WarnNoLayout, Detail: why}}
	a := Article{Kind: KindDocument, Paragraphs: p.reflow([]span{{0, len(p.rows)}})}
	a.Title, a.TitleDerived = p.baseName(), true
	if a.Title == "" {
		a.Title = p.derive(a.Paragraphs, false)
	}
	a.Published, a.Page, a.Section, a.Newspaper = p.meta.published, p.meta.page, p.meta.section, p.meta.newspaper
	for i := range p.rows {
		p.rows[i].role, p.rows[i].why, p.rows[i].doc = RoleDocument, "kept whole: "+why, 1
	}
	if len(a.Paragraphs) > 0 {
		p.out = []Article{a}
	}
}

// noteYear adds a WarnDateInName when a lead's year came from the file name.
func (p *page) noteYear() {
	if !p.yearFromName {
		return
	}
	for _, w := range p.warnings {
		if w.Code == WarnDateInName {
			return // the publication date from the name already says so
		}
	}
	p.nameWarning(fmt.Sprintf("year=%d", p.name.Year))
}
