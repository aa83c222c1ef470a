package recovery

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/locale"
)

// TestTextTablesAreComplete fails when a language lacks a key English has, has a key English
// lacks, leaves a text empty, or uses other placeholders than English for a key (a ".one"
// plural form may leave out {n}).
func TestTextTablesAreComplete(t *testing.T) {
	en := tables["en"]
	for _, lang := range locale.Supported() {
		tab, ok := tables[lang]
		if !ok {
			t.Errorf("no text table for supported language %s", lang)
			continue
		}
		if tab.Plural == nil {
			t.Errorf("%s: no plural rule", lang)
		}
		for key, want := range en.Messages {
			got, ok := tab.Messages[key]
			switch {
			case !ok:
				t.Errorf("%s: missing key %q", lang, key)
				continue
			case strings.TrimSpace(got) == "":
				t.Errorf("%s: empty text for %q", lang, key)
			}
			wp, gp := placeholders(want), placeholders(got)
			if strings.HasSuffix(key, ".one") {
				wp = slices.DeleteFunc(wp, func(s string) bool { return s == "n" })
				gp = slices.DeleteFunc(gp, func(s string) bool { return s == "n" })
			}
			if !slices.Equal(wp, gp) {
				t.Errorf("%s: %q has placeholders %v, English has %v", lang, key, gp, wp)
			}
		}
		for key := range tab.Messages {
			if _, ok := en.Messages[key]; !ok {
				t.Errorf("%s: key %q is not in the English table", lang, key)
			}
		}
		for _, theme := range []string{themeQualification, themeCompensation, themeCancelled, themeCulture, themeResults, themeAssessment, themePositive, themeReapply, themeHealthcare} {
			if len(tab.Keywords[theme]) == 0 {
				t.Errorf("%s: no keywords for theme %s", lang, theme)
			}
		}
		for theme, stems := range tab.Keywords {
			for _, s := range stems {
				if s != fold(s) && !strings.HasPrefix(s, "*") && !strings.HasPrefix(s, "=") {
					t.Errorf("%s: keyword %q of %s is not folded (lower case, no accents)", lang, s, theme)
				}
			}
		}
	}
}

// TestEveryKeyTheCodeUsesExists reads the package's sources for message keys and checks the
// English table has each (prefixes built at run time, such as "practice.cause.", must have at
// least one key under them). It keeps a typo from showing a key to a candidate.
func TestEveryKeyTheCodeUsesExists(t *testing.T) {
	call := regexp.MustCompile(`(?:tr\(lang, |trn\(f\.lang, |trn\(lang, |f\.t\(|f\.tc\(|f\.rr\("[^"]*", |reasonTextReason\(|tr\(f\.lang, )"([a-z_.0-9]+)"`)
	files, _ := os.ReadDir(".")
	for _, e := range files {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "text_") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			if strings.HasSuffix(key, ".") || strings.HasSuffix(key, "_") {
				if !hasKeyWithPrefix(key) {
					t.Errorf("%s: no key starts with %q", name, key)
				}
				continue
			}
			_, plain := english.Messages[key]
			_, one := english.Messages[key+".one"]
			_, anon := english.Messages[key+".anon"]
			if !plain && !one {
				t.Errorf("%s: key %q is not in the English table", name, key)
			}
			if strings.Contains(string(src), `f.tc("`+key+`"`) && !anon {
				t.Errorf("%s: key %q is read with tc but has no .anon variant", name, key)
			}
		}
	}
}

func hasKeyWithPrefix(p string) bool {
	for k := range english.Messages {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// TestFormalRegister catches informal address slipping into a translation: tú/tu in Spanish,
// tu/toi/ton in French, du/dich/dein in German.
func TestFormalRegister(t *testing.T) {
	informal := map[string]*regexp.Regexp{
		"es": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(tú|tienes|puedes|eres|estás|haz|tu|tus|te)(?:[^\p{L}]|$)`),
		"fr": regexp.MustCompile(`(?i)(?:^|[^\p{L}])(tu|toi|tes|t'as|t'es)(?:[^\p{L}]|$)`), // "ton" is also "a tone"
		"de": regexp.MustCompile(`(?:^|[^\p{L}])(du|dich|dir|dein|deine|deinen|deinem|deiner)(?:[^\p{L}]|$)`),
	}
	for lang, re := range informal {
		keysSorted := make([]string, 0, len(tables[lang].Messages))
		for k := range tables[lang].Messages {
			keysSorted = append(keysSorted, k)
		}
		sort.Strings(keysSorted)
		for _, k := range keysSorted {
			if m := re.FindStringSubmatch(tables[lang].Messages[k]); m != nil {
				t.Errorf("%s %s: informal %q in %q", lang, k, m[1], tables[lang].Messages[k])
			}
		}
	}
}

func TestFrenchTypography(t *testing.T) {
	for k, s := range french.Messages {
		for _, bad := range []string{" :", " ?", " ;", " !", "« ", " »"} {
			if strings.Contains(s, bad) {
				t.Errorf("fr %s: %q needs a no-break space: %q", k, bad, s)
			}
		}
	}
}

func TestLocaleFallsBackToEnglish(t *testing.T) {
	in := base()
	in.Locale = "pt-BR"
	want := Generate(base())
	got := Generate(in)
	if len(got) != len(want) || got[0].Title != want[0].Title {
		t.Fatalf("an unsupported locale should give the English plan")
	}
	in.Locale = "de_AT"
	if s, _ := find(Generate(in), KindRest); s.Title != "Nehmen Sie sich einen Tag zum Durchatmen" {
		t.Fatalf("de_AT title %q", s.Title)
	}
}

func TestPluralForms(t *testing.T) {
	cases := map[string][2]string{ // lang: 1 day, 3 days
		"en": {"Take a day to recover", "Take 3 days to recover"},
		"es": {"Tómese un día para recuperarse", "Tómese 3 días para recuperarse"},
		"fr": {"Prenez une journée pour vous remettre", "Prenez 3 jours pour vous remettre"},
		"de": {"Nehmen Sie sich einen Tag zum Durchatmen", "Nehmen Sie sich 3 Tage zum Durchatmen"},
	}
	for lang, want := range cases {
		if got := trn(lang, "rest.title", 1); got != want[0] {
			t.Errorf("%s one: %q", lang, got)
		}
		if got := trn(lang, "rest.title", 3); got != want[1] {
			t.Errorf("%s other: %q", lang, got)
		}
	}
	if pluralFrench(0) != "one" || pluralOneOther(0) != "other" {
		t.Error("zero is singular in French, plural in English, Spanish and German")
	}
}

func TestThemesFoldAccentsAndCompounds(t *testing.T) {
	cases := map[string]string{
		"Es fehlt die Pflegezertifizierung.":             themeQualification,
		"Falta la certificación obligatoria.":            themeQualification,
		"Il manque le diplôme d'État.":                   themeQualification,
		"Your salary expectations were above our range.": themeCompensation,
		"La rémunération demandée dépasse la grille.":    themeCompensation,
		"The role is on hold.":                           themeCancelled,
		"We liked you a lot and were impressed.":         themePositive,
	}
	for text, theme := range cases {
		if !themesOf(text)[theme] {
			t.Errorf("%q: theme %s not found in %v", text, theme, themesOf(text))
		}
	}
	if themesOf("The role pays well; we enjoyed the interview.")[themeCompensation] {
		t.Error("'pays' is not a pay complaint")
	}
	if themesOf("We would have liked more experience.")[themePositive] {
		t.Error("'would have liked more experience' is not praise")
	}
}
