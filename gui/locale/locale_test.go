package locale

import "testing"

func TestEnglishOnlyUnderAnEnglishLocale(t *testing.T) {
	tests := []struct {
		lcAll, lang, language string
		want                  bool
	}{
		{"", "", "", false},
		{"", "C", "", false},
		{"C.UTF-8", "en_US.UTF-8", "", false},
		{"", "en_US.UTF-8", "", true},
		{"", "en_GB", "", true},
		{"", "zh_CN.UTF-8", "", false},
		{"", "de_DE.UTF-8", "", false},
		{"", "zh_CN.UTF-8", "en:zh", true},
		{"en_US.UTF-8", "zh_CN.UTF-8", "", true},
	}
	for _, tt := range tests {
		t.Setenv("LC_ALL", tt.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tt.lang)
		t.Setenv("LANGUAGE", tt.language)
		if got := isEnglish(); got != tt.want {
			t.Errorf("LC_ALL=%q LANG=%q LANGUAGE=%q: English = %v, want %v", tt.lcAll, tt.lang, tt.language, got, tt.want)
		}
	}
}
