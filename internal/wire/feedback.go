package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// FeedbackItem is one structured point of feedback, in requests and responses alike.
type FeedbackItem struct {
	Category string `json:"category" validate:"required" enums:"skills,experience,interview_performance,communication,preparation,culture_fit,technical_depth,motivation,compensation,other" example:"technical_depth"`
	Polarity string `json:"polarity" validate:"required" enums:"strength,improvement,neutral" example:"improvement"`
	Detail   string `json:"detail" validate:"required" maxLength:"2000" example:"System design depth: go further into trade-offs of sharding and caching."`
} //	@name	FeedbackItem

// Feedback is feedback as the API returns it.
type Feedback struct {
	Object            string         `json:"object" example:"feedback"`
	ID                string         `json:"id" example:"fb_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID       string         `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID       string         `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Source            string         `json:"source" enums:"employer,recruiter,interviewer,coach,peer" example:"interviewer"`
	AuthorName        string         `json:"author_name" example:"Sam Lee"`
	AuthorRole        string         `json:"author_role" example:"Staff Engineer"`
	ReceivedAt        time.Time      `json:"received_at" example:"2026-11-21T15:00:00Z"`
	Summary           string         `json:"summary" example:"Strong coding round; the design discussion stayed at a high level."`
	Items             []FeedbackItem `json:"items"`
	FeedbackRequestID *string        `json:"feedback_request_id" example:"frq_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b" extensions:"x-nullable"`
	CreatedAt         time.Time      `json:"created_at" example:"2026-11-21T15:00:02Z"`
} //	@name	Feedback

// FromFeedback renders feedback with its items.
func FromFeedback(f model.Feedback) Feedback {
	items := make([]FeedbackItem, 0, len(f.Items))
	for _, it := range f.Items {
		items = append(items, FeedbackItem(it))
	}
	return Feedback{Object: "feedback", ID: f.ID, RejectionID: f.RejectionID, CandidateID: f.CandidateID, Source: f.Source,
		AuthorName: f.AuthorName, AuthorRole: f.AuthorRole, ReceivedAt: f.ReceivedAt.UTC(), Summary: f.Summary, Items: items,
		FeedbackRequestID: f.FeedbackRequestID, CreatedAt: f.CreatedAt.UTC()}
}

// ToFeedbackItems converts wire items into the model's.
func ToFeedbackItems(in []FeedbackItem) []model.FeedbackItem {
	out := make([]model.FeedbackItem, 0, len(in))
	for _, it := range in {
		out = append(out, model.FeedbackItem(it))
	}
	return out
}

// Message is a drafted message.
type Message struct {
	Subject string `json:"subject" example:"Thank you — and one question about the Senior Backend Engineer role"`
	Body    string `json:"body" example:"Hi Priya,\n\nThank you for the final-round conversations…"`
} //	@name	Message

// FeedbackRecipient is the person asked for feedback.
type FeedbackRecipient struct {
	Name  string  `json:"name" example:"Priya Raman"`
	Email *string `json:"email" example:"priya.raman@northwind.example" extensions:"x-nullable"`
	Role  string  `json:"role" example:"hiring_manager"`
} //	@name	FeedbackRecipient

// FeedbackRequest is a feedback request as the API returns it.
type FeedbackRequest struct {
	Object      string            `json:"object" example:"feedback_request"`
	ID          string            `json:"id" example:"frq_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID string            `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	CandidateID string            `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	ContactID   *string           `json:"contact_id" example:"ctc_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b" extensions:"x-nullable"`
	Recipient   FeedbackRecipient `json:"recipient"`
	Note        string            `json:"note" example:"I especially valued the system design conversation."`
	// Locale is the language the message and the recipient's page are in, as asked ("" : the
	// candidate's).
	Locale  string  `json:"locale" example:"de"`
	Status  string  `json:"status" enums:"draft,sent,responded,declined,expired,cancelled" example:"draft"`
	Message Message `json:"message"`
	// The employer's link. Returned once, when the request is created (its token is stored
	// hashed); null afterwards, when the message shows a placeholder instead.
	ResponseURL *string `json:"response_url" example:"https://rebound.example.com/f/frt_kq3…" extensions:"x-nullable"`
	// The link's token (the last path segment of response_url), for platforms that build their
	// own response form on the public JSON endpoint. Returned once, like response_url.
	ResponseToken *string `json:"response_token" example:"frt_kq3Yw0x4hV9tq1LmZp8bN2cR6sD5eF7gJ0aK3uQ1iOw" extensions:"x-nullable"`
	// SecretRedacted is true on a replay of the creating request (same Idempotency-Key): the
	// link is shown only once, so the replay carries the request without it.
	SecretRedacted bool       `json:"secret_redacted,omitempty" example:"false"`
	ExpiresAt      time.Time  `json:"expires_at" example:"2026-12-20T09:35:00Z"`
	SentAt         *time.Time `json:"sent_at" example:"2026-11-20T10:00:00Z" extensions:"x-nullable"`
	RespondedAt    *time.Time `json:"responded_at" example:"2026-11-22T16:12:00Z" extensions:"x-nullable"`
	CreatedAt      time.Time  `json:"created_at" example:"2026-11-20T09:35:00Z"`
	UpdatedAt      time.Time  `json:"updated_at" example:"2026-11-20T09:35:00Z"`
} //	@name	FeedbackRequest

// FromFeedbackRequest renders a request as of now (an open request past its expiry shows as
// expired before the sweep records it).
func FromFeedbackRequest(r model.FeedbackRequest, now time.Time) FeedbackRequest {
	return FeedbackRequest{
		Object: "feedback_request", ID: r.ID, RejectionID: r.RejectionID, CandidateID: r.CandidateID, ContactID: r.ContactID,
		Recipient: FeedbackRecipient{Name: r.RecipientName, Email: r.RecipientEmail, Role: r.RecipientRole},
		Note:      r.Note, Locale: r.Locale, Status: r.EffectiveStatus(now),
		Message:   Message{Subject: r.MessageSubject, Body: r.MessageBody},
		ExpiresAt: r.ExpiresAt.UTC(), SentAt: utcPtr(r.SentAt), RespondedAt: utcPtr(r.RespondedAt),
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
}
