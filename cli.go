package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"baosou/index"
	"baosou/index/cite"
)

const usage = `baosou — search a library of Chinese newspaper articles.

Usage:
  baosou                                   open the desktop app
  baosou import [--year N] PATH...         add files or folders (every .txt and .jsonl inside);
                                           progress on stderr, summary on stdout
  baosou search [--json | --format csv|gbt7714] [--cite plain|gbt7714] [--limit N]
                [--sort relevance|-date|date] [--from DATE] [--to DATE] [--reporter NAME] QUERY...
  baosou show [--json] [--query Q] [--cite plain|gbt7714] ID
                                           one article; --query highlights its matches
  baosou parse [--json] [--explain] [--year N] FILE
                                           show how a file is cut into articles; stores nothing;
                                           --explain says, line by line, what each line was taken
                                           for (headline, lead, body, caption, column break…) and why
  baosou sources [--json]                  the imported files and their article counts
  baosou sources --set-year ID YEAR        the year of a source's dates printed without one (re-dates them)
  baosou sources --set-newspaper ID NAME   a source's newspaper name, for results and citations
  baosou remove SOURCE_ID                  delete an imported file and its articles
  baosou reindex                           rebuild the index from the stored sources
  baosou help                              this text

Every command takes --data DIR: the library folder (default $BAOSOU_DATA, else
$XDG_DATA_HOME/baosou, i.e. ~/.local/share/baosou). A new library starts with a
bundled sample page (2020); --no-sample (or BAOSOU_NO_SAMPLE=1) leaves it out.

Query syntax:
  疫情 复工            both terms, anywhere in headline or body (space = AND)
  口罩 OR 防护         either term
  疫情 -北京           the first without the second
  "复工 复产"          an exact phrase
  (口罩 OR 防护) 企业  grouping
  title:复工  标题:复工      in the headline
  reporter:郭树勋  记者:郭树勋  by reporter
  date:2020-02-26  date:2020-02  date:2020-02-24..2020-02-28  日期:2020
A term matches as a substring, one character included (鹏). Matching ignores
width (２月 = 2月), case, traditional/simplified (復工 = 复工) and OCR spaces.
--sort: relevance (default; headline matches first, ties newest first),
-date (newest first) or date (oldest first).

Citations and export:
  --cite plain      ——《标题》，《焦作日报》2020年2月28日第3版，记者郭树勋
  --cite gbt7714    郭树勋. 标题[N]. 焦作日报, 2020-02-28(3).   (GB/T 7714-2015)
    adds each article's citation to show and search (a "citation" field with --json).
    The date is the page's publication date when known, else the article's.
  --format csv      every match (not one page; --limit caps it) as CSV: 标题, 日期,
                    记者, 报名, 版次, 来源, 摘要; UTF-8 with a byte-order mark for Excel
  --format gbt7714  every match as a numbered GB/T 7714 reference list, [1] …

Exit status: 0 success, 1 some input failed (the rest was done) or the library
is in use, 2 usage error (including a query that cannot be parsed).
`

// cmdFlags holds every flag of every command; each command reads the ones it has.
type cmdFlags struct {
	data, query, sort, from, to, reporter string
	cite, format                          string
	json, noSample, explain               bool
	limit, year                           int
	limitSet                              bool // --limit was given, not the default
	args                                  []string
	sets                                  []sourceSet // sources --set-year/--set-newspaper, in order
}

// known lists the flags each command accepts ("" = global ones).
var known = map[string]string{
	"":        "data no-sample",
	"import":  "year json",
	"search":  "json limit sort from to reporter cite format",
	"show":    "json query cite",
	"parse":   "json year explain",
	"sources": "json set-year set-newspaper",
}

type usageError string

func (e usageError) Error() string { return string(e) }

// parseFlags reads flags anywhere among the arguments. An argument starting
// with "-" that is no flag of the command is kept: "-北京" is an exclusion.
func parseFlags(cmd string, args []string) (*cmdFlags, error) {
	f := &cmdFlags{limit: 20, sort: "relevance"}
	ok := " " + known[""] + " " + known[cmd] + " "
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			f.args = append(f.args, args[i+1:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		isFlag := strings.HasPrefix(a, "-") && len(a) > 1 && strings.Contains(ok, " "+name+" ")
		if !isFlag {
			if strings.HasPrefix(a, "--") && len(a) > 2 {
				return nil, usageError(fmt.Sprintf("baosou %s: unknown flag %s", cmd, a))
			}
			f.args = append(f.args, a)
			continue
		}
		if name == "json" || name == "no-sample" || name == "explain" {
			f.json = f.json || name == "json"
			f.noSample = f.noSample || name == "no-sample"
			f.explain = f.explain || name == "explain"
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, usageError(fmt.Sprintf("baosou %s: %s needs a value", cmd, a))
			}
			i++
			val = args[i]
		}
		if err := f.set(name, val); err != nil {
			return nil, usageError(fmt.Sprintf("baosou %s: %s %q: %v", cmd, a, val, err))
		}
	}
	return f, nil
}

func (f *cmdFlags) set(name, val string) error {
	var err error
	switch name {
	case "data":
		f.data = val
	case "query":
		f.query = val
	case "sort":
		f.sort = val
	case "from":
		f.from = val
	case "to":
		f.to = val
	case "reporter":
		f.reporter = val
	case "cite":
		f.cite = val
		_, err = cite.ParseStyle(val)
	case "format":
		f.format = val
		_, err = cite.ParseFormat(val)
	case "set-year", "set-newspaper":
		f.sets = append(f.sets, sourceSet{what: name, id: val})
	case "limit":
		f.limitSet = true
		f.limit, err = strconv.Atoi(val)
		if err == nil && f.limit < 1 {
			err = errors.New("must be at least 1")
		}
	case "year":
		f.year, err = strconv.Atoi(val)
		if err == nil && (f.year < 1000 || f.year > 9999) {
			err = errors.New("must be a four-digit year")
		}
	}
	return err
}

// run is the CLI: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd := args[0]
	commands := map[string]func(*cmdFlags, io.Writer, io.Writer) int{
		"import": cmdImport, "search": cmdSearch, "show": cmdShow, "parse": cmdParse,
		"sources": cmdSources, "remove": cmdRemove, "reindex": cmdReindex,
	}
	fn, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "baosou: unknown command %q (see baosou help)\n", cmd)
		return 2
	}
	f, err := parseFlags(cmd, args[1:])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	return fn(f, stdout, stderr)
}

// open opens the library named by --data, reporting why not.
func (f *cmdFlags) open(stderr io.Writer) (*index.Library, bool) {
	dir := f.data
	if dir == "" {
		dir = index.DefaultDir()
	}
	noSample := f.noSample || os.Getenv("BAOSOU_NO_SAMPLE") == "1"
	lib, err := index.OpenWith(dir, index.Options{NoSample: noSample, Progress: func(done, total int) {
		fmt.Fprintf(stderr, "rebuilding the index: %d/%d sources\n", done, total)
	}})
	if err != nil {
		fmt.Fprintf(stderr, "baosou: %v\n", err)
		return nil, false
	}
	if n := lib.Notice(); n != "" {
		fmt.Fprintf(stderr, "\nbaosou: %s\n", n)
	}
	return lib, true
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func interrupted() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}
