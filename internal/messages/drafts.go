// Package messages drafts the short messages a candidate sends after a rejection (thanks, a
// request for feedback, continued interest, a later check-in, a contract-work inquiry) and checks
// the tone of a candidate's own draft. Everything is deterministic and explainable: templates
// filled from the rejection, and a table of patterns each with its reason.
package messages

import (
	"errors"
	"strings"
	"text/template"
	"unicode"
)

// Kind names a draft.
type Kind string

// Draft kinds.
const (
	KindThankYou          Kind = "thank-you"
	KindFeedbackRequest   Kind = "feedback-request"
	KindContinuedInterest Kind = "continued-interest"
	KindCheckIn           Kind = "check-in"
	KindContractInquiry   Kind = "contract-inquiry"
)

// Kinds lists every draft kind in a fixed order.
func Kinds() []Kind {
	return []Kind{KindThankYou, KindFeedbackRequest, KindContinuedInterest, KindCheckIn, KindContractInquiry}
}

// ParseKind recognises a kind's name.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds() {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// Errors Compose returns.
var (
	ErrUnknownKind       = errors.New("unknown draft kind")
	ErrUnsupportedLocale = errors.New("no drafts in this locale yet")
)

// DraftInput is what a draft is filled from. Empty fields are left out gracefully.
type DraftInput struct {
	Locale        string // "" or "en…" for English
	CandidateName string
	Company       string
	RoleTitle     string
	Stage         string // application, screening, phone_screen, assessment, interview, final_round, offer
	ContactName   string
	ContactRole   string
	// ResponseURL, for feedback requests, is the link where the reader can answer.
	ResponseURL string
}

// Draft is a ready-to-edit message.
type Draft struct {
	Subject   string `json:"subject" example:"Thank you for your time, Priya"`
	Body      string `json:"body" example:"Hi Priya,\n\nThank you for letting me know about your decision on the Senior Backend Engineer role…"`
	WordCount int    `json:"word_count" example:"74"`
} //	@name	Draft

// template set of one locale: a subject and a body per kind.
type localeTemplates map[Kind][2]*template.Template

// locales holds every language's templates. Adding a language is adding an entry here (and its
// stage phrases); no code changes.
var locales = map[string]localeTemplates{"en": english}

// stagePhrases describe, per locale, how far the process went, for sentences like "thank you
// for … ".
var stagePhrases = map[string]map[string]string{
	"en": {
		"application":  "considering my application",
		"screening":    "reviewing my application",
		"phone_screen": "the phone conversation",
		"assessment":   "the assessment and your review of it",
		"interview":    "the interviews",
		"final_round":  "the final-round interviews",
		"offer":        "taking me all the way through the process",
	},
}

// view is what templates see.
type view struct {
	DraftInput
	Greeting  string
	StageText string
	Role      string // "the Senior Backend Engineer role" or "the role"
	At        string // " at Northwind" or ""
	Team      string // "the Northwind team" or "your team"
	SignOff   string
	LateStage bool
}

func newView(in DraftInput, locale string) view {
	v := view{DraftInput: in, Greeting: "Hello,", Role: "the role", Team: "your team", SignOff: "Best regards"}
	if name := firstName(in.ContactName); name != "" {
		v.Greeting = "Hi " + name + ","
	}
	if in.RoleTitle != "" {
		v.Role = "the " + in.RoleTitle + " role"
	}
	if in.Company != "" {
		v.At = " at " + in.Company
		v.Team = "the " + in.Company + " team"
	}
	v.StageText = stagePhrases[locale][in.Stage]
	if v.StageText == "" {
		v.StageText = "your time"
	}
	v.LateStage = in.Stage == "interview" || in.Stage == "final_round" || in.Stage == "offer"
	if in.CandidateName != "" {
		v.SignOff = "Best regards,\n" + in.CandidateName
	} else {
		v.SignOff = "Best regards"
	}
	return v
}

// firstName keeps the first word of a name for a friendly greeting.
func firstName(full string) string {
	f := strings.Fields(full)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// Compose fills the kind's template for the input's locale.
func Compose(kind Kind, in DraftInput) (Draft, error) {
	locale := strings.ToLower(in.Locale)
	if i := strings.IndexAny(locale, "-_"); i >= 0 {
		locale = locale[:i]
	}
	if locale == "" {
		locale = "en"
	}
	set, ok := locales[locale]
	if !ok {
		return Draft{}, ErrUnsupportedLocale
	}
	tpl, ok := set[kind]
	if !ok {
		return Draft{}, ErrUnknownKind
	}
	v := newView(in, locale)
	var subject, body strings.Builder
	if err := tpl[0].Execute(&subject, v); err != nil {
		return Draft{}, err
	}
	if err := tpl[1].Execute(&body, v); err != nil {
		return Draft{}, err
	}
	text := tidy(body.String())
	return Draft{Subject: strings.TrimSpace(subject.String()), Body: text, WordCount: WordCount(text)}, nil
}

// tidy trims each line and collapses runs of blank lines left by optional template parts.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// WordCount counts words as runs of letters or digits (apostrophes and hyphens stay inside).
func WordCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || ((r == '\'' || r == '’' || r == '-') && in)
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

// templateFuncs are the helpers templates may call.
var templateFuncs = template.FuncMap{"firstName": firstName}

func mustPair(subject, body string) [2]*template.Template {
	return [2]*template.Template{
		template.Must(template.New("s").Funcs(templateFuncs).Parse(subject)),
		template.Must(template.New("b").Funcs(templateFuncs).Parse(body)),
	}
}

// english drafts: brief, warm and specific; each asks for at most one thing and never argues
// with the decision.
var english = localeTemplates{
	KindThankYou: mustPair(`Thank you{{if .ContactName}}, {{firstName .ContactName}}{{end}}`, `{{.Greeting}}

Thank you for letting me know about your decision on {{.Role}}{{.At}}, and for {{.StageText}}. I know these decisions take time and care, and I appreciated how I was treated throughout.
{{if .LateStage}}
I enjoyed meeting {{.Team}} and learned a lot from our conversations.
{{end}}
I wish you and the team every success, and I hope our paths cross again.

{{.SignOff}}`),

	KindFeedbackRequest: mustPair(`A quick question about {{.Role}}`, `{{.Greeting}}

Thank you for {{.StageText}} for {{.Role}}{{.At}}. I respect the decision, and I would value your perspective as I keep developing.

If you have a moment: what is the one thing that would have made me a stronger candidate? A sentence or two would help me a great deal, and there is no pressure at all if you are unable to share.
{{if .ResponseURL}}
If it is easier, you can answer in about two minutes here: {{.ResponseURL}}
{{end}}
Thank you again for your time.

{{.SignOff}}`),

	KindContinuedInterest: mustPair(`Still keen on {{if .Company}}{{.Company}}{{else}}working with you{{end}}`, `{{.Greeting}}

Thank you again for considering me for {{.Role}}. Although it did not work out this time, my interest in {{.Team}} has only grown through the process.

If a similar opening comes up, or the situation changes, I would be glad to be considered. I will keep an eye on your openings as well.

{{.SignOff}}`),

	KindCheckIn: mustPair(`Checking in{{if .Company}} from a former candidate for {{.Company}}{{end}}`, `{{.Greeting}}

I hope things are going well. We spoke a while ago about {{.Role}}{{.At}}, and I wanted to say hello and share that I remain interested in {{.Team}}.

No need to reply; I simply wanted to stay in touch. Wishing you a good few weeks ahead.

{{.SignOff}}`),

	KindContractInquiry: mustPair(`Open to contract or project work{{if .Company}} with {{.Company}}{{end}}`, `{{.Greeting}}

Thank you again for {{.StageText}} for {{.Role}}. While the full-time position went another way, I would be glad to help {{.Team}} in a more flexible form, such as a contract, part-time work or a defined project.

If there is a need where my experience could be useful, I would be happy to talk it through.

{{.SignOff}}`),
}
