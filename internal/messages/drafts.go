package messages

import (
	"errors"
	"fmt"
	"strings"
	"text/template"
	"unicode"
)

// Kind names one of the messages a candidate may want to send after a rejection. It is a
// string so it can travel unchanged in URLs and JSON (for example /drafts/thank-you).
type Kind string

// The draft kinds. Each matches one piece of advice for handling a rejection well: thank the
// people involved, ask for constructive feedback, say you remain interested, keep in touch
// now and then, and ask whether contract or part-time work is possible.
const (
	// KindThankYou thanks the employer for their time and for letting the candidate know.
	KindThankYou Kind = "thank-you"
	// KindFeedbackRequest asks one clear, optional question about what would have helped.
	KindFeedbackRequest Kind = "feedback-request"
	// KindContinuedInterest tells the employer the candidate would welcome future openings.
	KindContinuedInterest Kind = "continued-interest"
	// KindCheckIn is a brief hello sent weeks later to stay in touch, with no request in it.
	KindCheckIn Kind = "check-in"
	// KindContractInquiry offers help on a contract, part-time or project basis instead.
	KindContractInquiry Kind = "contract-inquiry"
)

// Kinds lists every draft kind in a fixed, documented order, so callers can offer them all
// (or validate against them) without repeating the list. Each call returns a new slice.
func Kinds() []Kind {
	return []Kind{KindThankYou, KindFeedbackRequest, KindContinuedInterest, KindCheckIn, KindContractInquiry}
}

// ParseKind turns a kind's exact name (as used in URLs) into a Kind, and reports false for
// anything else so the caller can answer "not found" instead of drafting the wrong message.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds() {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// Errors returned by Compose. They are sentinel values so callers can pick the right response
// with errors.Is: a missing kind is the caller's mistake, a missing locale can fall back to
// English.
var (
	// ErrUnknownKind means the kind is not one of Kinds().
	ErrUnknownKind = errors.New("messages: unknown draft kind")
	// ErrUnsupportedLocale means there are no templates for the input's language yet.
	ErrUnsupportedLocale = errors.New("messages: no drafts in this locale yet")
)

// DraftInput is everything a draft is filled from, usually taken from a stored rejection and
// its contact. Every field is optional: missing details are left out in a way that still reads
// naturally, because platforms often know only part of the story. Surrounding and repeated
// whitespace (including line breaks) in each field is collapsed to single spaces, so a stray
// newline cannot break the subject line.
type DraftInput struct {
	// Locale is a BCP 47 language tag. "" and "en" (or a regional form such as "en-GB")
	// select English; any other language yields ErrUnsupportedLocale.
	Locale string
	// CandidateName signs the message; without it the message ends with "Best regards".
	CandidateName string
	// Company is the employer's name, used as "the Contoso team" and "at Contoso".
	Company string
	// RoleTitle is the position applied for, used as "the Data Analyst role".
	RoleTitle string
	// Stage is how far the process went: application, screening, phone_screen, assessment,
	// interview, final_round or offer. It changes the wording (for example "my application"
	// versus "my final-round interviews"); unknown values get neutral wording.
	Stage string
	// ContactName is the person written to; the greeting uses their first name ("Hi Dana,")
	// or a neutral "Hello," when it is empty.
	ContactName string
	// ContactRole is recruiter, hiring_manager, interviewer, hr or other. A recruiter or HR
	// contact is also thanked for keeping the candidate informed in the thank-you note.
	ContactRole string
	// ResponseURL is used by feedback requests only: when set, the body adds one line
	// inviting the reader to answer on that link. It is inserted verbatim, so a caller may
	// pass a placeholder and substitute the real link later.
	ResponseURL string
}

// Draft is a ready-to-edit message. It is returned to API clients as is, so the candidate can
// review and send it from their own mail account.
type Draft struct {
	// Subject is a short subject line for an e-mail.
	Subject string `json:"subject" example:"Thank you for the update on the Senior Backend Engineer role"`
	// Body is plain text with blank lines between paragraphs, ending with the sign-off.
	Body string `json:"body" example:"Hi Priya,\n\nThank you for letting me know your decision about the Senior Backend Engineer role at Northwind Analytics, and for meeting me in the final round…"`
	// WordCount is WordCount(Body), given so clients can show how brief the draft is.
	WordCount int `json:"word_count" example:"86"`
} //	@name	Draft

// Compose fills the kind's template for the input's language and returns the draft. It fails
// with ErrUnknownKind for a kind outside Kinds() and with ErrUnsupportedLocale when the
// language has no templates (callers typically retry with Locale ""). The result depends only
// on its arguments, so the same rejection always yields the same draft.
func Compose(kind Kind, in DraftInput) (Draft, error) {
	if _, ok := ParseKind(string(kind)); !ok {
		return Draft{}, ErrUnknownKind
	}
	loc, ok := compiled[language(in.Locale)]
	if !ok {
		return Draft{}, ErrUnsupportedLocale
	}
	tpl, ok := loc.drafts[kind]
	if !ok {
		// A table that lacks a kind is treated like a missing language, so callers fall back.
		return Draft{}, ErrUnsupportedLocale
	}
	v := loc.view(in)
	var subject, body strings.Builder
	if err := tpl.ExecuteTemplate(&subject, "subject", v); err != nil {
		return Draft{}, fmt.Errorf("messages: %s subject: %w", kind, err)
	}
	if err := tpl.ExecuteTemplate(&body, "body", v); err != nil {
		return Draft{}, fmt.Errorf("messages: %s body: %w", kind, err)
	}
	text := tidy(body.String())
	return Draft{Subject: oneLine(subject.String()), Body: text, WordCount: WordCount(text)}, nil
}

// WordCount counts words the way a reader (or a word processor) would: runs of text between
// whitespace that contain at least one letter or digit. A URL or "1,000-word" is one word and
// a lone dash is none. Drafts and the tone check use it so their counts agree.
func WordCount(s string) int {
	n := 0
	for _, field := range strings.Fields(s) {
		if strings.IndexFunc(field, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// language reduces a BCP 47 tag to its lower-case primary language ("en-GB" → "en"), because
// the tables are per language; "" means the default, English.
func language(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if tag == "" {
		return "en"
	}
	return tag
}

// stageFacts are the language-neutral facts about each stage that change what a draft may
// truthfully say, such as whether the candidate has spoken with anyone yet.
var stageFacts = map[string]struct{ spoke bool }{
	"application":  {spoke: false},
	"screening":    {spoke: false},
	"phone_screen": {spoke: true},
	"assessment":   {spoke: false},
	"interview":    {spoke: true},
	"final_round":  {spoke: true},
	"offer":        {spoke: true},
}

// view is what a template sees: the cleaned input plus the locale's phrases chosen for it.
// Fields are exported because text/template requires it; the type itself is not.
type view struct {
	Candidate   string // the candidate's name, or ""
	Company     string
	Role        string // the role title, or ""
	Contact     string // the name to greet, or ""
	ResponseURL string
	StageThanks string // completes "Thank you for …"
	StageNoun   string // completes "… would have made … stronger"
	ContactLine string // an optional extra sentence for this kind of contact
	Spoke       bool   // whether the candidate has spoken with people at the company
}

// compiledLocale is a locale table with its templates parsed once at start-up.
type compiledLocale struct {
	table  localeTable
	drafts map[Kind]*template.Template
}

// compiled holds every locale, parsed at package initialisation so that a broken template
// fails at start-up (and in tests) rather than on a request.
var compiled = compileLocales(localeTables)

func compileLocales(tables map[string]localeTable) map[string]compiledLocale {
	out := make(map[string]compiledLocale, len(tables))
	for lang, table := range tables {
		loc := compiledLocale{table: table, drafts: make(map[Kind]*template.Template, len(table.Drafts))}
		for kind, d := range table.Drafts {
			t := template.Must(template.New(lang + "/" + string(kind)).Parse(table.Partials))
			template.Must(t.New("subject").Parse(d.Subject))
			template.Must(t.New("body").Parse(d.Body))
			loc.drafts[kind] = t
		}
		out[lang] = loc
	}
	return out
}

// view cleans the input and picks this locale's phrases for its stage and contact.
func (c compiledLocale) view(in DraftInput) view {
	stage := strings.ToLower(oneLine(in.Stage))
	phrases, ok := c.table.Stages[stage]
	if !ok {
		phrases = c.table.Stages[""]
	}
	return view{
		Candidate:   oneLine(in.CandidateName),
		Company:     oneLine(in.Company),
		Role:        oneLine(in.RoleTitle),
		Contact:     c.table.greetingName(oneLine(in.ContactName)),
		ResponseURL: strings.TrimSpace(in.ResponseURL),
		StageThanks: phrases.Thanks,
		StageNoun:   phrases.Noun,
		ContactLine: c.table.Contacts[strings.ToLower(oneLine(in.ContactRole))],
		Spoke:       stageFacts[stage].spoke,
	}
}

// greetingName picks the name to greet: the first name, unless the name starts with one of
// the locale's honorifics ("Dr. Dana Reyes"), in which case the whole name is kept so the
// greeting does not become "Hi Dr.,".
func (t localeTable) greetingName(full string) string {
	fields := strings.Fields(full)
	if len(fields) == 0 {
		return ""
	}
	first := strings.TrimSuffix(strings.ToLower(fields[0]), ".")
	for _, h := range t.Honorifics {
		if first == h && len(fields) > 1 {
			return full
		}
	}
	return fields[0]
}

// oneLine trims s and collapses all inner whitespace, line breaks included, to single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// tidy normalises a rendered body: each line is collapsed with oneLine, and runs of blank
// lines left behind by optional template parts become a single paragraph break.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		l = oneLine(l)
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
