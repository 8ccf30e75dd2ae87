package main

import (
	_ "embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/BurntSushi/toml"
)

// fyneAppTOML is the app's metadata file, built in so that a binary from
// plain `go build` knows its version (帮助 → 关于报搜) wherever it runs: Fyne
// itself only looks for FyneApp.toml beside the binary or in the working
// directory, and says 0.0.1 when it finds none.
//
//go:embed FyneApp.toml
var fyneAppTOML string

// This file's name sorts before fyne_metadata_init.go, which `fyne package`
// generates: when both exist, the packager's metadata is set last and wins.
func init() {
	if m, ok := appMetadata(fyneAppTOML); ok {
		app.SetMetadata(m)
	}
}

// appMetadata reads the [Details] of a FyneApp.toml.
func appMetadata(text string) (fyne.AppMetadata, bool) {
	var f struct {
		Details struct {
			ID, Name, Version string
			Build             int
		}
	}
	if _, err := toml.Decode(text, &f); err != nil || f.Details.Version == "" {
		return fyne.AppMetadata{}, false
	}
	d := f.Details
	return fyne.AppMetadata{ID: d.ID, Name: d.Name, Version: d.Version, Build: d.Build}, true
}
