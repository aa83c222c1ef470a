package recovery

import (
	"math"
	"sort"
	"strings"
	"time"
)

// Insight bounds: the store loads at most this many of a candidate's rows, so computing
// insights costs a handful of indexed queries and O(n log n) work on n ≤ these bounds.
const (
	InsightsMaxRejections = 500
	InsightsMaxFeedback   = 1000
	InsightsMaxReflection = 1000
	// MinSampleForRates is the fewest rejections (or plans) a rate is computed over.
	MinSampleForRates = 5
)

// Insight inputs.
type (
	InsightRejection struct {
		ID, Stage, ReasonCategory, RoleTitle, Company string
		ReceivedAt                                    time.Time
	}
	InsightFeedback struct {
		Feedback
		RejectionID string
	}
	InsightReflection struct {
		Reflection
		RejectionID string
	}
	InsightPlan struct {
		ID, RejectionID, Status string
		CreatedAt               time.Time
		CompletedAt             *time.Time
	}
	InsightsInput struct {
		CandidateID string
		Rejections  []InsightRejection
		Feedback    []InsightFeedback
		Reflections []InsightReflection
		Plans       []InsightPlan
		AsOf        time.Time
	}
)

// Ratio is a rate or figure that is only given over enough data.
type Ratio struct {
	Value  *float64 `json:"value" example:"0.4"`
	Status string   `json:"status" enums:"ok,insufficient_data" example:"ok"`
} //	@name	InsightRatio

func ratio(num, den float64, sample int) Ratio {
	if sample < MinSampleForRates || den == 0 {
		return Ratio{Status: "insufficient_data"}
	}
	v := math.Round(num/den*1000) / 1000
	return Ratio{Value: &v, Status: "ok"}
}

// StageCount is one row of the funnel.
type StageCount struct {
	Stage       string `json:"stage" example:"interview"`
	RejectedAt  int    `json:"rejected_at" example:"2"`
	Reached     int    `json:"reached" example:"4"`
	ReachedRate Ratio  `json:"reached_share"`
} //	@name	InsightStage

// ReasonCount counts a reason category.
type ReasonCount struct {
	Category string `json:"category" example:"stronger_candidate"`
	Count    int    `json:"count" example:"3"`
	Share    Ratio  `json:"share"`
} //	@name	InsightReason

// Evidence points at a record behind an insight.
type Evidence struct {
	Source      string `json:"source" enums:"feedback,reflection,rejection" example:"feedback"`
	ID          string `json:"id" example:"fb_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID string `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	Detail      string `json:"detail" example:"System design depth"`
} //	@name	InsightEvidence

// Area is a recurring improvement area or strength.
type Area struct {
	Category       string     `json:"category" example:"technical_depth"`
	Count          int        `json:"count" example:"3"`
	RejectionCount int        `json:"rejection_count" example:"2"`
	LastSeen       time.Time  `json:"last_seen" example:"2026-11-21T15:00:00Z"`
	Evidence       []Evidence `json:"evidence"`
} //	@name	InsightArea

// MoodPoint is one mood answer.
type MoodPoint struct {
	Date         string `json:"date" example:"2026-11-21"`
	Mood         int    `json:"mood" example:"2"`
	ReflectionID string `json:"reflection_id" example:"rfl_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID  string `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
} //	@name	InsightMoodPoint

// Recovery summarises how plans went.
type Recovery struct {
	MedianDaysToCompletion Ratio `json:"median_days_to_plan_completion"`
	PlansCompleted         int   `json:"plans_completed" example:"3"`
	PlansTotal             int   `json:"plans_total" example:"6"`
	CompletedRatio         Ratio `json:"plans_completed_ratio"`
} //	@name	InsightRecovery

// Suggestion is a pattern-based recommendation with the evidence behind it.
type Suggestion struct {
	Code     string     `json:"code" example:"practise_interviews"`
	Title    string     `json:"title" example:"Practise interviews with a coach or recruiter"`
	Detail   string     `json:"detail" example:"Interview performance came up as an improvement area in 3 rejections."`
	Evidence []Evidence `json:"evidence"`
} //	@name	InsightSuggestion

// Insights are the patterns across one candidate's rejections.
type Insights struct {
	Object           string        `json:"object" example:"candidate_insights"`
	CandidateID      string        `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	AsOf             time.Time     `json:"as_of" example:"2026-11-22T12:00:00Z"`
	RejectionCount   int           `json:"rejection_count" example:"6"`
	StageFunnel      []StageCount  `json:"stage_funnel"`
	ReasonCategories []ReasonCount `json:"reason_categories"`
	ImprovementAreas []Area        `json:"improvement_areas"`
	Strengths        []Area        `json:"strengths"`
	MoodTrend        []MoodPoint   `json:"mood_trend"`
	Recovery         Recovery      `json:"recovery"`
	Suggestions      []Suggestion  `json:"suggestions"`
} //	@name	CandidateInsights

// ComputeInsights finds the patterns; it is pure and deterministic whatever the input order.
func ComputeInsights(in InsightsInput) Insights {
	n := len(in.Rejections)
	out := Insights{Object: "candidate_insights", CandidateID: in.CandidateID, AsOf: in.AsOf.UTC(), RejectionCount: n,
		StageFunnel: []StageCount{}, ReasonCategories: []ReasonCount{}, ImprovementAreas: []Area{}, Strengths: []Area{},
		MoodTrend: []MoodPoint{}, Suggestions: []Suggestion{}}

	// Funnel: how far each rejection got.
	depthCount := make([]int, len(StageOrder))
	for _, r := range in.Rejections {
		depthCount[stageDepth(r.Stage)]++
	}
	for i, st := range StageOrder {
		reached := 0
		for j := i; j < len(StageOrder); j++ {
			reached += depthCount[j]
		}
		out.StageFunnel = append(out.StageFunnel, StageCount{Stage: st, RejectedAt: depthCount[i], Reached: reached, ReachedRate: ratio(float64(reached), float64(n), n)})
	}

	reasons := map[string]int{}
	for _, r := range in.Rejections {
		reasons[r.ReasonCategory]++
	}
	for cat, c := range reasons {
		out.ReasonCategories = append(out.ReasonCategories, ReasonCount{Category: cat, Count: c, Share: ratio(float64(c), float64(n), n)})
	}
	sort.Slice(out.ReasonCategories, func(i, j int) bool {
		a, b := out.ReasonCategories[i], out.ReasonCategories[j]
		return a.Count > b.Count || (a.Count == b.Count && a.Category < b.Category)
	})

	// Areas from feedback items and reflection gaps.
	type acc struct {
		area       Area
		rejections map[string]bool
	}
	improve, strong := map[string]*acc{}, map[string]*acc{}
	note := func(m map[string]*acc, cat string, ev Evidence, at time.Time) {
		a, ok := m[cat]
		if !ok {
			a = &acc{area: Area{Category: cat}, rejections: map[string]bool{}}
			m[cat] = a
		}
		a.area.Count++
		a.rejections[ev.RejectionID] = true
		a.area.Evidence = append(a.area.Evidence, ev)
		if at.After(a.area.LastSeen) {
			a.area.LastSeen = at.UTC()
		}
	}
	for _, f := range in.Feedback {
		for _, it := range f.Items {
			ev := Evidence{Source: "feedback", ID: f.ID, RejectionID: f.RejectionID, Detail: clip(it.Detail)}
			switch it.Polarity {
			case "improvement":
				note(improve, it.Category, ev, f.ReceivedAt)
			case "strength":
				note(strong, it.Category, ev, f.ReceivedAt)
			}
		}
	}
	for _, r := range in.Reflections {
		for _, g := range r.SkillGaps {
			note(improve, "skills", Evidence{Source: "reflection", ID: r.ID, RejectionID: r.RejectionID, Detail: clip(g)}, r.CreatedAt)
		}
	}
	collect := func(m map[string]*acc) []Area {
		out := []Area{}
		for _, a := range m {
			if len(a.rejections) < 2 {
				continue // recurring means: seen in two rejections or more
			}
			a.area.RejectionCount = len(a.rejections)
			sort.Slice(a.area.Evidence, func(i, j int) bool { return a.area.Evidence[i].ID > a.area.Evidence[j].ID })
			if len(a.area.Evidence) > 10 {
				a.area.Evidence = a.area.Evidence[:10]
			}
			out = append(out, a.area)
		}
		sort.Slice(out, func(i, j int) bool {
			return out[i].RejectionCount > out[j].RejectionCount || (out[i].RejectionCount == out[j].RejectionCount && out[i].Category < out[j].Category)
		})
		return out
	}
	out.ImprovementAreas, out.Strengths = collect(improve), collect(strong)

	// Mood trend, oldest first.
	refl := append([]InsightReflection(nil), in.Reflections...)
	sort.Slice(refl, func(i, j int) bool {
		if !refl[i].CreatedAt.Equal(refl[j].CreatedAt) {
			return refl[i].CreatedAt.Before(refl[j].CreatedAt)
		}
		return refl[i].ID < refl[j].ID
	})
	for _, r := range refl {
		if r.Mood != nil {
			out.MoodTrend = append(out.MoodTrend, MoodPoint{Date: r.CreatedAt.UTC().Format("2006-01-02"), Mood: *r.Mood, ReflectionID: r.ID, RejectionID: r.RejectionID})
		}
	}

	// Recovery: days from the rejection to its plan's completion.
	received := make(map[string]time.Time, n)
	for _, r := range in.Rejections {
		received[r.ID] = r.ReceivedAt
	}
	var days []float64
	completed := 0
	for _, p := range in.Plans {
		if p.Status == PlanCompleted && p.CompletedAt != nil {
			completed++
			from, ok := received[p.RejectionID]
			if !ok || from.After(*p.CompletedAt) {
				from = p.CreatedAt
			}
			days = append(days, p.CompletedAt.Sub(from).Hours()/24)
		}
	}
	out.Recovery = Recovery{PlansCompleted: completed, PlansTotal: len(in.Plans), CompletedRatio: ratio(float64(completed), float64(len(in.Plans)), min(n, len(in.Plans)))}
	out.Recovery.MedianDaysToCompletion = Ratio{Status: "insufficient_data"}
	if len(days) >= MinSampleForRates && n >= MinSampleForRates {
		sort.Float64s(days)
		m := days[len(days)/2]
		if len(days)%2 == 0 {
			m = (days[len(days)/2-1] + days[len(days)/2]) / 2
		}
		m = math.Round(m*10) / 10
		out.Recovery.MedianDaysToCompletion = Ratio{Value: &m, Status: "ok"}
	}

	out.Suggestions = suggestions(in, out)
	return out
}

// suggestions turns patterns into advice, each with its evidence.
func suggestions(in InsightsInput, ins Insights) []Suggestion {
	out := []Suggestion{}
	var early []Evidence
	for _, r := range in.Rejections {
		if earlyStage(r.Stage) {
			early = append(early, Evidence{Source: "rejection", ID: r.ID, RejectionID: r.ID, Detail: r.RoleTitle + " at " + r.Company})
		}
	}
	sortEvidence(early)
	if len(early) >= 3 {
		out = append(out, Suggestion{Code: "refresh_cv", Title: "Rework your CV and consider adjacent roles",
			Detail:   "Several applications stopped at the first stage. Tailor the CV's top third to each posting, and look at neighbouring roles where your skills count just as much.",
			Evidence: early})
	}
	for _, a := range ins.ImprovementAreas {
		if interviewCategories[a.Category] {
			out = append(out, Suggestion{Code: "practise_interviews", Title: "Practise interviews with a coach or recruiter",
				Detail:   strings.ReplaceAll(a.Category, "_", " ") + " came up as an improvement area in several rejections; rehearsing with someone candid is the quickest fix.",
				Evidence: a.Evidence})
			break
		}
	}
	for _, a := range ins.ImprovementAreas {
		if skillCategories[a.Category] {
			out = append(out, Suggestion{Code: "close_recurring_gap", Title: "Close the gap that keeps coming up",
				Detail:   "The same " + strings.ReplaceAll(a.Category, "_", " ") + " gap was named in several rejections. A focused course or project on it will pay off across applications.",
				Evidence: a.Evidence})
			break
		}
	}
	var recent []Evidence
	for _, r := range in.Rejections {
		if !r.ReceivedAt.After(in.AsOf) && in.AsOf.Sub(r.ReceivedAt) <= 90*24*time.Hour {
			recent = append(recent, Evidence{Source: "rejection", ID: r.ID, RejectionID: r.ID, Detail: r.RoleTitle + " at " + r.Company})
		}
	}
	sortEvidence(recent)
	if len(recent) >= 3 {
		out = append(out, Suggestion{Code: "engage_recruiter", Title: "Work with a recruiter",
			Detail:   "Several rejections in the last three months: a recruiter can point you at better-fitting roles and tell you candidly how you come across.",
			Evidence: recent})
	}
	if t := ins.MoodTrend; len(t) >= 3 && t[len(t)-1].Mood <= 2 && t[len(t)-1].Mood < t[0].Mood {
		var ev []Evidence
		for _, p := range t {
			ev = append(ev, Evidence{Source: "reflection", ID: p.ReflectionID, RejectionID: p.RejectionID, Detail: "mood " + string(rune('0'+p.Mood))})
		}
		out = append(out, Suggestion{Code: "look_after_yourself", Title: "Slow down and look after yourself",
			Detail:   "Your mood has been falling across recent reflections. It is fine to pause the search for a few days and talk to someone you trust.",
			Evidence: ev})
	}
	if len(ins.Strengths) > 0 {
		s := ins.Strengths[0]
		out = append(out, Suggestion{Code: "lead_with_strength", Title: "Lead with your strength",
			Detail:   "Employers keep naming " + strings.ReplaceAll(s.Category, "_", " ") + " as a strength. Put it first in your CV and your opening answers.",
			Evidence: s.Evidence})
	}
	return out
}

func sortEvidence(ev []Evidence) {
	sort.Slice(ev, func(i, j int) bool { return ev[i].ID < ev[j].ID })
}
