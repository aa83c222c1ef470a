// Package recovery holds Rebound's domain rules for recovery plans, reflection prompts and
// cross-rejection insights. Everything here is a pure function of its inputs: no I/O, no clock,
// no randomness, so that the same inputs always give the same plan and the rules can be
// table-tested without a database.
package recovery

import "time"

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

// FeedbackRequestState summarises the feedback requests of the rejection.
type FeedbackRequestState struct {
	Pending bool // a request is in draft or sent status and not yet expired
}

// PlanInput is everything the plan rules look at. StartsOn is the plan's anchor date in the
// candidate's timezone, fixed when the plan is first created, so that regenerating later gives
// the same dates for the same inputs.
type PlanInput struct {
	StartsOn         time.Time      // a date (midnight) in Location
	Location         *time.Location // the candidate's timezone
	Rejection        Rejection
	Feedback         []Feedback      // oldest first
	Reflections      []Reflection    // oldest first
	History          []PastRejection // the candidate's other rejections, any order
	FeedbackRequests FeedbackRequestState
}
