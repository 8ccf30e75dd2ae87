// Command baosou searches a local library of Chinese newspaper articles:
// with no arguments (or only --data DIR) it opens the desktop app, otherwise
// it runs a CLI command (see cli.go).
package main

import (
	"os"

	"baosou/gui"
	_ "baosou/gui/locale" // before Fyne reads the locale; see its doc
	"baosou/index"
)

func main() {
	args := os.Args[1:]
	if dir, ok := guiArgs(args); ok {
		os.Exit(gui.Run(dir))
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// guiArgs reports whether args ask for the desktop app, and its library folder.
func guiArgs(args []string) (string, bool) {
	switch {
	case len(args) == 0:
		return index.DefaultDir(), true
	case len(args) == 2 && (args[0] == "--data" || args[0] == "-data"):
		return args[1], true
	case len(args) == 1 && len(args[0]) > 7 && args[0][:7] == "--data=":
		return args[0][7:], true
	}
	return "", false
}
