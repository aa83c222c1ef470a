package recovery

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/reboundhq/rebound/internal/locale"
)

// Everything a person reads — step titles and guidance, reason details, reflection prompts,
// insight suggestions, agenda labels — comes from a per-language table (text_en.go, text_es.go,
// text_fr.go, text_de.go). Rules name a message key and its placeholders; the table supplies
// the wording. Keys and step kinds never depend on the language, so Merge matches steps by key
// whatever language the candidate reads. See docs/i18n-recovery.md for adding a language.

// textTable is one language's wording and the language-specific data the rules read.
type textTable struct {
	// Lang is the ISO 639-1 code the table answers for ("en").
	Lang string
	// Plural picks the plural form for a count: "one" or "other". Keys read with a count have
	// both forms, named "<key>.one" and "<key>.other".
	Plural func(n int) string
	// Messages maps a message key to its text. Placeholders are written {name}; every language
	// must use the same placeholders for a key (a ".one" form may leave out {n}).
	Messages map[string]string
	// Keywords lists, per theme (see the theme* constants), the word stems that reveal it in
	// free text written in this language: reason texts, feedback, reflection answers. Stems are
	// lower-case and without accents (see fold). A stem matches a word it begins; "*stem"
	// matches anywhere inside a word (for compounds); "=word" matches the whole word only; a
	// stem with a space matches that phrase.
	Keywords map[string][]string
}

// tables holds every language; each text_xx.go file adds its own in an init function.
var tables = map[string]*textTable{}

func register(t *textTable) { tables[t.Lang] = t }

// resolveLang maps a BCP 47 tag onto a table's language, falling back to English.
func resolveLang(tag string) string {
	lang, _ := locale.Resolve(tag)
	if _, ok := tables[lang]; !ok {
		return locale.Default
	}
	return lang
}

// tr returns the text of key in lang with its placeholders filled from pairs (name, value, …).
// A key missing from lang falls back to English, and a key missing everywhere gives the key
// itself, so a gap shows up in tests rather than as an empty string.
func tr(lang, key string, pairs ...any) string {
	t := tables[lang]
	if t == nil {
		t = tables[locale.Default]
	}
	s, ok := t.Messages[key]
	if !ok {
		if s, ok = tables[locale.Default].Messages[key]; !ok {
			return key
		}
	}
	return fill(s, pairs)
}

// trn is tr for a sentence carrying a count: it picks the language's plural form and sets {n}.
func trn(lang, key string, n int, pairs ...any) string {
	t := tables[lang]
	if t == nil {
		t = tables[locale.Default]
	}
	return tr(lang, key+"."+t.Plural(n), append([]any{"n", n}, pairs...)...)
}

// fill replaces each {name} in s by the value paired with name; an unknown {name} is kept.
func fill(s string, pairs []any) string {
	if len(pairs) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(s)
			return b.String()
		}
		name := s[i+1 : i+j]
		b.WriteString(s[:i])
		found := false
		for k := 0; k+1 < len(pairs); k += 2 {
			if n, _ := pairs[k].(string); n == name {
				switch v := pairs[k+1].(type) {
				case string:
					b.WriteString(v)
				case int:
					b.WriteString(strconv.Itoa(v))
				default:
					fmt.Fprint(&b, v)
				}
				found = true
				break
			}
		}
		if !found {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
}

// placeholders lists the {names} in a message, sorted and without repeats.
func placeholders(s string) []string {
	var out []string
	seen := map[string]bool{}
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		name := s[i+1 : i+j]
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
		s = s[i+j+1:]
	}
	sort.Strings(out)
	return out
}

// joinList joins items as a language writes a short list: "a, b and c".
func joinList(lang string, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + tr(lang, "list.and") + items[len(items)-1]
}

// label names an enumerated value (a stage, a feedback category, a contact role) in lang, or
// the value with underscores as spaces when the table has no label for it.
func label(lang, group, value string) string {
	key := group + "." + value
	if t := tables[lang]; t != nil {
		if s, ok := t.Messages[key]; ok {
			return s
		}
	}
	if s, ok := tables[locale.Default].Messages[key]; ok {
		return s
	}
	return strings.ReplaceAll(value, "_", " ")
}

// Themes that free text can reveal, read with every language's keywords whatever the
// candidate's own language, since an employer may write in another.
const (
	themeQualification = "qualification" // a certification, licence or registration is missing
	themeCompensation  = "compensation"  // pay expectations did not meet the budget
	themeCancelled     = "cancelled"     // the role was withdrawn, frozen or put on hold
	themeCulture       = "culture"       // fit with the team's culture or values
	themeResults       = "results"       // too little evidence of results or impact
	themeExperience    = "experience"    // not enough (relevant) experience
	themeSkills        = "skills"        // a skill or technical knowledge
	themeInterview     = "interview"     // how the interview itself went: answers, communication
	themeNerves        = "nerves"        // nerves or stress
	themePreparation   = "preparation"   // preparation, examples, research
	themeAssessment    = "assessment"    // a test, exercise or case study
	themePositive      = "positive"      // praise: they liked or were impressed by the candidate
	themeReapply       = "reapply"       // an invitation to apply again later
	themeHealthcare    = "sector_health" // role or company in healthcare (locum, bank or agency work)
	themeEducation     = "sector_teach"  // role or company in teaching (supply or cover work)
)

// fold lower-cases s and strips the accents Spanish, French and German use, so keywords match
// "Zertifizierung", "certificación" and "rémunération" written with or without them.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'á', 'à', 'â', 'ä', 'ã', 'å':
			b.WriteByte('a')
		case 'é', 'è', 'ê', 'ë':
			b.WriteByte('e')
		case 'í', 'ì', 'î', 'ï':
			b.WriteByte('i')
		case 'ó', 'ò', 'ô', 'ö', 'õ':
			b.WriteByte('o')
		case 'ú', 'ù', 'û', 'ü':
			b.WriteByte('u')
		case 'ñ':
			b.WriteByte('n')
		case 'ç':
			b.WriteByte('c')
		case 'ß':
			b.WriteString("ss")
		case 'œ':
			b.WriteString("oe")
		case 'æ':
			b.WriteString("ae")
		default:
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return b.String()
}

// textThemes is free text with the themes its words reveal.
type textThemes map[string]bool

// themesOf reads the themes in free text using the keywords of every language.
func themesOf(text string) textThemes {
	out := textThemes{}
	if strings.TrimSpace(text) == "" {
		return out
	}
	words := strings.Fields(fold(text))
	if len(words) > maxKeywordWords {
		words = words[:maxKeywordWords]
	}
	joined := " " + strings.Join(words, " ") + " "
	for _, th := range keywordIndex() {
		for _, stem := range th.stems {
			if stemMatches(stem, words, joined) {
				out[th.theme] = true
				break
			}
		}
	}
	return out
}

type themeStems struct {
	theme string
	stems []string
}

var (
	keywordOnce sync.Once
	keywords    []themeStems
)

// keywordIndex merges every language's keywords by theme, once (after the tables registered).
func keywordIndex() []themeStems {
	keywordOnce.Do(func() {
		byTheme := map[string]map[string]bool{}
		for _, t := range tables {
			for theme, stems := range t.Keywords {
				if byTheme[theme] == nil {
					byTheme[theme] = map[string]bool{}
				}
				for _, s := range stems {
					byTheme[theme][s] = true
				}
			}
		}
		for theme, set := range byTheme {
			ts := themeStems{theme: theme}
			for s := range set {
				ts.stems = append(ts.stems, s)
			}
			sort.Strings(ts.stems)
			keywords = append(keywords, ts)
		}
		sort.Slice(keywords, func(i, j int) bool { return keywords[i].theme < keywords[j].theme })
	})
	return keywords
}

// maxKeywordWords bounds the words read from one text, so a long answer costs no more than a
// few hundred comparisons per stem.
const maxKeywordWords = 400

func stemMatches(stem string, words []string, joined string) bool {
	switch {
	case strings.Contains(stem, " "):
		return strings.Contains(joined, " "+stem)
	case strings.HasPrefix(stem, "*"):
		for _, w := range words {
			if strings.Contains(w, stem[1:]) {
				return true
			}
		}
	case strings.HasPrefix(stem, "="):
		for _, w := range words {
			if w == stem[1:] {
				return true
			}
		}
	default:
		for _, w := range words {
			if strings.HasPrefix(w, stem) {
				return true
			}
		}
	}
	return false
}

// sortedLangs lists the registered languages in a fixed order.
func sortedLangs() []string {
	out := make([]string, 0, len(tables))
	for l := range tables {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

func pluralOneOther(n int) string {
	if n == 1 {
		return "one"
	}
	return "other"
}

// pluralFrench counts 0 and 1 as singular, as French does ("0 refus", "1 refus").
func pluralFrench(n int) string {
	if n == 0 || n == 1 {
		return "one"
	}
	return "other"
}
