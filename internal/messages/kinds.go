package messages

// Kind names one of the messages a candidate may want to send after a rejection. It is a
// string so it can travel unchanged in URLs and JSON (for example /drafts/thank-you).
type Kind string

// The draft kinds. Each matches one piece of advice for handling a rejection well: thank the
// people involved, ask for constructive feedback and thank them when it comes, say you remain
// interested, keep in touch now and then, ask whether flexible work is possible, and, when
// nobody answered at all, follow up once to ask where things stand.
const (
	// KindThankYou thanks the employer for their time and, when a decision was sent, for
	// letting the candidate know.
	KindThankYou Kind = "thank-you"
	// KindFeedbackRequest asks one clear, optional question about what would have helped.
	KindFeedbackRequest Kind = "feedback-request"
	// KindContinuedInterest tells the employer the candidate would welcome future openings.
	KindContinuedInterest Kind = "continued-interest"
	// KindCheckIn is a brief hello sent weeks later to stay in touch, with no request in it.
	KindCheckIn Kind = "check-in"
	// KindContractInquiry offers help on a more flexible basis instead: contract, part-time
	// or project work, or the sector's own form of it (locum, bank, agency, supply work).
	KindContractInquiry Kind = "contract-inquiry"
	// KindStatusFollowUp is the single polite follow-up for a candidate who heard nothing
	// (channel no_response): it asks once where things stand, with no deadline.
	KindStatusFollowUp Kind = "status-follow-up"
	// KindFeedbackThanks thanks the employer for feedback they sent.
	KindFeedbackThanks Kind = "feedback-thanks"
)

// Kinds lists every draft kind in a fixed, documented order, so callers can offer them all
// (or validate against them) without repeating the list. The five original kinds come first,
// in their original order, so existing clients see no change. Each call returns a new slice.
func Kinds() []Kind {
	return []Kind{KindThankYou, KindFeedbackRequest, KindContinuedInterest, KindCheckIn, KindContractInquiry,
		KindStatusFollowUp, KindFeedbackThanks}
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
