package wire

import (
	"github.com/reboundhq/rebound/internal/model"
)

// Analytics are a tenant's aggregates over a date range of rejections.
type Analytics struct {
	Object string `json:"object" example:"analytics"`
	// From and To are the range of received_at dates covered (UTC, both included).
	From string `json:"from" format:"date" example:"2026-09-01"`
	To   string `json:"to" format:"date" example:"2026-11-30"`
	// Suppression explains what is left out: no group of fewer than min_candidates distinct
	// candidates is shown (its count is in suppressed_groups), and no overall figure over
	// fewer (it is null, with suppressed true).
	Suppression   string `json:"suppression" example:"Groups of fewer than 5 distinct candidates are left out and counted in suppressed_groups; overall figures over fewer than 5 candidates are null and marked suppressed."`
	MinCandidates int    `json:"min_candidates" example:"5"`

	Rejections       AnalyticsTotal    `json:"rejections"`
	Stages           AnalyticsGroups   `json:"stages"`
	Reasons          AnalyticsGroups   `json:"reasons"`
	FeedbackRequests AnalyticsFeedback `json:"feedback_requests"`
	Plans            AnalyticsPlans    `json:"plans"`
	NextApplication  AnalyticsNextStep `json:"next_application"`
	// ImprovementAreas are the feedback categories named as something to improve in feedback
	// on at least two rejections of the same candidate; count is those rejections, candidates
	// the candidates it recurs for.
	ImprovementAreas AnalyticsGroups `json:"improvement_areas"`
} //	@name	Analytics

// AnalyticsTotal counts the range's rejections and their candidates.
type AnalyticsTotal struct {
	Count      *int64 `json:"count" example:"1240" extensions:"x-nullable"`
	Candidates int64  `json:"candidates" example:"812"`
	Suppressed bool   `json:"suppressed" example:"false"`
} //	@name	AnalyticsTotal

// AnalyticsGroups is a grouped count with the groups that were left out.
type AnalyticsGroups struct {
	Groups           []AnalyticsGroup `json:"groups"`
	SuppressedGroups int              `json:"suppressed_groups" example:"1"`
} //	@name	AnalyticsGroups

// AnalyticsGroup is one group of a grouped count.
type AnalyticsGroup struct {
	Key        string `json:"key" example:"final_round"`
	Count      int64  `json:"count" example:"214"`
	Candidates int64  `json:"candidates" example:"190"`
} //	@name	AnalyticsGroup

// AnalyticsFeedback says how feedback requests fared, overall and for the companies asked most.
type AnalyticsFeedback struct {
	Overall   FeedbackFigures   `json:"overall"`
	ByCompany []FeedbackFigures `json:"by_company"`
	// SuppressedGroups counts the companies left out for having fewer than min_candidates
	// candidates; MoreGroups those left out past the 50 asked most.
	SuppressedGroups int `json:"suppressed_groups" example:"37"`
	MoreGroups       int `json:"more_groups" example:"0"`
} //	@name	AnalyticsFeedback

// FeedbackFigures are one group's feedback request figures. Asked counts requests that reached
// the employer (sent, or answered straight from their draft), answered those that got feedback
// back; response_rate is answered / asked; median_hours_to_answer runs from sending (or
// drafting) to the answer.
type FeedbackFigures struct {
	Company             string   `json:"company,omitempty" example:"Northwind Analytics"`
	Asked               *int64   `json:"asked" example:"120" extensions:"x-nullable"`
	Answered            *int64   `json:"answered" example:"51" extensions:"x-nullable"`
	ResponseRate        *float64 `json:"response_rate" example:"0.425" extensions:"x-nullable"`
	MedianHoursToAnswer *float64 `json:"median_hours_to_answer" example:"30.5" extensions:"x-nullable"`
	Candidates          int64    `json:"candidates" example:"97"`
	Suppressed          bool     `json:"suppressed" example:"false"`
} //	@name	FeedbackFigures

// AnalyticsPlans count the range's plans. Live plans are the ones candidates work through;
// historical ones (recorded long after the rejection, or imported) are counted apart and left
// out of every rate.
type AnalyticsPlans struct {
	Live           *int64   `json:"live" example:"1100" extensions:"x-nullable"`
	Completed      *int64   `json:"completed" example:"286" extensions:"x-nullable"`
	CompletionRate *float64 `json:"completion_rate" example:"0.26" extensions:"x-nullable"`
	Historical     *int64   `json:"historical" example:"140" extensions:"x-nullable"`
	Candidates     int64    `json:"candidates" example:"760"`
	Suppressed     bool     `json:"suppressed" example:"false"`
	// ByStepKind is how each kind of step of the live plans fared: completion_rate is done /
	// steps.
	ByStepKind       []StepKindFigures `json:"by_step_kind"`
	SuppressedGroups int               `json:"suppressed_groups" example:"0"`
} //	@name	AnalyticsPlans

// StepKindFigures are one step kind's outcomes.
type StepKindFigures struct {
	Kind           string  `json:"kind" example:"thank_contacts"`
	Steps          int64   `json:"steps" example:"1320"`
	Done           int64   `json:"done" example:"702"`
	Skipped        int64   `json:"skipped" example:"88"`
	CompletionRate float64 `json:"completion_rate" example:"0.53"`
	Candidates     int64   `json:"candidates" example:"700"`
} //	@name	StepKindFigures

// AnalyticsNextStep measures how soon candidates applied again: the median days from a
// rejection to the completion of its plan's "apply to your next opportunity" step.
type AnalyticsNextStep struct {
	MedianDays *float64 `json:"median_days" example:"6.5" extensions:"x-nullable"`
	Samples    int64    `json:"samples" example:"233"`
	Candidates int64    `json:"candidates" example:"201"`
	Suppressed bool     `json:"suppressed" example:"false"`
} //	@name	AnalyticsNextApplication

// AnalyticsSuppression is the sentence every analytics answer carries.
const AnalyticsSuppression = "Groups of fewer than 5 distinct candidates are left out and counted in suppressed_groups; overall figures over fewer than 5 candidates are null and marked suppressed."

// FromAnalytics renders the aggregates.
func FromAnalytics(a model.Analytics) Analytics {
	out := Analytics{Object: "analytics", From: a.From.Format(model.DateLayout), To: a.To.Format(model.DateLayout),
		Suppression: AnalyticsSuppression, MinCandidates: model.AnalyticsMinCandidates}
	out.Rejections = AnalyticsTotal{Candidates: a.Rejections.Candidates, Suppressed: a.Rejections.Suppressed}
	if !a.Rejections.Suppressed {
		out.Rejections.Count = &a.Rejections.Count
	}
	out.Stages = groups(a.Stages, a.SuppressedStages)
	out.Reasons = groups(a.Reasons, a.SuppressedReasons)
	out.ImprovementAreas = groups(a.ImprovementAreas, a.SuppressedAreas)
	out.FeedbackRequests = AnalyticsFeedback{Overall: feedbackFigures(a.FeedbackRequests), ByCompany: []FeedbackFigures{},
		SuppressedGroups: a.SuppressedCompanies, MoreGroups: a.MoreCompanies}
	for _, c := range a.FeedbackByCompany {
		out.FeedbackRequests.ByCompany = append(out.FeedbackRequests.ByCompany, feedbackFigures(c))
	}
	p := a.Plans
	out.Plans = AnalyticsPlans{Candidates: p.Candidates, Suppressed: p.Suppressed, ByStepKind: []StepKindFigures{}, SuppressedGroups: a.SuppressedKinds}
	if !p.Suppressed {
		out.Plans.Live, out.Plans.Completed, out.Plans.Historical = &p.Live, &p.Completed, &p.Historical
		out.Plans.CompletionRate = ratio(p.Completed, p.Live)
	}
	for _, k := range a.StepKinds {
		rate := 0.0
		if r := ratio(k.Done, k.Steps); r != nil {
			rate = *r
		}
		out.Plans.ByStepKind = append(out.Plans.ByStepKind, StepKindFigures{Kind: k.Kind, Steps: k.Steps, Done: k.Done, Skipped: k.Skipped, CompletionRate: rate, Candidates: k.Candidates})
	}
	n := a.NextApplication
	out.NextApplication = AnalyticsNextStep{MedianDays: round(n.MedianDays), Samples: n.Samples, Candidates: n.Candidates, Suppressed: n.Suppressed}
	return out
}

func groups(gs []model.Group, suppressed int) AnalyticsGroups {
	out := AnalyticsGroups{Groups: make([]AnalyticsGroup, 0, len(gs)), SuppressedGroups: suppressed}
	for _, g := range gs {
		out.Groups = append(out.Groups, AnalyticsGroup{Key: g.Key, Count: g.Count, Candidates: g.Candidates})
	}
	return out
}

func feedbackFigures(f model.FeedbackFigures) FeedbackFigures {
	out := FeedbackFigures{Company: f.Company, Candidates: f.Candidates, Suppressed: f.Suppressed}
	if f.Suppressed {
		return out
	}
	asked, answered := f.Asked, f.Answered
	out.Asked, out.Answered = &asked, &answered
	out.ResponseRate = ratio(answered, asked)
	out.MedianHoursToAnswer = round(f.MedianHours)
	return out
}

// ratio is num/den to three decimals, or nil without a denominator.
func ratio(num, den int64) *float64 {
	if den == 0 {
		return nil
	}
	v := float64(num) / float64(den)
	return round(&v)
}

// round keeps three decimals, so figures read the same on both databases.
func round(v *float64) *float64 {
	if v == nil {
		return nil
	}
	r := float64(int64(*v*1000+0.5)) / 1000
	return &r
}
