package messages

import (
	"fmt"
	"slices"
	"text/template"

	"github.com/reboundhq/rebound/internal/locale"
)

// language is everything one language contributes to the package: the wording of the drafts,
// how to greet and sign off, the explanations of Fits, the strings of the employer's feedback
// page, and the tone check's patterns and advice. Each language lives in one file,
// locale_<code>.go, which registers its table from an init function; nothing else in the
// package names a language, so adding one is adding one file (see docs/i18n-messages.md).
type language struct {
	// Code is the ISO 639-1 code, one of locale.Supported().
	Code string
	// Name is the language's name in itself ("Deutsch"), for the page's language switch.
	Name string

	// Honorifics are the language's titles, keyed by lower-case form without a trailing dot.
	// Names are parsed with every language's titles, so "Frau Dr. Schulz" is understood in an
	// English draft too.
	Honorifics map[string]honorific
	// Greet writes the salutation line, punctuation included, for a parsed contact name; it
	// must read well for an empty name, a title alone and every gender.
	Greet func(p personName) string

	// Drafts is the wording of every draft kind.
	Drafts draftTable
	// Misfits explains, for Fits, why each misfit makes a kind a poor choice.
	Misfits map[misfit]string
	// SectorWords are words of role titles, per sector, that InferSector looks for: whole words
	// (lower case), or with a leading "~" a stem found anywhere in the title, for languages
	// that build compounds ("~pfleg" finds "Gesundheits- und Krankenpfleger").
	SectorWords map[string][]string

	// Page is every string of the employer's feedback page; Lang, Fallback and Languages are
	// filled in by FeedbackPageText.
	Page PageText

	// Tone is the tone check's patterns and advice in this language.
	Tone toneTable
	// StopWords are frequent words of the language, used to tell which language a text is
	// written in (see detectLanguage). Words shared with other languages are fine: each
	// language listing a word gets an equal share of it.
	StopWords []string
	// Markers are words that on their own say which language a text is in, such as the word
	// for thanks ("gracias"); they weigh more than stop words, so a two-word "Muchas
	// gracias" is recognised.
	Markers []string
	// Endings are word endings typical of the language ("-ción", "-ung"), a weaker sign than
	// a stop word, for texts made mostly of content words.
	Endings []string
}

// draftTable is one language's wording of every draft.
type draftTable struct {
	// Partials are {{define}} blocks shared by all drafts of the language, such as "role",
	// "team" and "signoff"; each must read well when the company, the role title or the
	// candidate's name is empty.
	Partials string
	// Funcs are extra template functions the language needs, such as French elision.
	Funcs template.FuncMap
	// Stages gives the phrases for each stage of stageFacts; the "" entry is the fallback for
	// an empty or unknown stage.
	Stages map[string]stagePhrases
	// Contacts gives, per contact role, an optional extra sentence for the thank-you note.
	Contacts map[string]string
	// Reasons gives, per reason category, an optional sentence for the note of continued
	// interest, for reasons the candidate can act on (a skills or experience gap).
	Reasons map[string]string
	// Flex names flexible work in each sector of sectors and SectorGeneral.
	Flex map[string]flexPhrases
	// Numbers are the number words from zero up, used for small counts ("three weeks");
	// larger counts are written in digits.
	Numbers []string
	// Templates holds a subject and body template for every Kind.
	Templates map[Kind]draftTemplate
}

// stagePhrases are how a language refers to the stage the process reached.
type stagePhrases struct {
	// Thanks completes "Thank you for …" (English: "considering my application").
	Thanks string
	// Noun names what the candidate submitted or took part in, to complete "what would have
	// made … stronger" (English: "my final-round interviews").
	Noun string
	// Ref names the last step the candidate took, to complete "it has been three weeks since …
	// for the role" (English: "my interview").
	Ref string
}

// flexPhrases name flexible work: a subject line and the offer in a sentence.
type flexPhrases struct {
	Subject string
	Offer   string
}

// draftTemplate is one kind's text/template sources. Both are executed with a view as data
// and may call the language's partials, for example {{template "role" .}}.
type draftTemplate struct {
	Subject string
	Body    string
}

// compiledLanguage is a registered language with its templates parsed once, at start-up, so
// a broken template fails the program (and the tests) immediately rather than on a request.
type compiledLanguage struct {
	*language
	drafts map[Kind]*template.Template
	tone   compiledTone
}

// registry holds the registered languages; order follows locale.Supported(), English first.
var registry = struct {
	langs map[string]*compiledLanguage
	order []string
}{langs: map[string]*compiledLanguage{}}

// register adds a language. It panics on a broken template or pattern, or a language the
// locale package does not know, because these are programming errors in a table file.
func register(l *language) {
	if !locale.IsSupported(l.Code) {
		panic(fmt.Sprintf("messages: %q is not one of locale.Supported()", l.Code))
	}
	c := &compiledLanguage{language: l, drafts: make(map[Kind]*template.Template, len(l.Drafts.Templates))}
	for kind, d := range l.Drafts.Templates {
		t := template.New(l.Code + "/" + string(kind)).Option("missingkey=error").Funcs(l.Drafts.Funcs)
		template.Must(t.Parse(l.Drafts.Partials))
		template.Must(t.New("subject").Parse(d.Subject))
		template.Must(t.New("body").Parse(d.Body))
		c.drafts[kind] = t
	}
	c.tone = compileTone(l.Code, l.Tone)
	registry.langs[l.Code] = c
	registry.order = append(registry.order, l.Code)
	supported := locale.Supported()
	slices.SortFunc(registry.order, func(a, b string) int {
		return slices.Index(supported, a) - slices.Index(supported, b)
	})
}

// resolve maps a BCP 47 tag to a registered language and says whether it fell back to
// English: for a language Rebound does not support, or one without a table here.
func resolve(tag string) (lang string, fallback bool) {
	lang, fallback = locale.Resolve(tag)
	if _, ok := registry.langs[lang]; !ok {
		return locale.Default, true
	}
	return lang, fallback
}

// Languages lists the languages the package writes, as ISO 639-1 codes in the order of
// locale.Supported().
func Languages() []string { return slices.Clone(registry.order) }
