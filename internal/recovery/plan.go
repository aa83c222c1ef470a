package recovery

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Step kinds, in the order a plan lists steps due on the same day. Kinds and keys are stable,
// language-independent identifiers: Merge matches steps by key.
const (
	KindRest                 = "rest"
	KindTalkToSomeone        = "talk_to_someone"
	KindThankContacts        = "thank_contacts"
	KindThankFeedback        = "thank_feedback"
	KindStatusFollowUp       = "status_follow_up"
	KindRequestFeedback      = "request_feedback"
	KindReflect              = "reflect"
	KindReviewFeedback       = "review_feedback"
	KindKeepPerspective      = "keep_perspective"
	KindInterviewPractice    = "interview_practice"
	KindAssessmentPractice   = "assessment_practice"
	KindObtainQualification  = "obtain_qualification"
	KindSkillDevelopment     = "skill_development"
	KindQuantifyResults      = "quantify_results"
	KindResearchPractice     = "research_practice"
	KindResumeRefresh        = "resume_refresh"
	KindSalaryBenchmark      = "salary_benchmark"
	KindApplyNext            = "apply_next"
	KindWidenNetwork         = "widen_network"
	KindContractInquiry      = "contract_inquiry"
	KindEngageRecruiter      = "engage_recruiter"
	KindExploreAdjacentRoles = "explore_adjacent_roles"
	KindStayInTouch          = "stay_in_touch"
	KindReapplyLater         = "reapply_later"
)

// kindList is every kind in display order; kindOrder ranks them for stable ordering.
var kindList = []string{
	KindRest, KindTalkToSomeone, KindThankContacts, KindThankFeedback, KindStatusFollowUp, KindRequestFeedback,
	KindReflect, KindReviewFeedback, KindKeepPerspective, KindInterviewPractice, KindAssessmentPractice,
	KindObtainQualification, KindSkillDevelopment, KindQuantifyResults, KindResearchPractice, KindResumeRefresh,
	KindSalaryBenchmark, KindApplyNext, KindWidenNetwork, KindContractInquiry, KindEngageRecruiter,
	KindExploreAdjacentRoles, KindStayInTouch, KindReapplyLater,
}

// Kinds lists every step kind, in display order.
func Kinds() []string { return append([]string(nil), kindList...) }

var kindOrder = func() map[string]int {
	m := make(map[string]int, len(kindList))
	for i, k := range kindList {
		m[k] = i
	}
	return m
}()

// employerFacing kinds put the candidate in front of employers or contacts: after a hard blow
// they wait until the candidate has had room, and become optional (see Step.Optional).
var employerFacing = map[string]bool{
	KindThankContacts: true, KindThankFeedback: true, KindStatusFollowUp: true, KindRequestFeedback: true,
	KindApplyNext: true, KindWidenNetwork: true, KindEngageRecruiter: true, KindContractInquiry: true,
	KindStayInTouch: true, KindReapplyLater: true,
}

// usefulFor is how many days after its due date a time-bound step still makes sense. A plan
// recorded after that (StartsOn) leaves the step out; one recorded within it moves the step to
// StartsOn. Kinds not listed are timeless: when their date passed before the plan was recorded
// they stay, marked Lapsed. The rest step is time-bound by its own length.
var usefulFor = map[string]int{
	KindThankContacts: 20, KindThankFeedback: 20, KindStatusFollowUp: 28, KindRequestFeedback: 40,
	KindApplyNext: 16, KindContractInquiry: 80, KindStayInTouch: 30, KindReapplyLater: 270,
}

// Step statuses and plan statuses.
const (
	StatusPending    = "pending"
	StatusInProgress = "in_progress"
	StatusDone       = "done"
	StatusSkipped    = "skipped"
	PlanActive       = "active"
	PlanCompleted    = "completed"
)

// Reason sources.
const (
	SourceRejection       = "rejection"
	SourceFeedback        = "feedback"
	SourceReflection      = "reflection"
	SourceHistory         = "history"
	SourceFeedbackRequest = "feedback_request"
)

// Plan bounds (issue 8): however much feedback arrives, a plan stays readable and cheap.
const (
	// MaxSkillSteps is the most gap steps (skill_development:…, obtain_qualification) a plan
	// lists one by one; the rest are summarised in skill_development:more.
	MaxSkillSteps = 5
	// MaxThankContactSteps is the most contacts thanked one by one; the others share one step.
	MaxThankContactSteps = 6
	// MaxPlanSteps caps the whole plan.
	MaxPlanSteps = 30
	// MaxReasons caps the reasons listed on a step; ReasonsOmitted counts the rest.
	MaxReasons = 10
	// MaxTitleLength, MaxGuidanceLength and MaxReasonDetailLength bound the text, in characters.
	MaxTitleLength        = 140
	MaxGuidanceLength     = 1200
	MaxReasonDetailLength = 300
	// MaxSiblingPlans is the most sibling plans read from PlanInput.Siblings (newest first).
	MaxSiblingPlans = 50
	// MaxFeedbackRead, MaxReflectionsRead and MaxHistoryRead bound what one generation reads:
	// the newest feedback records and reflections (the input lists them oldest first), and the
	// newest other rejections. MaxItemsRead bounds the items read from one feedback record. Older
	// records beyond them are not considered, so generation costs the same however much arrives.
	MaxFeedbackRead    = 100
	MaxReflectionsRead = 50
	MaxHistoryRead     = 500
	MaxItemsRead       = 30
)

// boundInput keeps the newest records within the read bounds, without modifying the caller's
// slices.
func boundInput(in PlanInput) PlanInput {
	if n := len(in.Feedback); n > MaxFeedbackRead {
		in.Feedback = in.Feedback[n-MaxFeedbackRead:]
	}
	copied := false
	for i := range in.Feedback {
		if len(in.Feedback[i].Items) > MaxItemsRead {
			if !copied {
				in.Feedback, copied = append([]Feedback(nil), in.Feedback...), true
			}
			in.Feedback[i].Items = in.Feedback[i].Items[:MaxItemsRead]
		}
	}
	if n := len(in.Reflections); n > MaxReflectionsRead {
		in.Reflections = in.Reflections[n-MaxReflectionsRead:]
	}
	if len(in.History) > MaxHistoryRead {
		h := append([]PastRejection(nil), in.History...)
		sort.Slice(h, func(i, j int) bool { return newerThan(h[i].ReceivedAt, h[i].ID, h[j].ReceivedAt, h[j].ID) })
		in.History = h[:MaxHistoryRead]
	}
	return in
}

// Reason explains why a step is in the plan: which record (Ref) and which of its fields caused
// it, in a sentence.
type Reason struct {
	Source string `json:"source"`
	Ref    string `json:"ref"`
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

// Step is one generated step: what to do, why, and by when (a date in the candidate's zone).
type Step struct {
	Key      string
	Kind     string
	Title    string
	Guidance string
	DueOn    time.Time
	Reasons  []Reason
	// ReasonsOmitted counts the reasons left out beyond MaxReasons ("and 12 more").
	ReasonsOmitted int
	// Optional marks a step the candidate may leave out without the plan suffering: steps that
	// face employers when the mood is very low or the blow hit hard.
	Optional bool
	// Nudge says whether the platform should be told when the step falls due (the step_due
	// webhook). It is false in a historical plan and for a lapsed step.
	Nudge bool
	// Lapsed marks a step whose date had already passed when the plan was recorded: still worth
	// doing when the candidate is ready, but never shown as overdue and never nudged.
	Lapsed bool
}

// PlanStep is a step as stored: a generated step plus the candidate's progress on it.
type PlanStep struct {
	ID string
	Step
	Status      string
	Note        string
	CompletedAt *time.Time
	StartedAt   *time.Time
}

// ValidStepStatus reports whether s is a step status.
func ValidStepStatus(s string) bool {
	switch s {
	case StatusPending, StatusInProgress, StatusDone, StatusSkipped:
		return true
	}
	return false
}

// WorkedOn reports whether the candidate has touched the step; such steps survive
// regeneration untouched in status, note and dates.
func (p PlanStep) WorkedOn() bool { return p.Status != StatusPending && p.Status != "" }

// Overdue reports whether a stored step should be shown as overdue on today (a date in the
// candidate's zone): it is open, nudged, not lapsed, and its date has passed.
func (p PlanStep) Overdue(today time.Time) bool {
	open := p.Status == StatusPending || p.Status == StatusInProgress || p.Status == ""
	return open && p.Nudge && !p.Lapsed && p.DueOn.Before(dateIn(today, p.DueOn.Location()))
}

// PlanStatus is completed when every step is done or skipped, else active.
func PlanStatus(steps []PlanStep) string {
	if len(steps) == 0 {
		return PlanActive
	}
	for _, s := range steps {
		if s.Status != StatusDone && s.Status != StatusSkipped {
			return PlanActive
		}
	}
	return PlanCompleted
}

// candidateWideKeys are step keys whose advice concerns the candidate's whole search rather than
// one rejection: the same key in two open plans is the same advice, given once (see
// IsCandidateWide). Skill gaps are candidate-wide by their key "skill_development:<gap>".
var candidateWideKeys = map[string]bool{
	KindTalkToSomeone: true, KindKeepPerspective: true, KindInterviewPractice: true, KindAssessmentPractice: true,
	KindObtainQualification: true, KindQuantifyResults: true, KindResearchPractice: true, KindResumeRefresh: true,
	KindSalaryBenchmark: true, KindApplyNext: true, KindWidenNetwork: true, KindEngageRecruiter: true,
	KindExploreAdjacentRoles: true,
}

// IsCandidateWide reports whether a step key names candidate-wide advice: advice that at most
// one of a candidate's open plans holds, and that the agenda lists once. Everything else (rest,
// thanks, feedback, reflection, check-ins with one company, reapplying there) belongs to its
// rejection.
func IsCandidateWide(key string) bool {
	if candidateWideKeys[key] {
		return true
	}
	gap, ok := strings.CutPrefix(key, KindSkillDevelopment+":")
	return ok && gap != skillMoreKey && gap != skillReasonKey
}

// PlanAnchor is the date a plan's dates count from: the day the rejection was received, in the
// candidate's zone (StartsOn when ReceivedAt is unknown).
func PlanAnchor(in PlanInput) time.Time {
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	if !in.Rejection.ReceivedAt.IsZero() {
		return dateIn(in.Rejection.ReceivedAt, loc)
	}
	return dateIn(in.StartsOn, loc)
}

// Generate applies every rule to the input and returns the plan's steps, ordered by due date,
// kind and key. It is a pure function: the same input always gives the same steps.
//
// After the rules: wellbeing gives room before employer-facing steps; candidate-wide advice a
// sibling plan holds is left out; steps whose moment passed before the plan was recorded are
// dropped or marked; and the plan, its reasons and its texts are bounded.
func Generate(in PlanInput) []Step {
	f := newFacts(in)
	var steps []Step
	for _, r := range rules {
		steps = append(steps, r(f)...)
	}
	steps = f.applyWellbeing(steps)
	steps = f.dropHeldElsewhere(steps)
	steps = f.applyLapse(steps)
	steps = capPlan(steps)
	for i := range steps {
		boundStep(&steps[i])
		steps[i].Nudge = !in.Historical && !steps[i].Lapsed
	}
	sortSteps(steps)
	return steps
}

// dropHeldElsewhere leaves out candidate-wide steps that another open plan holds (see held).
func (f *facts) dropHeldElsewhere(steps []Step) []Step {
	out := steps[:0]
	for _, s := range steps {
		if IsCandidateWide(s.Key) && f.held(s.Key) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// held reports whether candidate-wide advice key belongs to another plan: every key does in a
// historical plan; otherwise a sibling holds it when the candidate already worked on it there,
// or when the sibling's rejection is newer (advice follows the newest rejection that calls for
// it, so its dates and reasons are the freshest).
func (f *facts) held(key string) bool {
	if f.in.Historical {
		return true
	}
	return f.heldKeys[key]
}

func (f *facts) computeHeld() {
	f.heldKeys = map[string]bool{}
	sibs := append([]SiblingPlan(nil), f.in.Siblings...)
	sort.SliceStable(sibs, func(i, j int) bool {
		return newerThan(sibs[i].ReceivedAt, sibs[i].RejectionID, sibs[j].ReceivedAt, sibs[j].RejectionID)
	})
	if len(sibs) > MaxSiblingPlans {
		sibs = sibs[:MaxSiblingPlans]
	}
	for _, s := range sibs {
		if s.RejectionID == f.rej.ID && s.RejectionID != "" {
			continue
		}
		newer := !s.Historical && newerThan(s.ReceivedAt, s.RejectionID, f.rej.ReceivedAt, f.rej.ID)
		for _, st := range s.Steps {
			if !IsCandidateWide(st.Key) {
				continue
			}
			worked := st.Status != StatusPending && st.Status != ""
			if worked || newer {
				f.heldKeys[st.Key] = true
			}
		}
	}
}

// newerThan orders rejections newest first: later received, then the larger id.
func newerThan(a time.Time, aID string, b time.Time, bID string) bool {
	if !a.Equal(b) {
		return a.After(b)
	}
	return aID > bID
}

// applyLapse handles steps whose date passed before the plan was recorded (StartsOn): a
// time-bound step past its useful window is dropped, one still within it moves to the recording
// date; a timeless one keeps its date and is marked Lapsed. In a historical plan a time-bound
// step whose date passed is dropped outright: the moment is gone.
func (f *facts) applyLapse(steps []Step) []Step {
	out := steps[:0]
	for _, s := range steps {
		if !s.DueOn.Before(f.recorded) {
			out = append(out, s)
			continue
		}
		window, timeBound := usefulFor[s.Kind]
		if s.Kind == KindRest {
			window, timeBound = f.restDays-1, true
		}
		switch {
		case !timeBound:
			s.Lapsed = true
		case f.in.Historical || addDays(s.DueOn, window).Before(f.recorded):
			continue
		default:
			s.DueOn = f.recorded
			s.Reasons = append(s.Reasons, Reason{SourceRejection, f.rej.ID, "received_at", tr(f.lang, "reason.late.still")})
		}
		out = append(out, s)
	}
	return out
}

// capPlan keeps at most MaxPlanSteps steps, dropping the latest-ranked kinds first.
func capPlan(steps []Step) []Step {
	if len(steps) <= MaxPlanSteps {
		return steps
	}
	sort.SliceStable(steps, func(i, j int) bool {
		if kindOrder[steps[i].Kind] != kindOrder[steps[j].Kind] {
			return kindOrder[steps[i].Kind] < kindOrder[steps[j].Kind]
		}
		return steps[i].Key < steps[j].Key
	})
	return steps[:MaxPlanSteps]
}

// boundStep caps a step's reasons and the length of its texts.
func boundStep(s *Step) {
	s.Title = clipTo(s.Title, MaxTitleLength)
	s.Guidance = clipTo(s.Guidance, MaxGuidanceLength)
	if len(s.Reasons) > MaxReasons {
		s.ReasonsOmitted += len(s.Reasons) - MaxReasons
		s.Reasons = s.Reasons[:MaxReasons]
	}
	for i := range s.Reasons {
		s.Reasons[i].Detail = clipTo(s.Reasons[i].Detail, MaxReasonDetailLength)
	}
}

func clipTo(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func sortSteps(steps []Step) {
	sort.SliceStable(steps, func(i, j int) bool { return stepLess(steps[i], steps[j]) })
}

func stepLess(a, b Step) bool {
	if !a.DueOn.Equal(b.DueOn) {
		return a.DueOn.Before(b.DueOn)
	}
	if kindOrder[a.Kind] != kindOrder[b.Kind] {
		return kindOrder[a.Kind] < kindOrder[b.Kind]
	}
	return a.Key < b.Key
}

// dateIn is midnight of t's calendar day in loc.
func dateIn(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// addDays moves a date by calendar days (never by 24-hour durations, which DST would skew).
func addDays(d time.Time, n int) time.Time { return d.AddDate(0, 0, n) }

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
