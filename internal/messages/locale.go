package messages

// localeTables maps a primary language subtag to its templates. Everything language-specific
// lives in these tables, so adding a language (say "fr") means writing one more localeTable
// and listing it here; Compose, the view and the tests need no change, and TestLocaleTables
// checks the new table is complete.
var localeTables = map[string]localeTable{
	"en": english,
}

// localeTable holds one language's wording for every draft.
type localeTable struct {
	// Honorifics are lower-case titles without a trailing dot ("dr", "mr"). A contact whose
	// name starts with one is greeted by the full name rather than by the title alone.
	Honorifics []string
	// Partials are {{define}} blocks shared by all drafts of the language. Drafts rely on
	// "greeting", "role", "team" and "signoff"; each must read well when the company, the
	// role title, the contact's name or the candidate's name is empty.
	Partials string
	// Stages gives the phrases for each stage key of DraftInput.Stage. The "" entry is the
	// fallback for an empty or unknown stage and must exist.
	Stages map[string]stagePhrases
	// Contacts gives, per contact role, an optional extra sentence for the thank-you note.
	Contacts map[string]string
	// Drafts holds a subject and body template for every Kind.
	Drafts map[Kind]draftTemplate
}

// stagePhrases are how a language refers to the stage the process reached.
type stagePhrases struct {
	// Thanks completes "Thank you for …" (English: "considering my application").
	Thanks string
	// Noun names what the candidate submitted or took part in, to complete "what would have
	// made … stronger" (English: "my final-round interviews").
	Noun string
}

// draftTemplate is one kind's text/template sources. Both are executed with a view as data
// and may call the locale's partials, for example {{template "greeting" .}}.
type draftTemplate struct {
	Subject string
	Body    string
}
