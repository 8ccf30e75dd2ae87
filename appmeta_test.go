package main

import (
	"regexp"
	"testing"
)

func TestAppMetadata(t *testing.T) {
	m, ok := appMetadata(fyneAppTOML)
	if !ok || !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(m.Version) || m.Build < 1 {
		t.Errorf("FyneApp.toml gives %+v, %v; want a version like 0.1.0 and a build number", m, ok)
	}
	// Preferences are kept under this ID; gui.Run opens the app with the same.
	if m.ID != "io.github.baosou" || m.Name != "Baosou" {
		t.Errorf("FyneApp.toml ID %q, name %q", m.ID, m.Name)
	}
	if _, ok := appMetadata("[Details]\nName = \"x\"\n"); ok {
		t.Error("a FyneApp.toml without a version was taken")
	}
	if _, ok := appMetadata("not = toml = at all"); ok {
		t.Error("a broken FyneApp.toml was taken")
	}
}

// BenchmarkAppMetadata is what the init adds to every command's start.
func BenchmarkAppMetadata(b *testing.B) {
	for b.Loop() {
		appMetadata(fyneAppTOML)
	}
}
