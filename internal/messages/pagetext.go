package messages

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PageText is every human-readable string of the small public page where an employer answers
// a feedback request (the form, the pages shown after answering or declining, and the pages
// for a link that cannot be used), in one language. The API's templates show these strings
// instead of their own English ones.
//
// Strings may hold these placeholders, which PageText.Fill replaces:
//
//	{candidate}  the candidate's display name (CandidateFallback when it is unknown)
//	{role}       the role title of the rejection
//	{company}    the employer's name
//	{n}          the 1-based number of a form row ("Strength 2 — area")
//
// Every language uses exactly the same placeholders in each string, which the tests check.
// The strings are plain text: a caller rendering HTML escapes the text and the values first
// and may then wrap a value (for example the role in <strong>) before substituting it.
type PageText struct {
	// Lang is the language of the strings (an ISO 639-1 code), for <html lang>.
	Lang string `json:"lang"`
	// Fallback is true when the requested language is not supported and the strings are
	// English instead.
	Fallback bool `json:"fallback"`
	// CandidateFallback stands in for {candidate} when the candidate's name is unknown
	// ("the candidate"); Fill capitalises it at the start of a sentence.
	CandidateFallback string `json:"candidate_fallback"`

	// FormTitle is the form's <title> and heading. Placeholder: {candidate}.
	FormTitle string `json:"form_title"`
	// Lead introduces the request. Placeholders: {candidate}, {role}, {company}.
	Lead string `json:"lead"`
	// Requirements says honestly what is needed to submit: every field is optional, but the
	// answer needs at least one strength, suggestion or comment, or the decline button.
	Requirements string `json:"requirements"`
	// NoteLabel introduces the candidate's own note, when there is one.
	NoteLabel string `json:"note_label"`
	// ErrorsHeading introduces the list of form errors.
	ErrorsHeading string `json:"errors_heading"`
	// StrengthsLegend and ImprovementsLegend head the two groups of rows.
	StrengthsLegend    string `json:"strengths_legend"`
	ImprovementsLegend string `json:"improvements_legend"`
	// StrengthArea and StrengthDetail label a strength row's category list and text field;
	// ImprovementArea and ImprovementDetail label an improvement row's. Placeholder: {n}.
	StrengthArea      string `json:"strength_area"`
	StrengthDetail    string `json:"strength_detail"`
	ImprovementArea   string `json:"improvement_area"`
	ImprovementDetail string `json:"improvement_detail"`
	// SummaryLabel labels the free-text comment.
	SummaryLabel string `json:"summary_label"`
	// AuthorNameLabel and AuthorRoleLabel label the optional signature fields.
	AuthorNameLabel string `json:"author_name_label"`
	AuthorRoleLabel string `json:"author_role_label"`
	// SubmitButton sends the feedback; DeclineButton declines to give any.
	SubmitButton  string `json:"submit_button"`
	DeclineButton string `json:"decline_button"`
	// Categories are the feedback categories with their labels, in the order of
	// model.FeedbackCategories.
	Categories []PageOption `json:"categories"`
	// LanguageLabel labels the language switch; Languages are its choices, each language
	// named in itself ("Deutsch", "Español"), the same in every language.
	LanguageLabel string       `json:"language_label"`
	Languages     []PageOption `json:"languages"`
	// Footer says where the answer goes: to the candidate, through the career platform that
	// uses Rebound, which receives it through Rebound's API and webhooks.
	Footer string `json:"footer"`

	// RespondedTitle and RespondedMessage thank the employer after feedback was sent.
	// Placeholder in the message: {candidate}.
	RespondedTitle   string `json:"responded_title"`
	RespondedMessage string `json:"responded_message"`
	// DeclinedTitle and DeclinedMessage thank the employer after declining. Placeholder in
	// the message: {candidate}.
	DeclinedTitle   string `json:"declined_title"`
	DeclinedMessage string `json:"declined_message"`
	// The pages for a link that cannot be used, and for a form that cannot be read.
	AlreadyAnsweredTitle   string `json:"already_answered_title"`
	AlreadyAnsweredMessage string `json:"already_answered_message"`
	ExpiredTitle           string `json:"expired_title"`
	ExpiredMessage         string `json:"expired_message"`
	NotFoundTitle          string `json:"not_found_title"`
	NotFoundMessage        string `json:"not_found_message"`
	TooLongTitle           string `json:"too_long_title"`
	TooLongMessage         string `json:"too_long_message"`
	ReloadTitle            string `json:"reload_title"`
	ReloadMessage          string `json:"reload_message"`

	// Form errors: a category not from the list, an answer with nothing in it, and any other
	// invalid field (the model's own error text is English, so it is not shown).
	ErrorCategory     string `json:"error_category"`
	ErrorNothingGiven string `json:"error_nothing_given"`
	ErrorInvalidField string `json:"error_invalid_field"`
}

// PageOption is one choice of a list on the page: the value posted and the label shown.
type PageOption struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// PageVars are the values PageText.Fill puts in place of the placeholders.
type PageVars struct {
	Candidate string // {candidate}; "" uses CandidateFallback
	Role      string // {role}
	Company   string // {company}
	N         int    // {n}
}

// FeedbackPageText returns the feedback page's strings in the language of a BCP 47 tag
// (locale.Resolve), falling back to English, with Fallback set, for a language Rebound does
// not write.
func FeedbackPageText(lang string) PageText {
	code, fallback := resolve(lang)
	p := registry.langs[code].Page
	p.Lang, p.Fallback = code, fallback
	p.Categories = append([]PageOption(nil), p.Categories...)
	p.Languages = make([]PageOption, 0, len(registry.order))
	for _, c := range registry.order {
		p.Languages = append(p.Languages, PageOption{Value: c, Label: registry.langs[c].Name})
	}
	return p
}

// Fill replaces the placeholders of s with v's values. An unknown candidate becomes
// CandidateFallback, capitalised when it opens a sentence. Values are inserted as they are;
// see PageText about escaping.
func (p PageText) Fill(s string, v PageVars) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+j]
		switch name {
		case "candidate":
			c := v.Candidate
			if c == "" {
				c = p.CandidateFallback
				if opensSentence(b.String()) {
					c = capitalise(c)
				}
			}
			b.WriteString(c)
		case "role":
			b.WriteString(v.Role)
		case "company":
			b.WriteString(v.Company)
		case "n":
			b.WriteString(strconv.Itoa(v.N))
		default:
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
}

// pagePlaceholders are the placeholders Fill knows.
var pagePlaceholders = []string{"{candidate}", "{role}", "{company}", "{n}"}

// opensSentence reports whether text written so far ends where a sentence starts.
func opensSentence(before string) bool {
	t := strings.TrimRightFunc(before, unicode.IsSpace)
	if t == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?", r) && t != before
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
