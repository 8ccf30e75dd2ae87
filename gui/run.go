package gui

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"baosou/index"
)

// launched is when the process started, near enough: package initialisation.
var launched = time.Now()

// tracing is on with BAOSOU_TRACE=1: how long the first results and each
// query's results take to reach the screen, on stderr.
var tracing = os.Getenv("BAOSOU_TRACE") == "1"

func trace(format string, args ...any) {
	if tracing {
		fmt.Fprintf(os.Stderr, "trace: "+format+"\n", args...)
	}
}

var firstOnce sync.Once

// firstResults notes the first results on screen after launch.
func (u *UI) firstResults() {
	firstOnce.Do(func() { trace("first results on screen %v after launch", time.Since(launched).Round(time.Millisecond)) })
}

// appID matches the ID in FyneApp.toml; `go build` does not read that file,
// so Run names it itself (Preferences are stored under it).
const appID = "io.github.baosou"

// Run opens the library in dataDir and runs the desktop app until its window
// closes. It returns the process exit code: 1 when the library could not be
// opened. The library opens in the background behind a "loading" line, and a
// failure (another Baosou holding it, a damaged folder) is explained in the
// window, so a start never hangs silently.
func Run(dataDir string) int {
	a := app.NewWithID(appID)
	useFyneLanguage()
	a.SetIcon(appIcon)
	a.Settings().SetTheme(newTheme(float32(a.Preferences().FloatWithFallback(prefTextScale, 1))))
	w := a.NewWindow(windowTitle)
	w.SetIcon(appIcon)
	w.Resize(fyne.NewSize(1200, 760))

	var (
		lib  *index.Library
		ui   *UI
		code int
	)
	var open func()
	open = func() {
		status := widget.NewLabel(tr("open.loading", dataDir))
		w.SetContent(container.NewCenter(status))
		go func() {
			l, err := index.OpenWith(dataDir, index.Options{Progress: func(done, total int) {
				fyne.Do(func() {
					status.SetText(tr("open.rebuilding", done, total, dataDir))
				})
			}})
			fyne.Do(func() {
				if err != nil {
					code = 1
					w.SetContent(openError(dataDir, err, open, a.Quit))
					return
				}
				code, lib = 0, l
				ui = New(a, w, l)
			})
		}()
	}
	open()
	w.ShowAndRun()
	if ui != nil {
		ui.shutdown()
	}
	if lib != nil {
		if err := lib.Close(); err != nil {
			fyne.LogError("closing the library", err)
		}
	}
	return code
}

// shutdown stops the work under way before the library closes.
func (u *UI) shutdown() {
	if u.search.cancel != nil {
		u.search.cancel()
	}
	if u.imports.cancel != nil {
		u.imports.cancel()
	}
}

// openError explains why the library could not be opened, with Retry and Quit.
func openError(dir string, err error, retry, quit func()) fyne.CanvasObject {
	title, advice := tr("open.failed"), tr("open.failedAdvice")
	if errors.Is(err, index.ErrLocked) {
		title, advice = tr("open.locked"), tr("open.lockedAdvice")
	}
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(advice)
	body.Wrapping = fyne.TextWrapBreak
	detail := newMetaText()
	detail.Wrapping = fyne.TextWrapBreak
	setMetaText(detail, tr("open.detail", dir, err))
	icon := container.NewGridWrap(fyne.NewSquareSize(48), widget.NewIcon(theme.WarningIcon()))
	buttons := container.NewHBox(widget.NewButton(tr("button.retry"), retry), widget.NewButton(tr("button.quit"), quit))
	box := container.NewVBox(container.NewCenter(icon), head, body, detail, container.NewCenter(buttons))
	return container.NewPadded(container.NewCenter(fixedWidth(560, box)))
}
