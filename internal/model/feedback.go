package model

import (
	"fmt"
	"strings"
	"time"
)

// Feedback id prefixes.
const (
	PrefixFeedbackRequest = "frq"
	PrefixFeedback        = "fb"
)

// Feedback request statuses. A request is drafted by Rebound, sent by the platform, and ends
// responded, declined, expired or cancelled.
const (
	RequestDraft     = "draft"
	RequestSent      = "sent"
	RequestResponded = "responded"
	RequestDeclined  = "declined"
	RequestExpired   = "expired"
	RequestCancelled = "cancelled"
)

// Feedback events.
const (
	EventFeedbackRequestCreated   = "feedback_request.created"
	EventFeedbackRequestSent      = "feedback_request.sent"
	EventFeedbackRequestResponded = "feedback_request.responded"
	EventFeedbackRequestDeclined  = "feedback_request.declined"
	EventFeedbackRequestExpired   = "feedback_request.expired"
	EventFeedbackRequestCancelled = "feedback_request.cancelled"
	EventFeedbackReceived         = "feedback.received"
	EventFeedbackDeleted          = "feedback.deleted"
)

func init() {
	EventTypes = append(EventTypes,
		EventFeedbackRequestCreated, EventFeedbackRequestSent, EventFeedbackRequestResponded, EventFeedbackRequestDeclined,
		EventFeedbackRequestExpired, EventFeedbackRequestCancelled, EventFeedbackReceived, EventFeedbackDeleted)
}

// Feedback request link lifetime.
const (
	DefaultRequestTTLDays = 30
	MaxRequestTTLDays     = 90
	MaxNoteLength         = 1000
)

// FeedbackSources name who gave feedback.
var FeedbackSources = []string{"employer", "recruiter", "interviewer", "coach", "peer"}

// FeedbackCategories classify a feedback item.
var FeedbackCategories = []string{"skills", "experience", "interview_performance", "communication", "preparation", "culture_fit", "technical_depth", "motivation", "compensation", "other"}

// FeedbackPolarities say whether an item is a strength, something to improve, or neither.
var FeedbackPolarities = []string{"strength", "improvement", "neutral"}

// Feedback bounds.
const (
	MaxFeedbackItems        = 30
	MaxFeedbackDetailLength = 2000
	MaxFeedbackSummary      = 5000
	MaxAuthorLength         = 200
)

// FeedbackRequest is a polite request for feedback to one person, answered through a link.
type FeedbackRequest struct {
	TenantID       string `gorm:"primaryKey"`
	ID             string `gorm:"primaryKey"`
	RejectionID    string
	CandidateID    string
	ContactID      *string
	RecipientName  string
	RecipientEmail *string
	RecipientRole  string
	// Locale is the BCP 47 tag of the language the message and the recipient's page are in;
	// "" means the candidate's.
	Locale         string
	Note           string
	Status         string
	MessageSubject string
	MessageBody    string
	TokenHash      string
	ExpiresAt      time.Time
	SentAt         *time.Time
	RespondedAt    *time.Time
	ClosedAt       *time.Time
	CreatedAt      time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt      time.Time `gorm:"autoUpdateTime:false"`
}

// Open reports whether the request still waits for an answer.
func (r FeedbackRequest) Open() bool { return r.Status == RequestDraft || r.Status == RequestSent }

// EffectiveStatus is the status as of now: an open request past its expiry is expired, even
// before the sweep has written that down.
func (r FeedbackRequest) EffectiveStatus(now time.Time) string {
	if r.Open() && !now.Before(r.ExpiresAt) {
		return RequestExpired
	}
	return r.Status
}

// TransitionError refuses a status change and says what the status is.
type TransitionError struct {
	From, To string
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("a %s feedback request cannot become %s", e.From, e.To)
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *TransitionError) Unwrap() error { return ErrConflict }

// transitions lists the legal moves of the status machine. Responding straight from draft is
// allowed: platforms may send the link without telling Rebound first.
var transitions = map[string][]string{
	RequestDraft: {RequestSent, RequestResponded, RequestDeclined, RequestCancelled},
	RequestSent:  {RequestResponded, RequestDeclined, RequestCancelled},
}

// Transition moves the request to status at now, or refuses with a *TransitionError.
func (r *FeedbackRequest) Transition(to string, now time.Time) error {
	if to == RequestExpired {
		// Expiry is recorded for an open request whose link has run out, and only then.
		if !r.Open() || now.Before(r.ExpiresAt) {
			return &TransitionError{From: r.EffectiveStatus(now), To: to}
		}
		r.Status, r.ClosedAt = RequestExpired, &now
		return nil
	}
	from := r.EffectiveStatus(now)
	allowed := false
	for _, s := range transitions[from] {
		allowed = allowed || s == to
	}
	if !allowed {
		return &TransitionError{From: from, To: to}
	}
	r.Status = to
	switch to {
	case RequestSent:
		r.SentAt = &now
	case RequestResponded, RequestDeclined:
		r.RespondedAt = &now
		r.ClosedAt = &now
	default:
		r.ClosedAt = &now
	}
	return nil
}

// FeedbackItem is one structured point of feedback.
type FeedbackItem struct {
	Category string `json:"category"`
	Polarity string `json:"polarity"`
	Detail   string `json:"detail"`
}

// Feedback is what someone said about a rejection, structured into items.
type Feedback struct {
	TenantID          string `gorm:"primaryKey"`
	ID                string `gorm:"primaryKey"`
	RejectionID       string
	CandidateID       string
	Source            string
	AuthorName        string
	AuthorRole        string
	ReceivedAt        time.Time
	Summary           string
	Items             []FeedbackItem `gorm:"serializer:json"`
	FeedbackRequestID *string
	CreatedAt         time.Time `gorm:"autoCreateTime:false"`
}

// TableName keeps the table's name singular-as-mass-noun.
func (Feedback) TableName() string { return "feedback" }

// Check validates feedback from either the API or the public page.
func (f *Feedback) Check() error {
	var errs Errors
	CheckEnum(&errs, "/source", f.Source, FeedbackSources)
	CheckText(&errs, "/author_name", f.AuthorName, false, MaxAuthorLength)
	CheckText(&errs, "/author_role", f.AuthorRole, false, MaxAuthorLength)
	CheckText(&errs, "/summary", f.Summary, false, MaxFeedbackSummary)
	if len(f.Items) > MaxFeedbackItems {
		errs.Add("/items", "must have at most %d items", MaxFeedbackItems)
	}
	if strings.TrimSpace(f.Summary) == "" && len(f.Items) == 0 {
		errs.Add("/summary", "give a summary or at least one item")
	}
	for i, it := range f.Items {
		p := "/items/" + itoa(i)
		CheckEnum(&errs, p+"/category", it.Category, FeedbackCategories)
		CheckEnum(&errs, p+"/polarity", it.Polarity, FeedbackPolarities)
		CheckText(&errs, p+"/detail", it.Detail, true, MaxFeedbackDetailLength)
	}
	if f.ReceivedAt.IsZero() {
		errs.Add("/received_at", "is required")
	} else {
		CheckTime(&errs, "/received_at", f.ReceivedAt)
	}
	return errs.Err()
}

// Normalize trims what a person typed, so that a blank detail or summary counts as none.
func (f *Feedback) Normalize() {
	f.AuthorName = strings.TrimSpace(f.AuthorName)
	f.AuthorRole = strings.TrimSpace(f.AuthorRole)
	f.Summary = strings.TrimSpace(f.Summary)
	if f.Items == nil {
		f.Items = []FeedbackItem{}
	}
	for i := range f.Items {
		f.Items[i].Detail = strings.TrimSpace(f.Items[i].Detail)
	}
}
