package app

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"regexp"
	"strings"

	"github.com/reboundhq/rebound/internal/messages"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// ResponseLinkPlaceholder stands in the stored message for the response link, which is shown
// only once (its token is kept hashed).
const ResponseLinkPlaceholder = "[your response link]"

// feedbackTokenPrefix starts every response-link token.
const feedbackTokenPrefix = "frt_"

var tokenPattern = regexp.MustCompile(`^frt_[A-Za-z0-9_-]{43}$`)

// HashFeedbackToken is how a response link's token is stored and looked up.
func HashFeedbackToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ResponseURL is the employer's link for a token.
func (a *App) ResponseURL(token string) string { return a.publicURL + "/f/" + token }

// NewFeedbackRequest is what asking for feedback takes: either ContactID (one of the
// rejection's contacts) or a recipient.
type NewFeedbackRequest struct {
	ContactID     *string
	Recipient     *Recipient
	Note          string
	ExpiresInDays *int // nil means the default (30)
	// Locale is the language of the message and of the recipient's page (a BCP 47 tag); ""
	// means the candidate's.
	Locale string
}

// Recipient names the person asked for feedback when they are not one of the contacts.
type Recipient struct {
	Name  string
	Email *string
	Role  string // "" means other
}

// CreatedFeedbackRequest is a new request with the token of its link, which exists only here:
// Rebound keeps a hash.
type CreatedFeedbackRequest struct {
	Request model.FeedbackRequest
	Token   string
}

// Link is the request's response URL.
func (c CreatedFeedbackRequest) Link(a *App) string { return a.ResponseURL(c.Token) }

// RequestFeedback drafts a polite request for feedback to one person, with a single-use,
// expiring response link, and lets the plan react (no second "ask for feedback" step).
func (a *App) RequestFeedback(ctx context.Context, tenantID, rejectionID string, in NewFeedbackRequest) (CreatedFeedbackRequest, error) {
	var out CreatedFeedbackRequest
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		rej, err := tx.RejectionForUpdate(ctx, tenantID, rejectionID)
		if err != nil {
			return err
		}
		cand, err := tx.Candidate(ctx, tenantID, rej.CandidateID)
		if err != nil {
			return err
		}
		now := a.now()
		fr := model.FeedbackRequest{TenantID: tenantID, ID: a.newID(model.PrefixFeedbackRequest), RejectionID: rej.ID, CandidateID: rej.CandidateID,
			Note: strings.TrimSpace(in.Note), Status: model.RequestDraft, Locale: strings.TrimSpace(in.Locale), CreatedAt: now, UpdatedAt: now}
		var errs model.Errors
		if fr.Locale != "" && !model.ValidLocale(fr.Locale) {
			errs.Add("/locale", "must be a BCP 47 language tag such as de or es-MX")
		}
		switch {
		case in.ContactID != nil && in.Recipient != nil:
			errs.Add("/contact_id", "give either contact_id or recipient, not both")
		case in.ContactID != nil:
			ct, ok := rej.Contact(*in.ContactID)
			if !ok {
				errs.Add("/contact_id", "is not a contact of this rejection")
			}
			fr.ContactID, fr.RecipientName, fr.RecipientEmail, fr.RecipientRole = in.ContactID, ct.Name, ct.Email, ct.Role
		case in.Recipient == nil:
			errs.Add("/recipient", "give the recipient, or the contact_id of one of the rejection's contacts")
		default:
			fr.RecipientName, fr.RecipientEmail, fr.RecipientRole = strings.TrimSpace(in.Recipient.Name), in.Recipient.Email, in.Recipient.Role
			if fr.RecipientRole == "" {
				fr.RecipientRole = "other"
			}
			model.CheckText(&errs, "/recipient/name", fr.RecipientName, true, model.MaxContactNameLength)
			model.CheckEnum(&errs, "/recipient/role", fr.RecipientRole, model.ContactRoles)
			if fr.RecipientEmail != nil && !model.ValidEmail(*fr.RecipientEmail) {
				errs.Add("/recipient/email", "must be a valid e-mail address")
			}
		}
		model.CheckText(&errs, "/note", fr.Note, false, model.MaxNoteLength)
		days := model.DefaultRequestTTLDays
		if in.ExpiresInDays != nil {
			days = *in.ExpiresInDays
			if days < 1 || days > model.MaxRequestTTLDays {
				errs.Add("/expires_in_days", "must be an integer from 1 to %d", model.MaxRequestTTLDays)
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		token := feedbackTokenPrefix + base64.RawURLEncoding.EncodeToString(model.RandomToken(32))
		fr.TokenHash = HashFeedbackToken(token)
		fr.ExpiresAt = now.AddDate(0, 0, days)
		in := a.draftInput(rej, cand, &model.Contact{Name: fr.RecipientName, Role: fr.RecipientRole}, fr.Locale, messages.FeedbackNone)
		in.ResponseURL = ResponseLinkPlaceholder
		draft, err := messages.Compose(messages.KindFeedbackRequest, in)
		if err != nil {
			return err
		}
		fr.MessageSubject, fr.MessageBody = draft.Subject, draft.Body
		if err := tx.CreateFeedbackRequest(ctx, &fr); err != nil {
			return err
		}
		if _, err := a.record(ctx, tx, tenantID, model.EventFeedbackRequestCreated, wire.FromFeedbackRequest(fr, now), eventRefs{candidateID: fr.CandidateID, rejectionID: fr.RejectionID, subjectID: fr.ID}); err != nil {
			return err
		}
		if err := a.syncPlan(ctx, tx, rej, model.EventFeedbackRequestCreated, false); err != nil {
			return err
		}
		out = CreatedFeedbackRequest{Request: fr, Token: token}
		return nil
	})
	return out, err
}

// FeedbackRequest returns one of the tenant's feedback requests.
func (a *App) FeedbackRequest(ctx context.Context, tenantID, id string) (model.FeedbackRequest, error) {
	return a.store.FeedbackRequest(ctx, tenantID, id)
}

// FeedbackRequests lists a rejection's feedback requests; another tenant's rejection is not found.
func (a *App) FeedbackRequests(ctx context.Context, tenantID, rejectionID string, p model.Page) ([]model.FeedbackRequest, bool, error) {
	if _, err := a.store.Rejection(ctx, tenantID, rejectionID); err != nil {
		return nil, false, err
	}
	return a.store.FeedbackRequests(ctx, tenantID, rejectionID, p)
}

// TransitionFeedbackRequest moves a request to sent or cancelled (the platform's actions), or
// refuses with a *model.TransitionError.
func (a *App) TransitionFeedbackRequest(ctx context.Context, tenantID, id, to string) (model.FeedbackRequest, error) {
	eventType := map[string]string{model.RequestSent: model.EventFeedbackRequestSent, model.RequestCancelled: model.EventFeedbackRequestCancelled}[to]
	if eventType == "" {
		return model.FeedbackRequest{}, &model.TransitionError{To: to}
	}
	var out model.FeedbackRequest
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		r, err := a.transition(ctx, tx, tenantID, id, to, eventType)
		out = r
		return err
	})
	return out, err
}

// transition locks the request's rejection, moves the request, records the event and
// regenerates the plan.
func (a *App) transition(ctx context.Context, tx *store.Tx, tenantID, id, to, eventType string) (model.FeedbackRequest, error) {
	current, err := tx.FeedbackRequest(ctx, tenantID, id)
	if err != nil {
		return current, err
	}
	rej, err := tx.RejectionForUpdate(ctx, tenantID, current.RejectionID)
	if err != nil {
		return current, err
	}
	now := a.now()
	r, err := tx.UpdateFeedbackRequest(ctx, tenantID, id, func(r *model.FeedbackRequest) error {
		if err := r.Transition(to, now); err != nil {
			return err
		}
		r.UpdatedAt = now
		return nil
	})
	if err != nil {
		return r, err
	}
	if _, err := a.record(ctx, tx, tenantID, eventType, wire.FromFeedbackRequest(r, now), eventRefs{candidateID: r.CandidateID, rejectionID: r.RejectionID, subjectID: r.ID}); err != nil {
		return r, err
	}
	return r, a.syncPlan(ctx, tx, rej, eventType, false)
}

// SweepExpiredFeedbackRequests records the expiry of open requests whose link has run out
// (status expired, with its event and a plan regeneration), at most limit per call, found with
// one indexed query across tenants. Reads already show such requests as expired; the sweep
// makes it durable and tells the platform. It returns how many it recorded.
func (a *App) SweepExpiredFeedbackRequests(ctx context.Context, limit int) (int, error) {
	overdue, err := a.store.OverdueFeedbackRequests(ctx, a.now(), limit)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range overdue {
		err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			_, err := a.transition(ctx, tx, r.TenantID, r.ID, model.RequestExpired, model.EventFeedbackRequestExpired)
			return err
		})
		var te *model.TransitionError
		if errors.As(err, &te) || errors.Is(err, model.ErrNotFound) {
			continue // answered, cancelled or deleted meanwhile
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// RecordFeedback stores feedback about a rejection (from the API, a coach, a phone call) from
// the fields the caller set on f, and lets the plan react, in one transaction.
func (a *App) RecordFeedback(ctx context.Context, tenantID, rejectionID string, f model.Feedback) (model.Feedback, error) {
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		rej, err := tx.RejectionForUpdate(ctx, tenantID, rejectionID)
		if err != nil {
			return err
		}
		f, err = a.recordFeedback(ctx, tx, rej, f)
		return err
	})
	return f, err
}

// recordFeedback validates and stores feedback for a locked rejection, with its event and the
// plan regeneration.
func (a *App) recordFeedback(ctx context.Context, tx *store.Tx, rej model.Rejection, f model.Feedback) (model.Feedback, error) {
	now := a.now()
	f.TenantID, f.ID, f.RejectionID, f.CandidateID, f.CreatedAt = rej.TenantID, a.newID(model.PrefixFeedback), rej.ID, rej.CandidateID, now
	if f.ReceivedAt.IsZero() {
		f.ReceivedAt = now
	}
	f.Normalize()
	if err := f.Check(); err != nil {
		return f, err
	}
	if err := tx.CreateFeedback(ctx, &f); err != nil {
		return f, err
	}
	if _, err := a.record(ctx, tx, rej.TenantID, model.EventFeedbackReceived, wire.FromFeedback(f), eventRefs{candidateID: f.CandidateID, rejectionID: f.RejectionID, subjectID: f.ID}); err != nil {
		return f, err
	}
	return f, a.syncPlan(ctx, tx, rej, model.EventFeedbackReceived, false)
}

// Feedback returns one piece of the tenant's feedback.
func (a *App) Feedback(ctx context.Context, tenantID, id string) (model.Feedback, error) {
	return a.store.Feedback(ctx, tenantID, id)
}

// FeedbackList lists a rejection's feedback; another tenant's rejection is not found.
func (a *App) FeedbackList(ctx context.Context, tenantID, rejectionID string, p model.Page) ([]model.Feedback, bool, error) {
	if _, err := a.store.Rejection(ctx, tenantID, rejectionID); err != nil {
		return nil, false, err
	}
	return a.store.FeedbackList(ctx, tenantID, rejectionID, p)
}

// DeleteFeedback permanently deletes feedback, redacts the events that carried it (its own and
// the plan's, whose reasons may quote it) and regenerates the plan without it.
func (a *App) DeleteFeedback(ctx context.Context, tenantID, id string) error {
	return a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		f, err := tx.Feedback(ctx, tenantID, id)
		if err != nil {
			return err
		}
		rej, err := tx.RejectionForUpdate(ctx, tenantID, f.RejectionID)
		if err != nil {
			return err
		}
		if _, err := tx.DeleteFeedback(ctx, tenantID, id); err != nil {
			return err
		}
		plan, err := tx.PlanForRejection(ctx, tenantID, rej.ID)
		subjects := []string{f.ID}
		if err == nil {
			subjects = append(subjects, plan.ID)
		}
		if err := a.redactEvents(ctx, tx, tenantID, "", subjects); err != nil {
			return err
		}
		if _, err := a.record(ctx, tx, tenantID, model.EventFeedbackDeleted, wire.Deleted("feedback", id), eventRefs{}); err != nil {
			return err
		}
		return a.syncPlan(ctx, tx, rej, model.EventFeedbackDeleted, false)
	})
}

// Errors of the public response link.
var (
	// ErrTokenUnknown means no request has this token (or it is malformed).
	ErrTokenUnknown = errors.New("unknown feedback token")
	// ErrTokenUsed means the request was already answered or declined.
	ErrTokenUsed = errors.New("feedback token already used")
	// ErrTokenExpired means the link expired or the request was cancelled.
	ErrTokenExpired = errors.New("feedback token expired")
)

// PublicRequest is a feedback request as its recipient may see it.
type PublicRequest struct {
	Request   model.FeedbackRequest
	Rejection model.Rejection
	Candidate model.Candidate
}

// OpenFeedbackRequest finds the open request a link's token names. It never reveals anything
// about other requests: unknown, used and expired tokens are distinct errors only.
func (a *App) OpenFeedbackRequest(ctx context.Context, token string) (PublicRequest, error) {
	if !tokenPattern.MatchString(token) {
		return PublicRequest{}, ErrTokenUnknown
	}
	r, err := a.store.FeedbackRequestByTokenHash(ctx, HashFeedbackToken(token))
	if errors.Is(err, model.ErrNotFound) {
		return PublicRequest{}, ErrTokenUnknown
	}
	if err != nil {
		return PublicRequest{}, err
	}
	if err := tokenState(r.EffectiveStatus(a.now())); err != nil {
		return PublicRequest{}, err
	}
	rej, err := a.store.Rejection(ctx, r.TenantID, r.RejectionID)
	if err != nil {
		return PublicRequest{}, err
	}
	cand, err := a.store.Candidate(ctx, r.TenantID, r.CandidateID)
	if err != nil {
		return PublicRequest{}, err
	}
	return PublicRequest{Request: r, Rejection: rej, Candidate: cand}, nil
}

func tokenState(status string) error {
	switch status {
	case model.RequestResponded, model.RequestDeclined:
		return ErrTokenUsed
	case model.RequestExpired, model.RequestCancelled:
		return ErrTokenExpired
	}
	return nil
}

// PublicAnswer is what the recipient answers on the page or through the JSON endpoint.
type PublicAnswer struct {
	Declined   bool
	Summary    string
	AuthorName string
	AuthorRole string
	Items      []model.FeedbackItem
}

// RespondToFeedbackRequest records the recipient's answer: the request becomes responded (with
// the feedback stored exactly as API feedback is) or declined, atomically and only once. Any
// non-empty part is an answer: a comment alone, strengths alone or improvements alone.
func (a *App) RespondToFeedbackRequest(ctx context.Context, open PublicRequest, ans PublicAnswer) (*model.Feedback, error) {
	r := open.Request
	var fb *model.Feedback
	if !ans.Declined {
		fb = &model.Feedback{Source: sourceForRole(r.RecipientRole), AuthorName: ans.AuthorName, AuthorRole: ans.AuthorRole,
			Summary: ans.Summary, Items: ans.Items, FeedbackRequestID: &r.ID}
		if strings.TrimSpace(fb.AuthorName) == "" {
			fb.AuthorName = r.RecipientName
		}
	}
	to, eventType := model.RequestResponded, model.EventFeedbackRequestResponded
	if ans.Declined {
		to, eventType = model.RequestDeclined, model.EventFeedbackRequestDeclined
	}
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		rej, err := tx.RejectionForUpdate(ctx, r.TenantID, r.RejectionID)
		if err != nil {
			return err
		}
		now := a.now()
		// The row lock makes the link single-use even when two answers race.
		updated, err := tx.UpdateFeedbackRequest(ctx, r.TenantID, r.ID, func(req *model.FeedbackRequest) error {
			if err := tokenState(req.EffectiveStatus(now)); err != nil {
				return err
			}
			if err := req.Transition(to, now); err != nil {
				return ErrTokenUsed
			}
			req.UpdatedAt = now
			return nil
		})
		if err != nil {
			return err
		}
		if _, err := a.record(ctx, tx, r.TenantID, eventType, wire.FromFeedbackRequest(updated, now), eventRefs{candidateID: r.CandidateID, rejectionID: r.RejectionID, subjectID: r.ID}); err != nil {
			return err
		}
		if fb != nil {
			// Recording the feedback regenerates the plan too.
			stored, err := a.recordFeedback(ctx, tx, rej, *fb)
			*fb = stored
			return err
		}
		return a.syncPlan(ctx, tx, rej, eventType, false)
	})
	return fb, err
}

// sourceForRole maps the recipient's role onto the feedback source.
func sourceForRole(role string) string {
	switch role {
	case "recruiter":
		return "recruiter"
	case "interviewer":
		return "interviewer"
	}
	return "employer"
}
