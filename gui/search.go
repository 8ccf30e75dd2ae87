package gui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
	"baosou/index/query"
)

// sortNames are the sort choices as the selector lists them.
func sortNames() []string {
	return []string{tr("sort.relevance"), tr("sort.newest"), tr("sort.oldest")}
}

// searchBar is the search box with its filters and the inline message line.
// Every change starts a search after delay; a newer one cancels the older
// (context) and only the newest may show its results (generation counter).
type searchBar struct {
	ui       *UI
	entry    *searchEntry
	from, to *searchEntry // filters pass Up/Down, Esc, F1, F3 on like the box
	reporter *searchEntry
	sort     *widget.Select
	message  *widget.Label

	delay  time.Duration
	timer  *time.Timer
	cancel context.CancelFunc
	gen    int
	shown  string // request key of the results on screen
}

func (s *searchBar) build() fyne.CanvasObject {
	s.entry = newSearchEntry(s.ui)
	s.entry.SetPlaceHolder(tr("search.placeholder"))
	s.entry.OnChanged = func(string) { s.schedule(s.delay) }
	s.entry.OnSubmitted = func(string) { s.onSubmit() }

	s.from = s.filterEntry(tr("search.from"))
	s.to = s.filterEntry(tr("search.to"))
	s.reporter = s.filterEntry(tr("search.reporter"))
	s.sort = widget.NewSelect(sortNames(), nil)
	s.sort.SetSelectedIndex(0)
	s.sort.OnChanged = func(string) { s.runNow() }

	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapBreak
	s.message.Importance = widget.DangerImportance
	s.message.Hide()

	// The filters sit beside the box, or under it in a narrow window, so the
	// bar never holds the window wider than the screen (large text, 640 px).
	bar := newFlowBox(0, 1, 240, s.entry,
		fixedWidth(140, s.from), fixedWidth(140, s.to),
		fixedWidth(100, s.reporter), fixedWidth(116, s.sort))
	return container.NewBorder(nil, s.message, nil, nil, bar)
}

func (s *searchBar) filterEntry(placeholder string) *searchEntry {
	e := newSearchEntry(s.ui)
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { s.schedule(s.delay) }
	e.OnSubmitted = func(string) { s.runNow() }
	return e
}

// request reads the box and filters into a query and options, or says what
// is wrong with a filter.
func (s *searchBar) request() (string, index.SearchOptions, string) {
	q := strings.TrimSpace(s.entry.Text)
	opt := index.SearchOptions{Limit: pageSize, Reporter: strings.TrimSpace(s.reporter.Text), Facets: true}
	var err error
	if opt.From, err = normalizeDate(s.from.Text, false); err != nil {
		return q, opt, tr("date.fromBad", err.Error())
	}
	if opt.To, err = normalizeDate(s.to.Text, true); err != nil {
		return q, opt, tr("date.toBad", err.Error())
	}
	switch s.sort.SelectedIndex() {
	case 1:
		opt.Sort = index.NewestFirst
	case 2:
		opt.Sort = index.OldestFirst
	default:
		if q == "" { // nothing to rank by: list the newest first
			opt.Sort = index.NewestFirst
		}
	}
	return q, opt, ""
}

func requestKey(q string, opt index.SearchOptions) string {
	return fmt.Sprintf("%q|%s|%s|%s|%d", q, opt.From, opt.To, opt.Reporter, opt.Sort)
}

// runNow searches at once, skipping the debounce.
func (s *searchBar) runNow() { s.schedule(0) }

// schedule starts a search for the current box and filters after delay,
// cancelling whatever search came before.
func (s *searchBar) schedule(delay time.Duration) {
	s.gen++
	gen := s.gen
	if s.cancel != nil {
		s.cancel()
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	q, opt, problem := s.request()
	if problem != "" {
		s.showMessage(problem, true)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	typed := time.Now()
	work := func() { s.search(ctx, gen, q, opt, typed) }
	if delay <= 0 {
		s.ui.spawn(work)
		return
	}
	s.timer = time.AfterFunc(delay, work)
}

// search runs off the UI goroutine and posts its outcome, which is dropped
// if a newer search has started meanwhile.
func (s *searchBar) search(ctx context.Context, gen int, q string, opt index.SearchOptions, typed time.Time) {
	if ctx.Err() != nil {
		return
	}
	start := time.Now()
	res, err := s.ui.lib.Search(ctx, q, opt)
	searched := time.Since(start)
	posted := time.Now()
	s.ui.post(func() {
		if gen != s.gen {
			return
		}
		shown := time.Now()
		s.show(q, opt, res, err)
		if err == nil {
			trace("query %q: %d results listed %v after the search started (search %v, waiting for the UI %v, list %v; %v after the keystroke, debounce included)",
				q, res.Total, ms(time.Since(start)), ms(searched), ms(shown.Sub(posted)), ms(time.Since(shown)), ms(time.Since(typed)))
			s.ui.firstResults()
		}
	})
}

// show puts a search's outcome on screen. A query that cannot be read
// empties the list, so results of an older query never stand under its
// error; one read in a way worth knowing (or OR) says so above the results.
func (s *searchBar) show(q string, opt index.SearchOptions, res *index.Results, err error) {
	var se *query.SyntaxError
	switch {
	case errors.As(err, &se):
		s.showMessage(syntaxMessage(q, se), true)
		s.shown = ""
		s.ui.results.clearFor(q, tr("empty.syntax"))
		s.ui.facets.set(nil)
		return
	case errors.Is(err, context.Canceled):
		return
	case err != nil:
		s.showMessage(tr("search.failed", err), true)
		return
	}
	s.showMessage(hintMessage(q), false)
	s.shown = requestKey(q, opt)
	s.ui.results.set(q, opt, res)
	s.ui.toolbox().recent.noteShown(q) // recent.go
	s.ui.facets.set(res)
}

// hintMessage says how the parser read q where it could be read two ways.
func hintMessage(q string) string {
	var parts []string
	for _, h := range query.Hints(q) {
		if english {
			parts = append(parts, h.Msg)
		} else {
			parts = append(parts, h.Zh)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return tr("search.hint", strings.Join(parts, tr("list.sep")))
}

// more fetches the next page of the results on screen; the facets stay
// those of the first page, which counted every match.
func (s *searchBar) more(q string, opt index.SearchOptions, offset int) {
	gen := s.gen
	opt.Offset, opt.Facets = offset, false
	s.ui.spawn(func() {
		res, err := s.ui.lib.Search(context.Background(), q, opt)
		s.ui.post(func() {
			switch {
			case gen != s.gen:
			case err != nil:
				s.ui.results.loading = false
				s.showMessage(tr("search.failed", err), true)
			default:
				s.ui.results.appendPage(res)
			}
		})
	})
}

// onSubmit (Enter) searches at once, or when the results on screen are
// already for this request, opens the chosen one at its first match.
func (s *searchBar) onSubmit() {
	q, opt, problem := s.request()
	if problem == "" && requestKey(q, opt) == s.shown && s.ui.results.pick() {
		return
	}
	s.runNow()
}

// onClear (Esc) empties the search box; a second Esc clears the filters too.
func (s *searchBar) onClear() {
	if s.entry.Text != "" {
		s.entry.SetText("")
		return
	}
	s.clearFilters()
}

// clearFilters empties the date and reporter filters.
func (s *searchBar) clearFilters() {
	for _, e := range []*searchEntry{s.from, s.to, s.reporter} {
		if e.Text != "" {
			e.SetText("")
		}
	}
}

// filtered reports whether any filter narrows the search.
func (s *searchBar) filtered() bool {
	return s.from.Text != "" || s.to.Text != "" || s.reporter.Text != ""
}

// showMessage shows msg above the results, a problem in the danger colour;
// "" hides it.
func (s *searchBar) showMessage(msg string, problem bool) {
	s.message.Importance = widget.MediumImportance
	if problem {
		s.message.Importance = widget.DangerImportance
	}
	s.message.SetText(msg)
	if msg == "" {
		s.message.Hide()
	} else {
		s.message.Show()
	}
}

// syntaxMessage explains a query syntax error and marks where it is.
func syntaxMessage(q string, se *query.SyntaxError) string {
	r := []rune(q)
	pos := min(max(se.Pos, 0), len(r))
	marked := string(r[:pos]) + "▶" + string(r[pos:])
	msg := se.Zh
	if msg == "" || english {
		msg = se.Msg
	}
	return tr("search.syntax", pos+1, msg, marked)
}

// normalizeDate accepts 2020-02-24, 2020-2-4, 2020/02/24, 2020.2.4, 20200224,
// 2020-02 and 2020, and returns YYYY-MM-DD. A month or year alone means its
// first day, or its last when end is set. Empty stays empty.
func normalizeDate(s string, end bool) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	bad := errors.New(tr("date.bad"))
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' || r == '年' || r == '月' || r == '日' })
	if len(parts) == 1 && len(s) == 8 {
		parts = []string{s[:4], s[4:6], s[6:]}
	}
	if len(parts) == 0 || len(parts) > 3 || len(parts[0]) != 4 {
		return "", bad
	}
	nums := make([]int, 3)
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return "", bad
		}
		nums[i] = n
	}
	y, m, d := nums[0], nums[1], nums[2]
	if len(parts) < 2 {
		m = map[bool]int{false: 1, true: 12}[end]
	}
	if len(parts) < 3 {
		d = 1
		if end {
			d = time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return "", bad
	}
	return t.Format("2006-01-02"), nil
}

// ms rounds a duration for the trace.
func ms(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
