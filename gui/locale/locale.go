// Package locale decides the desktop app's language and gives Fyne a locale
// it can parse before Fyne reads it.
//
// Baosou speaks Chinese unless the system's locale is English: a Chinese
// archive's users read Chinese whatever their system says, and a machine left
// at the C locale is no sign of an English reader. English reads LC_ALL,
// LC_MESSAGES, LANG and LANGUAGE as gettext does.
//
// Fyne's lang package reads LANG/LC_ALL in an init function and logs an error
// for the POSIX names C and POSIX (and C.UTF-8), which would print on every
// CLI command. Packages are initialised in import-path order once their own
// imports are ready, and this one imports only os and strings, so it runs
// before fyne.io/fyne/v2/lang. The app then sets Fyne's own strings (dialog
// buttons, the file dialog, text menus) to the same language as its own.
package locale

import (
	"os"
	"strings"
)

// english is decided once, from the environment the process started with.
var english = isEnglish()

// English reports whether the app should speak English: the user's locale is
// an English one.
func English() bool { return english }

func isEnglish() bool {
	l := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l = os.Getenv(v); l != "" {
			break
		}
	}
	if l == "C" || l == "POSIX" || strings.HasPrefix(l, "C.") {
		return false
	}
	if first, _, _ := strings.Cut(os.Getenv("LANGUAGE"), ":"); first != "" {
		l = first
	}
	return l == "en" || strings.HasPrefix(l, "en_") || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en.")
}

func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		l := os.Getenv(v)
		if l == "" {
			continue
		}
		base, _, _ := strings.Cut(l, ".")
		if base == "C" || base == "POSIX" {
			os.Setenv(v, "en_US.UTF-8")
		}
	}
}
