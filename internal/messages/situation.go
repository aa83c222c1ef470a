package messages

import (
	"regexp"
	"strings"
	"unicode"
)

// The values of DraftInput.Channel: how the rejection reached the candidate. They match the
// rejection's channel field; ChannelNoResponse means the candidate was ghosted.
const (
	ChannelEmail      = "email"
	ChannelPhone      = "phone"
	ChannelPortal     = "portal"
	ChannelInPerson   = "in_person"
	ChannelNoResponse = "no_response"
)

// ReasonRoleCancelled is the one reason category that changes every draft: the role itself
// went away, so no draft may speak of a decision about the candidate or of someone hired.
// The other categories of the rejection's reason_category are accepted as they are; see
// DraftInput.ReasonCategory.
const ReasonRoleCancelled = "role_cancelled"

// The values of DraftInput.Feedback: what became of feedback on this rejection.
const (
	// FeedbackNone means no feedback has arrived (or the caller does not know).
	FeedbackNone = ""
	// FeedbackReceived means the employer sent feedback, through the page or the API.
	FeedbackReceived = "received"
	// FeedbackDeclined means the employer answered a request saying they prefer not to give
	// feedback.
	FeedbackDeclined = "declined"
)

// The values of DraftInput.Sector. A sector only changes how the contract inquiry names
// flexible work, because in health, teaching and care that work has its own name: a doctor
// asks about locum work and a nurse about bank or agency shifts, not about "project work".
const (
	// SectorInfer (the zero value) infers the sector from the role title; see InferSector.
	SectorInfer = ""
	// SectorGeneral is any other field: contract, part-time or project work.
	SectorGeneral = "general"
	// SectorMedicine is doctors, pharmacists, dentists and vets: locum work.
	SectorMedicine = "medicine"
	// SectorNursing is nurses, midwives, care assistants in hospitals and allied health
	// professionals: bank or agency shifts.
	SectorNursing = "nursing"
	// SectorTeaching is teachers and teaching assistants: supply or cover work.
	SectorTeaching = "teaching"
	// SectorSocialCare is care and support workers and social workers: bank or relief shifts.
	SectorSocialCare = "social_care"
)

// sectors lists the sectors InferSector can return, in the order their words are tried: the
// more specific first, so a "nurse practitioner" is nursing and a "teaching assistant in a care
// home" is teaching.
var sectors = []string{SectorMedicine, SectorNursing, SectorTeaching, SectorSocialCare}

// InferSector guesses the sector from a role title in any supported language ("Staff Nurse",
// "Médico de familia", "Professeure des écoles", "Assistenzärztin"), using every language's
// sector words, since a German role can sit in an English candidate's record. It returns
// SectorGeneral when no word matches. It is a convenience for callers that do not know the
// sector; DraftInput.Sector overrides it.
func InferSector(roleTitle string) string {
	title := " " + strings.Join(strings.FieldsFunc(strings.ToLower(roleTitle), notWordRune), " ") + " "
	for _, s := range sectors {
		for _, lang := range registry.order {
			for _, w := range registry.langs[lang].SectorWords[s] {
				if stem, ok := strings.CutPrefix(w, "~"); ok {
					if strings.Contains(title, stem) {
						return s
					}
				} else if strings.Contains(title, " "+w+" ") {
					return s
				}
			}
		}
	}
	return SectorGeneral
}

// notWordRune splits a role title into words; hyphens split too, so "aide-soignante" is
// matched as "aide soignante".
func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// genderMarker matches the gender notes job ads append to titles, "(m/w/d)", "(H/F)",
// "(all genders)", which no one writes in a letter.
var genderMarker = regexp.MustCompile(`(?i)\s*[(\[]\s*(?:(?:[mwfdhx*]\s*[/|,]\s*)+[mwfdhx*]|all genders|gn\*?)\s*[)\]]`)

// cleanRole collapses the role title's whitespace and drops gender markers.
func cleanRole(s string) string { return oneLine(genderMarker.ReplaceAllString(s, " ")) }

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

// situation is what is true about a rejection, in language-neutral terms, as far as the
// wording of a draft is concerned.
type situation struct {
	stage     string // a key of stageFacts, or "" when unknown
	channel   string // one of the Channel constants, or "" when unknown
	reason    string // the reason category, lower-cased
	feedback  string // one of the Feedback constants
	sector    string // one of sectors or SectorGeneral
	spoke     bool   // the candidate has spoken with people at the company
	ghosted   bool   // no answer ever came (channel no_response)
	cancelled bool   // the role itself was cancelled
}

// situationOf reads the input's facts. Unknown values are treated as unknown, never guessed:
// an unknown channel counts as "a decision was sent" because a stored rejection always has a
// channel and only no_response means silence.
func situationOf(in DraftInput) situation {
	s := situation{
		stage:    strings.ToLower(oneLine(in.Stage)),
		channel:  strings.ToLower(oneLine(in.Channel)),
		reason:   strings.ToLower(oneLine(in.ReasonCategory)),
		feedback: strings.ToLower(oneLine(in.Feedback)),
		sector:   strings.ToLower(oneLine(in.Sector)),
	}
	if _, ok := stageFacts[s.stage]; !ok {
		s.stage = ""
	}
	s.spoke = stageFacts[s.stage].spoke
	s.ghosted = s.channel == ChannelNoResponse
	s.cancelled = s.reason == ReasonRoleCancelled
	if s.sector == SectorInfer || !validSector(s.sector) {
		s.sector = InferSector(in.RoleTitle)
	}
	return s
}

func validSector(s string) bool {
	for _, known := range sectors {
		if s == known {
			return true
		}
	}
	return s == SectorGeneral
}

// misfit names a reason why a kind does not suit the situation. Each language words every
// misfit in its table (Misfits), so Fits can explain itself to the candidate.
type misfit string

const (
	// misfitUnknownKind: the kind is not one of Kinds().
	misfitUnknownKind misfit = "unknown_kind"
	// misfitNoDecisionYet: a thank-you for a decision that was never sent.
	misfitNoDecisionYet misfit = "no_decision_yet"
	// misfitAskStatusFirst: a feedback request to an employer who has not answered at all.
	misfitAskStatusFirst misfit = "ask_status_first"
	// misfitFeedbackReceived: asking for feedback that already arrived.
	misfitFeedbackReceived misfit = "feedback_received"
	// misfitFeedbackDeclined: asking again after the employer declined to give feedback.
	misfitFeedbackDeclined misfit = "feedback_declined"
	// misfitRoleCancelled: asking what would have made the application stronger when the role
	// itself was cancelled.
	misfitRoleCancelled misfit = "role_cancelled"
	// misfitNoFeedbackYet: thanking for feedback that has not arrived.
	misfitNoFeedbackYet misfit = "no_feedback_yet"
	// misfitDecisionSent: a status follow-up although the employer did answer.
	misfitDecisionSent misfit = "decision_sent"
	// misfitAwaitingReply: more messages to an employer who has not replied to the first.
	misfitAwaitingReply misfit = "awaiting_reply"
	// misfitNoRelationship: asking a silent employer for other work.
	misfitNoRelationship misfit = "no_relationship"
	// misfitNotMetYet: a "keep in touch" note to people the candidate never spoke with.
	misfitNotMetYet misfit = "not_met_yet"
)

// misfits lists every misfit, so the tests can check each language words them all.
var misfits = []misfit{misfitUnknownKind, misfitNoDecisionYet, misfitAskStatusFirst, misfitFeedbackReceived,
	misfitFeedbackDeclined, misfitRoleCancelled, misfitNoFeedbackYet, misfitDecisionSent, misfitAwaitingReply,
	misfitNoRelationship, misfitNotMetYet}

// misfitFor decides whether kind suits the situation, returning "" when it does. The rules
// follow the advice the drafts come from: thank people for what they actually did, ask for
// feedback once and thank them when it comes, keep in touch where there is a relationship,
// and when nobody answered, follow up once and no more.
func misfitFor(kind Kind, s situation) misfit {
	switch kind {
	case KindThankYou:
		if s.ghosted {
			return misfitNoDecisionYet
		}
	case KindFeedbackRequest:
		switch {
		case s.ghosted:
			return misfitAskStatusFirst
		case s.feedback == FeedbackReceived:
			return misfitFeedbackReceived
		case s.feedback == FeedbackDeclined:
			return misfitFeedbackDeclined
		case s.cancelled:
			return misfitRoleCancelled
		}
	case KindFeedbackThanks:
		if s.feedback != FeedbackReceived {
			return misfitNoFeedbackYet
		}
	case KindStatusFollowUp:
		if !s.ghosted {
			return misfitDecisionSent
		}
	case KindContinuedInterest:
		if s.ghosted {
			return misfitAwaitingReply
		}
	case KindCheckIn:
		switch {
		case s.ghosted:
			return misfitAwaitingReply
		case s.stage != "" && !s.spoke:
			return misfitNotMetYet
		}
	case KindContractInquiry:
		if s.ghosted {
			return misfitNoRelationship
		}
	default:
		return misfitUnknownKind
	}
	return ""
}

// Fits reports whether a kind of draft suits the rejection described by in, and when it does
// not, why, in one or two sentences in the input's language (locale.Resolve(in.Locale)),
// naming the kind to send instead where there is one. It lets the API answer a request for an
// ill-suited draft with an explanation, or show the draft with a warning.
//
// Compose never refuses a kind that does not fit: its drafts always adapt their wording so
// they say nothing untrue (a ghosted candidate's thank-you does not thank anyone for a
// decision). Fits is the advice on top: for example a contract inquiry to an employer who
// never answered is truthful but unwise.
func Fits(kind Kind, in DraftInput) (ok bool, why string) {
	lang, _ := resolve(in.Locale)
	m := misfitFor(kind, situationOf(in))
	if m == "" {
		return true, ""
	}
	return false, registry.langs[lang].Misfits[m]
}

// KindsFor lists, in the order of Kinds(), the kinds that fit the rejection described by in,
// so a client can offer only the drafts worth sending.
func KindsFor(in DraftInput) []Kind {
	s := situationOf(in)
	var out []Kind
	for _, k := range Kinds() {
		if misfitFor(k, s) == "" {
			out = append(out, k)
		}
	}
	return out
}
