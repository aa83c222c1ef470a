package messages

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Errors returned by Compose, as sentinel values for errors.Is.
var (
	// ErrUnknownKind means the kind is not one of Kinds().
	ErrUnknownKind = errors.New("messages: unknown draft kind")
	// ErrUnsupportedLocale meant there were no templates for the input's language.
	//
	// Deprecated: Compose now falls back to English and reports it in Draft.LocaleFallback,
	// so it no longer returns this error. It is kept so existing callers still compile.
	ErrUnsupportedLocale = errors.New("messages: no drafts in this locale yet")
)

// DraftInput is everything a draft is filled from, usually taken from a stored rejection, its
// candidate and one of its contacts. Every field is optional: missing details are left out in
// a way that still reads naturally, because platforms often know only part of the story.
// Surrounding and repeated whitespace (including line breaks) in each field is collapsed to
// single spaces, so a stray newline cannot break the subject line. Enumerated fields are
// matched case-insensitively; an unknown value counts as unknown and gets neutral wording.
type DraftInput struct {
	// Locale is a BCP 47 language tag, usually the candidate's locale. It selects the language
	// through locale.Resolve ("es-MX" is Spanish); an unsupported language falls back to
	// English, and Draft.LocaleFallback says so.
	Locale string
	// CandidateName signs the message; without it the message ends with the sign-off alone.
	CandidateName string
	// Company is the employer's name, used as "the Contoso team" and "at Contoso".
	Company string
	// RoleTitle is the position applied for, used as "the Data Analyst role". Gender notes of
	// job ads such as "(m/w/d)" or "(H/F)" are dropped. It also decides the sector when Sector
	// is empty.
	RoleTitle string
	// Stage is how far the process went: application, screening, phone_screen, assessment,
	// interview, final_round or offer. It changes the wording (for example "my application"
	// versus "my final-round interviews").
	Stage string
	// Channel is how the rejection came: email, phone, portal, in_person, or no_response when
	// the candidate heard nothing. A ghosted candidate's drafts never thank anyone for a
	// decision, and status-follow-up is the draft meant for them. Empty means a decision was
	// sent by an unknown channel.
	Channel string
	// ReasonCategory is the reason the employer gave: position_filled, stronger_candidate,
	// internal_candidate, skills_gap, experience_gap, culture_fit, compensation, location,
	// role_cancelled, no_reason_given or other. role_cancelled rewords every draft (no
	// decision about the candidate, nobody hired); skills_gap and experience_gap add a line
	// to the note of continued interest saying the candidate is working on it.
	ReasonCategory string
	// Feedback is what became of feedback on this rejection: "" (none yet), "received" or
	// "declined" (see the Feedback constants). It only affects Fits: a feedback request no
	// longer fits once feedback arrived or was declined, and feedback-thanks needs feedback.
	Feedback string
	// Sector overrides the sector InferSector reads from RoleTitle: general, medicine,
	// nursing, teaching or social_care. It names flexible work in the contract inquiry.
	Sector string
	// WeeksWaiting is how many whole weeks have passed since the candidate last heard from
	// the employer; the status follow-up mentions it ("It has been three weeks since my
	// interview"). Zero or less leaves it out. The package has no clock, so the caller counts.
	WeeksWaiting int
	// ContactName is the person written to, as they write it, titles included ("Dr. Helen
	// Marsh", "Frau Dr. Katrin Schulz", "Sra. Ana García"). The greeting follows each
	// language's custom; see Compose.
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
	// Locale is the language the draft is written in: en, es, fr or de.
	Locale string `json:"locale" enums:"en,es,fr,de" example:"en"`
	// LocaleFallback is true when the requested locale is not supported and the draft is in
	// English instead.
	LocaleFallback bool `json:"locale_fallback" example:"false"`
} //	@name	Draft

// Compose fills the kind's template in the input's language and returns the draft. It fails
// only with ErrUnknownKind, for a kind outside Kinds(); an unsupported locale yields an
// English draft with LocaleFallback set. The result depends only on its arguments, so the
// same rejection always yields the same draft.
//
// Every draft is true to the situation (see DraftInput.Channel and ReasonCategory), whether or
// not the kind fits it; Fits says whether it is worth sending.
//
// Greetings follow each language's custom and never guess a gender: English greets a plain
// name by its first name ("Hi Helen,") and a titled one formally ("Dear Dr. Marsh,"); German
// writes "Sehr geehrte Frau Dr. Schulz," or "Sehr geehrter Herr Weber," when the title says
// so and "Guten Tag Katrin Schulz," otherwise; Spanish "Estimada Sra. García:" / "Estimado Sr.
// …:" or "Buenos días, …:"; French "Madame …," / "Monsieur …," or "Bonjour …,".
func Compose(kind Kind, in DraftInput) (Draft, error) {
	if _, ok := ParseKind(string(kind)); !ok {
		return Draft{}, ErrUnknownKind
	}
	lang, fallback := resolve(in.Locale)
	l := registry.langs[lang]
	v := l.view(in)
	tpl := l.drafts[kind]
	var subject, body strings.Builder
	if err := tpl.ExecuteTemplate(&subject, "subject", v); err != nil {
		return Draft{}, fmt.Errorf("messages: %s/%s subject: %w", lang, kind, err)
	}
	if err := tpl.ExecuteTemplate(&body, "body", v); err != nil {
		return Draft{}, fmt.Errorf("messages: %s/%s body: %w", lang, kind, err)
	}
	text := tidy(body.String())
	return Draft{Subject: oneLine(subject.String()), Body: text, WordCount: WordCount(text), Locale: lang, LocaleFallback: fallback}, nil
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

// view is what a template sees: the cleaned input, the facts of the situation and the
// language's phrases chosen for them. Fields are exported because text/template requires it;
// the type itself is not.
type view struct {
	Greeting    string // the whole salutation line, punctuation included
	Candidate   string // the candidate's name, or ""
	Company     string
	Role        string // the role title without gender notes, or ""
	ResponseURL string
	Stage       stagePhrases
	ContactLine string      // an optional extra sentence for this kind of contact
	ReasonLine  string      // an optional sentence for the reason given
	Flex        flexPhrases // how flexible work is named in the role's sector
	Channel     string      // one of the Channel constants, or ""
	Spoke       bool        // the candidate has spoken with people at the company
	Ghosted     bool        // no answer ever came
	Cancelled   bool        // the role itself was cancelled
	Weeks       int         // whole weeks since the candidate last heard, or 0
	WeeksWord   string      // Weeks as this language writes it in a sentence
}

// view cleans the input and picks this language's phrases for its situation.
func (l *compiledLanguage) view(in DraftInput) view {
	s := situationOf(in)
	d := l.Drafts
	v := view{
		Greeting:    l.Greet(parseName(in.ContactName)),
		Candidate:   oneLine(in.CandidateName),
		Company:     oneLine(in.Company),
		Role:        cleanRole(in.RoleTitle),
		ResponseURL: strings.TrimSpace(in.ResponseURL),
		Stage:       d.Stages[s.stage],
		ContactLine: d.Contacts[strings.ToLower(oneLine(in.ContactRole))],
		ReasonLine:  d.Reasons[s.reason],
		Flex:        d.Flex[s.sector],
		Channel:     s.channel,
		Spoke:       s.spoke,
		Ghosted:     s.ghosted,
		Cancelled:   s.cancelled,
	}
	if in.WeeksWaiting > 0 {
		v.Weeks = in.WeeksWaiting
		v.WeeksWord = fmt.Sprint(in.WeeksWaiting)
		if in.WeeksWaiting < len(d.Numbers) {
			v.WeeksWord = d.Numbers[in.WeeksWaiting]
		}
	}
	return v
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
