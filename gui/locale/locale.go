// Package locale gives Fyne a locale it can parse before Fyne reads it.
//
// Fyne's lang package reads LANG/LC_ALL in an init function and logs an error
// for the POSIX names C and POSIX (and C.UTF-8), which would print on every
// CLI command. Packages are initialised in import-path order once their own
// imports are ready, and this one imports only os and strings, so it runs
// before fyne.io/fyne/v2/lang. It changes nothing else: the C locale still
// means "no language preference", which Fyne treats as English.
package locale

import (
	"os"
	"strings"
)

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
