// Package recovery holds Rebound's domain rules for recovery plans, reflection prompts, the
// candidate's agenda and cross-rejection insights, worded in English, Spanish, French and German
// (docs/advice.md, docs/i18n-recovery.md). Everything here is a pure function of its inputs: no I/O, no clock,
// no randomness, so that the same inputs always give the same plan and the rules can be
// table-tested without a database.
package recovery

import (
	"sort"
	"time"
)

// Stages a rejection can have reached, in funnel order (earliest first).
const (
	StageApplication = "application"
	StageScreening   = "screening"
	StagePhoneScreen = "phone_screen"
	StageAssessment  = "assessment"
	StageInterview   = "interview"
	StageFinalRound  = "final_round"
	StageOffer       = "offer"
)

// StageOrder lists the stages in funnel order; the index is the depth reached.
var StageOrder = []string{StageApplication, StageScreening, StagePhoneScreen, StageAssessment, StageInterview, StageFinalRound, StageOffer}

// Contact is a person the candidate met during the process.
type Contact struct {
	ID    string // stable id of the contact within the rejection (e.g. "ct_1"), used in step keys
	Name  string
	Role  string // recruiter, hiring_manager, interviewer, hr, other
	Email string
}

// Rejection carries the facts of the rejection a plan is built for.
type Rejection struct {
	ID              string
	Company         string
	RoleTitle       string
	Stage           string // one of the Stage* constants
	Channel         string // email, phone, portal, in_person, no_response
	ReasonCategory  string // position_filled, stronger_candidate, internal_candidate, skills_gap, experience_gap, culture_fit, compensation, location, role_cancelled, no_reason_given, other
	ReasonText      string
	ReceivedAt      time.Time
	Contacts        []Contact
	EmotionalImpact int // 1–5; 0 when not given
}

// FeedbackItem is one structured point of a piece of feedback.
type FeedbackItem struct {
	Category string // skills, experience, interview_performance, communication, preparation, culture_fit, technical_depth, motivation, compensation, other
	Polarity string // strength, improvement, neutral
	Detail   string
}

// Feedback is what an employer, recruiter, interviewer, coach or peer said about the rejection.
type Feedback struct {
	ID         string
	Source     string // employer, recruiter, interviewer, coach, peer
	ReceivedAt time.Time
	Items      []FeedbackItem
	// Summary is the free-text summary of the feedback (model.Feedback.Summary). It is read for
	// the same themes as the items, so summary-only feedback still shapes the plan.
	Summary string
}

// Reflection is one of the candidate's guided self-assessments, decoded from its answers
// (see the prompt catalogue). Absent answers are nil or empty.
type Reflection struct {
	ID                string
	CreatedAt         time.Time
	Mood              *int     // 1 (very low) – 5 (very good)
	Preparation       *int     // 1 (unprepared) – 5 (fully prepared for the questions asked)
	SurpriseQuestions []string // questions that caught the candidate off guard
	SkillGaps         []string // skill or experience gaps the candidate noticed
	AnswerClarity     *int     // 1 (rambling/unclear) – 5 (clear and concise)
	CompanyResearch   *int     // 1 (little research) – 5 (thorough research)
	Nerves            *int     // 1 (calm) – 5 (nerves got badly in the way)
	WentWell          string
	DoDifferently     string
	RoleFit           *bool // did the role fit the candidate's goals
	NewDirections     []string
}

// PastRejection is one of the candidate's other rejections, used by the history rules
// (repeated rejections, early-stage clusters).
type PastRejection struct {
	ID         string
	Stage      string
	RoleTitle  string
	ReceivedAt time.Time
}

// Feedback request statuses as FeedbackRequestRef carries them (model.FeedbackRequest's
// EffectiveStatus: an open request past its expiry is expired).
const (
	RequestDraft     = "draft"
	RequestSent      = "sent"
	RequestResponded = "responded"
	RequestDeclined  = "declined"
	RequestExpired   = "expired"
	RequestCancelled = "cancelled"
)

// FeedbackRequestRef is one feedback request of the rejection with its effective status.
type FeedbackRequestRef struct {
	ID     string
	Status string // one of the Request* constants
}

// FeedbackRequestState summarises the feedback requests of the rejection. Feedback is asked for
// once per rejection: as soon as any request exists that was not cancelled — pending, answered,
// declined or expired — the plan no longer suggests asking.
type FeedbackRequestState struct {
	// Pending is true when a request is in draft or sent status and not yet expired. It is the
	// older, summary form; Requests is preferred and either may be set.
	Pending bool
	// Requests lists every request of the rejection (any order) with its effective status.
	Requests []FeedbackRequestRef
}

// requested reports whether feedback has been asked for (a request not cancelled exists).
func (s FeedbackRequestState) requested() bool {
	if s.Pending {
		return true
	}
	for _, r := range s.Requests {
		if r.Status != RequestCancelled && r.Status != "" {
			return true
		}
	}
	return false
}

// closedWithout returns the requests that ended without an answer (declined or expired), sorted
// by id so reasons are stable.
func (s FeedbackRequestState) closedWithout() []FeedbackRequestRef {
	var out []FeedbackRequestRef
	for _, r := range s.Requests {
		if r.Status == RequestDeclined || r.Status == RequestExpired {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// SiblingPlan is one of the candidate's other open recovery plans, as far as the plan rules need
// it to avoid giving the same candidate-wide advice twice (see IsCandidateWide).
type SiblingPlan struct {
	PlanID      string
	RejectionID string
	ReceivedAt  time.Time // the sibling rejection's received_at
	Historical  bool      // the sibling plan was generated with PlanInput.Historical
	Steps       []SiblingStep
}

// SiblingStep is a stored step of a sibling plan: its id, key and status are enough.
type SiblingStep struct {
	ID     string
	Key    string
	Status string
}

// PlanInput is everything the plan rules look at.
//
// The plan is anchored at the rejection: its dates count from Rejection.ReceivedAt's calendar
// day in Location (see PlanAnchor). StartsOn is the date the plan was first created — the day
// the candidate recorded the rejection, "today" at creation — fixed when the plan is created and
// passed unchanged on every regeneration. Steps whose moment had already passed by then are
// dropped or marked Lapsed (see Step), so regenerating later gives the same steps for the same
// inputs. A zero StartsOn means "recorded on the day it was received".
type PlanInput struct {
	StartsOn         time.Time      // a date (midnight) in Location: the plan's creation date
	Location         *time.Location // the candidate's timezone
	Rejection        Rejection
	Feedback         []Feedback      // oldest first
	Reflections      []Reflection    // oldest first
	History          []PastRejection // the candidate's other rejections, any order
	FeedbackRequests FeedbackRequestState
	// Locale is the candidate's BCP 47 tag; the plan's wording is in locale.Resolve(Locale)'s
	// language (English when unsupported).
	Locale string
	// Historical marks a rejection recorded long after it happened (older than the tenant's
	// threshold, 30 days by default) or imported from history: its plan gets no nudges, nothing
	// in it is ever overdue, and it holds no candidate-wide advice; it still counts in insights
	// and in other plans' history.
	Historical bool
	// Siblings are the candidate's other open plans (any order, at most MaxSiblingPlans are
	// read), so candidate-wide advice is given once across them.
	Siblings []SiblingPlan
}
