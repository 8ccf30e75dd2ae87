package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// modal is a dialog that takes the keyboard while it is open: its first field
// has the focus, Enter runs its default button, Esc closes it, and no key
// reaches the window behind it.
type modal struct {
	ui     *UI
	dlg    *dialog.CustomDialog
	first  fyne.Focusable // focused when shown; nil when it has no field
	enter  func() bool    // the default button; false keeps the dialog open
	escape func()         // what Esc and closing do besides closing
	closed bool
}

// modalButton is one button of a modal; action returning false keeps the
// dialog open (a field to correct).
type modalButton struct {
	label   string
	primary bool // the default button: Enter runs it
	danger  bool // it deletes something: drawn in the danger colour
	action  func() bool
}

// showModal opens a dialog with content and buttons, the first field
// focused. onClose runs however it closes (a button, Esc), once.
func (u *UI) showModal(title string, content fyne.CanvasObject, first fyne.Focusable, onClose func(), buttons ...modalButton) *modal {
	m := &modal{ui: u, first: first, escape: onClose}
	m.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	objs := make([]fyne.CanvasObject, len(buttons))
	for i, b := range buttons {
		b := b
		run := func() bool {
			if b.action != nil && !b.action() {
				return false
			}
			m.close()
			return true
		}
		btn := widget.NewButton(b.label, func() { run() })
		if b.primary {
			btn.Importance = widget.HighImportance
			m.enter = run
		}
		if b.danger {
			btn.Importance = widget.DangerImportance
		}
		objs[i] = btn
	}
	m.dlg.SetButtons(objs)
	m.dlg.SetOnClosed(func() { m.done() })
	u.modals = append(u.modals, m)
	m.dlg.Show()
	if first != nil {
		u.win.Canvas().Focus(first)
	}
	return m
}

// close hides the dialog; done runs once after it is hidden.
func (m *modal) close() {
	if !m.closed {
		m.dlg.Hide()
	}
}

func (m *modal) done() {
	if m.closed {
		return
	}
	m.closed = true
	for i, o := range m.ui.modals {
		if o == m {
			m.ui.modals = append(m.ui.modals[:i], m.ui.modals[i+1:]...)
			break
		}
	}
	if m.escape != nil {
		m.escape()
	}
}

// key handles a key pressed while the dialog is open: Enter is the default
// button (or closes a dialog without one), Esc closes it.
func (m *modal) key(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if m.enter != nil {
			m.enter()
			return
		}
		m.close()
	case fyne.KeyEscape:
		m.close()
	}
}

// topModal is the dialog on top, or nil when none of ours is open.
func (u *UI) topModal() *modal {
	if n := len(u.modals); n > 0 {
		return u.modals[n-1]
	}
	return nil
}

// overlayKey takes a key pressed while a dialog (ours or Fyne's file dialog)
// covers the window; false when nothing covers it.
func (u *UI) overlayKey(ev *fyne.KeyEvent) bool {
	if m := u.topModal(); m != nil {
		m.key(ev)
		return true
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	if ev.Name == fyne.KeyEscape {
		top.Hide()
	}
	return true
}

// dialogEntry is a text field in a modal: Enter and Esc act on the dialog,
// as they do when no field has the focus.
type dialogEntry struct {
	widget.Entry
	ui *UI
}

func newDialogEntry(u *UI) *dialogEntry {
	e := &dialogEntry{ui: u}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives Enter and Esc to the dialog.
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
		if m := e.ui.topModal(); m != nil {
			m.key(ev)
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// showError explains a failure in a dialog of the app's language.
func (u *UI) showError(text string) {
	l := plainText(text)
	u.showModal(tr("error.title"), fixedWidth(420, l), nil, nil,
		modalButton{label: tr("button.ok"), primary: true})
}

// confirm asks before deleting something, with the app's own button labels
// (Fyne's ShowConfirm says Yes/No in the system's language).
func (u *UI) confirm(title, text, yes string, onYes func()) {
	l := plainText(text)
	u.showModal(title, fixedWidth(420, l), nil, nil,
		modalButton{label: tr("button.cancel")},
		modalButton{label: yes, primary: true, danger: true, action: func() bool { onYes(); return true }})
}

// plainText is text that breaks its lines as Chinese is broken (no line
// starts with 。), for the messages in dialogs.
func plainText(s string) *wrapText {
	w := newWrapText(0)
	w.setRuns([]textRun{{s, stylePlain}})
	return w
}
