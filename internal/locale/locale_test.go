package locale

import "testing"

func TestResolve(t *testing.T) {
	cases := []struct {
		tag      string
		lang     string
		fallback bool
	}{
		{"", "en", false},
		{"en", "en", false},
		{"en-GB", "en", false},
		{"es-MX", "es", false},
		{"ES_mx", "es", false},
		{"fr-CA", "fr", false},
		{"fr-Latn-CA", "fr", false},
		{"de-AT", "de", false},
		{"de", "de", false},
		{" de-CH ", "de", false},
		{"it", "en", true},
		{"pt-BR", "en", true},
		{"x", "en", true},
		{"-", "en", true},
	}
	for _, c := range cases {
		lang, fb := Resolve(c.tag)
		if lang != c.lang || fb != c.fallback {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", c.tag, lang, fb, c.lang, c.fallback)
		}
	}
}

func TestIsSupported(t *testing.T) {
	for _, l := range Supported() {
		if !IsSupported(l) {
			t.Errorf("%s not supported", l)
		}
	}
	if IsSupported("es-MX") || IsSupported("") {
		t.Error("only bare codes are supported languages")
	}
}
