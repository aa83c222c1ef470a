package recovery

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Insight bounds: the most rows of each kind the store should load for one candidate. Insights
// are computed on every GET from the candidate's own rows, so these caps keep the cost to a few
// indexed, LIMITed queries and O(n log n) work in memory however long the candidate's history
// grows. Load the newest rows first; older ones beyond the caps are simply not considered.
const (
	// InsightsMaxRejections caps the rejections loaded (newest first).
	InsightsMaxRejections = 500
	// InsightsMaxPlans caps the recovery plans loaded (newest first); there is at most one plan
	// per rejection, so it matches InsightsMaxRejections.
	InsightsMaxPlans = 500
	// InsightsMaxFeedback caps the feedback records loaded (newest first).
	InsightsMaxFeedback = 1000
	// InsightsMaxReflection caps the reflections loaded (newest first).
	InsightsMaxReflection = 1000
)

// MinSampleForRates is the smallest sample a rate, share or median is computed over. Below it a
// figure would read as a pattern when it is mostly chance (one rejection in three is "33 %"), so
// the figure is reported as insufficient_data instead. Rejection figures need this many
// rejections; plan figures need this many rejections and this many plans in their own sample
// (all plans for the completed ratio, completed plans for the median).
const MinSampleForRates = 5

// Ratio statuses.
const (
	// RatioOK marks a figure computed over enough data; Value is set.
	RatioOK = "ok"
	// RatioInsufficientData marks a figure withheld because its sample is below MinSampleForRates; Value is null.
	RatioInsufficientData = "insufficient_data"
)

// Evidence sources: the kind of record an insight points at.
const (
	// EvidenceFeedback points at a feedback record (id fb_…).
	EvidenceFeedback = "feedback"
	// EvidenceReflection points at a reflection (id rfl_…).
	EvidenceReflection = "reflection"
	// EvidenceRejection points at a rejection (id rej_…).
	EvidenceRejection = "rejection"
)

// recurringMin is how many distinct rejections an area must appear in to count as recurring.
const recurringMin = 2

// maxEvidence caps the evidence listed on an area or a suggestion; the newest is kept.
const maxEvidence = 10

// InsightRejection is the part of a rejection the insights read.
type InsightRejection struct {
	ID, Stage, ReasonCategory, RoleTitle, Company string
	ReceivedAt                                    time.Time
}

// InsightFeedback is a piece of feedback together with the rejection it is about, so areas can
// be counted per rejection.
type InsightFeedback struct {
	Feedback
	RejectionID string
}

// InsightReflection is a decoded reflection together with the rejection it reflects on, so gaps
// and moods can be tied back to a rejection.
type InsightReflection struct {
	Reflection
	RejectionID string
}

// InsightPlan is the part of a recovery plan the insights read: whether and when it was
// completed.
type InsightPlan struct {
	ID, RejectionID, Status string
	CreatedAt               time.Time
	CompletedAt             *time.Time
}

// InsightsInput is everything ComputeInsights looks at: one candidate's rows, loaded within the
// Insights* bounds, in any order. AsOf is the moment the insights describe (the request time);
// it anchors "recent" and is passed in so the computation stays free of the clock.
type InsightsInput struct {
	CandidateID string
	Rejections  []InsightRejection
	Feedback    []InsightFeedback
	Reflections []InsightReflection
	Plans       []InsightPlan
	AsOf        time.Time
	// Locale is the candidate's BCP 47 tag: suggestions and evidence labels are written in its
	// language (English when unsupported). Codes, categories and ids never change with it.
	Locale string
}

// Ratio is a computed figure — a share, a rate or a median — that is only given when its sample
// is large enough (see MinSampleForRates). Otherwise Status is insufficient_data and Value is
// null, so a client never shows a percentage built on two or three data points.
type Ratio struct {
	Value  *float64 `json:"value" example:"0.4" extensions:"x-nullable"`
	Status string   `json:"status" enums:"ok,insufficient_data" example:"ok"`
} //	@name	InsightRatio

// InsightStage is one row of the stage funnel: how many rejections ended at this stage and how
// many got at least this far, which shows where in the process applications tend to stop.
type InsightStage struct {
	Stage        string `json:"stage" enums:"application,screening,phone_screen,assessment,interview,final_round,offer" example:"interview"`
	RejectedAt   int    `json:"rejected_at" example:"2"`
	Reached      int    `json:"reached" example:"3"`
	ReachedShare Ratio  `json:"reached_share"`
} //	@name	InsightStage

// InsightReason counts one reason category across the candidate's rejections, so the reasons
// employers give most often stand out.
type InsightReason struct {
	Category string `json:"category" example:"stronger_candidate"`
	Count    int    `json:"count" example:"2"`
	Share    Ratio  `json:"share"`
} //	@name	InsightReason

// InsightEvidence points at a record behind an insight, so a client can link to it and the
// candidate can see why the insight was drawn.
type InsightEvidence struct {
	Source      string `json:"source" enums:"feedback,reflection,rejection" example:"feedback"`
	ID          string `json:"id" example:"fb_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID string `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
	Detail      string `json:"detail" example:"Answers to behavioural questions ran long"`
} //	@name	InsightEvidence

// InsightArea is an improvement area or a strength that recurs: it was named in at least two
// distinct rejections. One-off remarks are left out because a pattern is what is worth acting on.
// Count is the number of mentions, RejectionCount the distinct rejections they came from, and
// Evidence the newest mentions (at most 10).
type InsightArea struct {
	Category       string            `json:"category" example:"interview_performance"`
	Count          int               `json:"count" example:"3"`
	RejectionCount int               `json:"rejection_count" example:"2"`
	LastSeen       time.Time         `json:"last_seen" example:"2026-11-03T10:00:00Z"`
	Evidence       []InsightEvidence `json:"evidence"`
} //	@name	InsightArea

// InsightMoodPoint is one mood answer from a reflection, so clients can draw how the candidate
// has been feeling over time. Date is when the reflection was written (UTC).
type InsightMoodPoint struct {
	Date         time.Time `json:"date" example:"2026-11-19T18:30:00Z"`
	Mood         int       `json:"mood" example:"2"`
	ReflectionID string    `json:"reflection_id" example:"rfl_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionID  string    `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c"`
} //	@name	InsightMoodPoint

// InsightPlanCompletion counts completed recovery plans, which shows whether plans are being
// followed through.
type InsightPlanCompletion struct {
	Completed int   `json:"completed" example:"5"`
	Total     int   `json:"total" example:"6"`
	Ratio     Ratio `json:"ratio"`
} //	@name	InsightPlanCompletion

// InsightRecovery summarises how recovery has gone. MedianDaysToPlanCompletion is the median
// number of days from receiving a rejection to completing its plan (a number of days, not a
// share, in the same withheld-when-thin wrapper as the rates).
type InsightRecovery struct {
	MedianDaysToPlanCompletion Ratio                 `json:"median_days_to_plan_completion"`
	PlansCompleted             InsightPlanCompletion `json:"plans_completed"`
} //	@name	InsightRecovery

// InsightSuggestion is advice drawn from a pattern, with the records that show the pattern, so
// the candidate can see it is about their own history rather than generic tips. Code is stable
// for clients to key on; Title and Detail are for display.
type InsightSuggestion struct {
	Code     string            `json:"code" enums:"look_after_yourself,refresh_cv,practise_interviews,close_recurring_gap,deepen_research,engage_recruiter,explore_adjacent_roles,lead_with_strength,keep_perspective,near_misses" example:"practise_interviews"`
	Title    string            `json:"title" example:"Practise interviewing with a coach or recruiter"`
	Detail   string            `json:"detail" example:"Interview performance was named as something to improve after 2 different rejections."`
	Evidence []InsightEvidence `json:"evidence"`
} //	@name	InsightSuggestion

// Insights are the patterns across one candidate's rejections, returned as is by
// GET /v1/candidates/{id}/insights. Lists are never null, and everything is sorted, so the same
// rows always give byte-identical JSON.
type Insights struct {
	Object           string              `json:"object" example:"candidate_insights"`
	CandidateID      string              `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	RejectionCount   int                 `json:"rejection_count" example:"6"`
	AsOf             time.Time           `json:"as_of" example:"2026-11-22T12:00:00Z"`
	StageFunnel      []InsightStage      `json:"stage_funnel"`
	ReasonCategories []InsightReason     `json:"reason_categories"`
	ImprovementAreas []InsightArea       `json:"improvement_areas"`
	Strengths        []InsightArea       `json:"strengths"`
	MoodTrend        []InsightMoodPoint  `json:"mood_trend"`
	Recovery         InsightRecovery     `json:"recovery"`
	Suggestions      []InsightSuggestion `json:"suggestions"`
} //	@name	CandidateInsights

// ComputeInsights finds the patterns across a candidate's rejections. It is pure and
// deterministic: the order of the input rows does not matter, and rows repeated by id are
// counted once. Feedback, reflections and plans of rejections that are not in in.Rejections (for
// example beyond the load bounds) are ignored, so every count refers to the same set of
// rejections. A rejection with an unknown stage counts as stopping at the application stage, and
// one with no reason category as no_reason_given.
//
// Rules, in brief: the funnel counts how far each rejection got; an area recurs when it is named
// in at least two distinct rejections (feedback items by category and polarity, reflection
// skill_gaps as the improvement area "skills"); the mood trend lists every reflection's mood,
// oldest first; plan figures use completed plans; and suggestions are listed in a fixed order,
// wellbeing first, each with its evidence. A mood that fell, or that stayed at 1 or 2 in the
// latest reflections, asks the candidate to look after themselves; three or more rejections are
// said to be a normal number; reaching the final round or the offer twice or more is named.
func ComputeInsights(in InsightsInput) Insights {
	rejections, feedback, reflections, plans := prepareInsightsInput(in)
	n := len(rejections)
	out := Insights{
		Object: "candidate_insights", CandidateID: in.CandidateID, RejectionCount: n, AsOf: in.AsOf.UTC(),
		StageFunnel: funnel(rejections), ReasonCategories: reasonCounts(rejections),
		MoodTrend: moodTrend(reflections), Recovery: recoverySummary(rejections, plans),
	}
	improve, strong := areaMentionsByCategory(feedback, reflections)
	out.ImprovementAreas, out.Strengths = areasFrom(improve), areasFrom(strong)
	out.Suggestions = suggest(resolveLang(in.Locale), in.AsOf, rejections, reflections, improve, strong, out)
	return out
}

// prepareInsightsInput sorts each kind of row into a canonical order (oldest first, then by id),
// drops repeated ids, and keeps only rows about the listed rejections.
func prepareInsightsInput(in InsightsInput) ([]InsightRejection, []InsightFeedback, []InsightReflection, []InsightPlan) {
	rejections := slices.Clone(in.Rejections)
	slices.SortFunc(rejections, func(a, b InsightRejection) int {
		return cmp.Or(a.ReceivedAt.Compare(b.ReceivedAt), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Stage, b.Stage),
			cmp.Compare(a.ReasonCategory, b.ReasonCategory), cmp.Compare(a.RoleTitle, b.RoleTitle), cmp.Compare(a.Company, b.Company))
	})
	known := make(map[string]bool, len(rejections))
	rejections = slices.DeleteFunc(rejections, func(r InsightRejection) bool {
		if known[r.ID] {
			return true
		}
		known[r.ID] = true
		return false
	})

	feedback := make([]InsightFeedback, 0, len(in.Feedback))
	for _, f := range in.Feedback {
		if known[f.RejectionID] {
			feedback = append(feedback, f)
		}
	}
	slices.SortStableFunc(feedback, func(a, b InsightFeedback) int {
		return cmp.Or(a.ReceivedAt.Compare(b.ReceivedAt), cmp.Compare(a.ID, b.ID), cmp.Compare(a.RejectionID, b.RejectionID), cmp.Compare(len(a.Items), len(b.Items)))
	})
	feedback = uniqueByID(feedback, func(f InsightFeedback) string { return f.ID })

	reflections := make([]InsightReflection, 0, len(in.Reflections))
	for _, r := range in.Reflections {
		if known[r.RejectionID] {
			reflections = append(reflections, r)
		}
	}
	slices.SortStableFunc(reflections, func(a, b InsightReflection) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID), cmp.Compare(a.RejectionID, b.RejectionID))
	})
	reflections = uniqueByID(reflections, func(r InsightReflection) string { return r.ID })

	plans := make([]InsightPlan, 0, len(in.Plans))
	for _, p := range in.Plans {
		if known[p.RejectionID] {
			plans = append(plans, p)
		}
	}
	slices.SortStableFunc(plans, func(a, b InsightPlan) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID), cmp.Compare(a.RejectionID, b.RejectionID), cmp.Compare(a.Status, b.Status))
	})
	plans = uniqueByID(plans, func(p InsightPlan) string { return p.ID })
	return rejections, feedback, reflections, plans
}

// uniqueByID keeps the first row of each id in an already sorted slice.
func uniqueByID[T any](rows []T, id func(T) string) []T {
	seen := make(map[string]bool, len(rows))
	return slices.DeleteFunc(rows, func(r T) bool {
		if seen[id(r)] {
			return true
		}
		seen[id(r)] = true
		return false
	})
}

// ratioOf returns num/den rounded to 3 decimals, or insufficient_data when sample is too small.
func ratioOf(num, den, sample int) Ratio {
	if sample < MinSampleForRates || den == 0 {
		return Ratio{Status: RatioInsufficientData}
	}
	return okRatio(float64(num) / float64(den))
}

func okRatio(v float64) Ratio {
	v = math.Round(v*1000) / 1000
	return Ratio{Value: &v, Status: RatioOK}
}

// insightDepth is the index of a stage in StageOrder; unknown stages count as the first.
func insightDepth(stage string) int {
	if i := slices.Index(StageOrder, stage); i >= 0 {
		return i
	}
	return 0
}

func funnel(rejections []InsightRejection) []InsightStage {
	n := len(rejections)
	endedAt := make([]int, len(StageOrder))
	for _, r := range rejections {
		endedAt[insightDepth(r.Stage)]++
	}
	out := make([]InsightStage, len(StageOrder))
	reached := n
	for i, stage := range StageOrder {
		out[i] = InsightStage{Stage: stage, RejectedAt: endedAt[i], Reached: reached, ReachedShare: ratioOf(reached, n, n)}
		reached -= endedAt[i]
	}
	return out
}

func reasonCounts(rejections []InsightRejection) []InsightReason {
	n := len(rejections)
	counts := map[string]int{}
	for _, r := range rejections {
		counts[cmp.Or(r.ReasonCategory, "no_reason_given")]++
	}
	out := make([]InsightReason, 0, len(counts))
	for category, c := range counts {
		out = append(out, InsightReason{Category: category, Count: c, Share: ratioOf(c, n, n)})
	}
	slices.SortFunc(out, func(a, b InsightReason) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Category, b.Category))
	})
	return out
}

// mention is one piece of evidence with the time it was recorded, for newest-first ordering.
type mention struct {
	at time.Time
	ev InsightEvidence
}

// newestFirst orders mentions newest first, ties broken by source, id and detail.
func newestFirst(a, b mention) int {
	return cmp.Or(b.at.Compare(a.at), cmp.Compare(a.ev.Source, b.ev.Source), cmp.Compare(a.ev.ID, b.ev.ID),
		cmp.Compare(a.ev.RejectionID, b.ev.RejectionID), cmp.Compare(a.ev.Detail, b.ev.Detail))
}

// evidenceOf returns the newest maxEvidence mentions' evidence, never nil.
func evidenceOf(ms []mention) []InsightEvidence {
	ms = slices.Clone(ms)
	slices.SortFunc(ms, newestFirst)
	ms = slices.CompactFunc(ms, func(a, b mention) bool { return newestFirst(a, b) == 0 })
	out := make([]InsightEvidence, 0, min(len(ms), maxEvidence))
	for _, m := range ms[:min(len(ms), maxEvidence)] {
		out = append(out, m.ev)
	}
	return out
}

// areaMentionsByCategory collects every improvement and strength mention by category.
func areaMentionsByCategory(feedback []InsightFeedback, reflections []InsightReflection) (improve, strong map[string][]mention) {
	improve, strong = map[string][]mention{}, map[string][]mention{}
	for _, f := range feedback {
		for _, it := range f.Items {
			m := mention{f.ReceivedAt, InsightEvidence{Source: EvidenceFeedback, ID: f.ID, RejectionID: f.RejectionID, Detail: clipDetail(it.Detail)}}
			category := cmp.Or(it.Category, "other")
			switch it.Polarity {
			case "improvement":
				improve[category] = append(improve[category], m)
			case "strength":
				strong[category] = append(strong[category], m)
			}
		}
	}
	for _, r := range reflections {
		for _, gap := range r.SkillGaps {
			if gap = strings.TrimSpace(gap); gap != "" {
				improve["skills"] = append(improve["skills"], mention{r.CreatedAt, InsightEvidence{Source: EvidenceReflection, ID: r.ID, RejectionID: r.RejectionID, Detail: clipDetail(gap)}})
			}
		}
	}
	return improve, strong
}

// areasFrom keeps the categories seen in at least recurringMin rejections, most widespread first.
func areasFrom(byCategory map[string][]mention) []InsightArea {
	out := []InsightArea{}
	for category, ms := range byCategory {
		rejections := map[string]bool{}
		var last time.Time
		for _, m := range ms {
			rejections[m.ev.RejectionID] = true
			if m.at.After(last) {
				last = m.at
			}
		}
		if len(rejections) < recurringMin {
			continue
		}
		out = append(out, InsightArea{Category: category, Count: len(ms), RejectionCount: len(rejections), LastSeen: last.UTC(), Evidence: evidenceOf(ms)})
	}
	slices.SortFunc(out, func(a, b InsightArea) int {
		return cmp.Or(cmp.Compare(b.RejectionCount, a.RejectionCount), cmp.Compare(b.Count, a.Count), b.LastSeen.Compare(a.LastSeen), cmp.Compare(a.Category, b.Category))
	})
	return out
}

func moodTrend(reflections []InsightReflection) []InsightMoodPoint {
	out := []InsightMoodPoint{}
	for _, r := range reflections { // already oldest first
		if r.Mood != nil {
			out = append(out, InsightMoodPoint{Date: r.CreatedAt.UTC(), Mood: *r.Mood, ReflectionID: r.ID, RejectionID: r.RejectionID})
		}
	}
	return out
}

func recoverySummary(rejections []InsightRejection, plans []InsightPlan) InsightRecovery {
	received := make(map[string]time.Time, len(rejections))
	for _, r := range rejections {
		received[r.ID] = r.ReceivedAt
	}
	completed := 0
	var days []float64
	for _, p := range plans {
		if p.Status != PlanCompleted {
			continue
		}
		completed++
		if p.CompletedAt == nil {
			continue
		}
		d := p.CompletedAt.Sub(received[p.RejectionID]).Hours() / 24
		days = append(days, max(d, 0)) // a completion stamped before the rejection is clock skew
	}
	n, total := len(rejections), len(plans)
	out := InsightRecovery{
		MedianDaysToPlanCompletion: Ratio{Status: RatioInsufficientData},
		PlansCompleted:             InsightPlanCompletion{Completed: completed, Total: total, Ratio: ratioOf(completed, total, min(n, total))},
	}
	if len(days) >= MinSampleForRates && n >= MinSampleForRates {
		slices.Sort(days)
		mid := len(days) / 2
		median := days[mid]
		if len(days)%2 == 0 {
			median = (days[mid-1] + days[mid]) / 2
		}
		out.MedianDaysToPlanCompletion = okRatio(median)
	}
	return out
}

// Suggestion thresholds.
const (
	earlyStageMin    = 3  // early-stage rejections, and at least half of all, before suggesting a CV refresh
	recentWindowDays = 90 // the window for "many rejections lately"
	recentMin        = 3  // rejections in the window before suggesting a recruiter
	persistentLowMin = 2  // latest mood answers in a row at most persistentLowMax before a care suggestion
	persistentLowMax = 2  // a mood at most this counts as very low
	normalVolumeMin  = 3  // rejections before saying their number is normal
	nearMissMin      = 2  // final-round or offer-stage rejections before naming the pattern
	moodTrendMin     = 3  // mood answers needed to speak of a trend
	moodDropMin      = 1  // how far the latest mood must sit below the earlier average
	lowMoodMax       = 3  // the latest mood must also be at most this
	lowResearchMax   = 2  // a company_research answer at most this counts as thin research
	researchMin      = 2  // distinct rejections with thin research before suggesting more
	roleMisfitMin    = 2  // distinct rejections where the role did not fit before suggesting other directions
)

// interviewAreas are improvement categories about interviewing itself, which practice fixes.
var interviewAreas = []string{"interview_performance", "communication", "preparation"}

// gapAreas are improvement categories that name something learnable.
var gapAreas = []string{"skills", "technical_depth", "experience"}

// suggest turns patterns into advice, in a fixed order with wellbeing first.
func suggest(lang string, asOf time.Time, rejections []InsightRejection, reflections []InsightReflection, improve, strong map[string][]mention, ins Insights) []InsightSuggestion {
	out := []InsightSuggestion{}
	add := func(code, title, detail string, ms []mention) {
		out = append(out, InsightSuggestion{Code: code, Title: capitalise(title), Detail: capitalise(detail), Evidence: evidenceOf(ms)})
	}
	moodMentions := func(t []InsightMoodPoint) []mention {
		var ms []mention
		for _, p := range t {
			ms = append(ms, mention{p.Date, InsightEvidence{Source: EvidenceReflection, ID: p.ReflectionID, RejectionID: p.RejectionID, Detail: tr(lang, "insight.ev.mood", "n", p.Mood)}})
		}
		return ms
	}

	// A falling mood: the latest answer is low and clearly below the earlier average. Or a mood
	// that stays very low: the latest answers all at 1 or 2, which a drop alone never catches.
	t := ins.MoodTrend
	dropped := false
	if len(t) >= moodTrendMin {
		latest, sum := t[len(t)-1], 0
		for _, p := range t[:len(t)-1] {
			sum += p.Mood
		}
		earlier := float64(sum) / float64(len(t)-1)
		if latest.Mood <= lowMoodMax && float64(latest.Mood) <= earlier-moodDropMin {
			dropped = true
			average := strings.Replace(fmt.Sprintf("%.1f", earlier), ".", tr(lang, "num.decimal"), 1)
			add("look_after_yourself", tr(lang, "insight.look_after_yourself.title"),
				tr(lang, "insight.look_after_yourself.drop", "mood", latest.Mood, "average", average), moodMentions(t))
		}
	}
	if run := lowMoodRun(t); !dropped && run >= persistentLowMin {
		add("look_after_yourself", tr(lang, "insight.look_after_yourself.title"),
			tr(lang, "insight.look_after_yourself.persistent", "n", run), moodMentions(t[len(t)-run:]))
	}

	// Repeated early-stage rejections point at the CV and at the roles targeted.
	var early []mention
	for _, r := range rejections {
		if d := insightDepth(r.Stage); d <= insightDepth(StageScreening) {
			early = append(early, rejectionMention(lang, r))
		}
	}
	if len(early) >= earlyStageMin && 2*len(early) >= len(rejections) {
		add("refresh_cv", tr(lang, "insight.refresh_cv.title"), tr(lang, "insight.refresh_cv.detail", "early", len(early), "total", len(rejections)), early)
	}

	// Recurring interview problems: practise with someone candid.
	if ms, cats, spread := areaMentions(lang, ins.ImprovementAreas, improve, interviewAreas); ms != nil {
		add("practise_interviews", tr(lang, "insight.practise_interviews.title"), tr(lang, "insight.practise_interviews.detail", "areas", cats, "n", spread), ms)
	}

	// A recurring gap: learn it once, benefit in every application.
	if ms, cats, spread := areaMentions(lang, ins.ImprovementAreas, improve, gapAreas); ms != nil {
		add("close_recurring_gap", tr(lang, "insight.close_recurring_gap.title"), tr(lang, "insight.close_recurring_gap.detail", "areas", cats, "n", spread), ms)
	}

	// Thin research in more than one process.
	var thin []mention
	thinRejections := map[string]bool{}
	for _, r := range reflections {
		if r.CompanyResearch != nil && *r.CompanyResearch <= lowResearchMax {
			thin = append(thin, mention{r.CreatedAt, InsightEvidence{Source: EvidenceReflection, ID: r.ID, RejectionID: r.RejectionID, Detail: tr(lang, "insight.ev.research", "n", *r.CompanyResearch)}})
			thinRejections[r.RejectionID] = true
		}
	}
	if len(thinRejections) >= researchMin {
		add("deepen_research", tr(lang, "insight.deepen_research.title"), tr(lang, "insight.deepen_research.detail", "n", len(thin)), thin)
	}

	// Many rejections lately: a recruiter widens the search and gives honest guidance.
	var recent []mention
	if ref := recentReference(asOf, rejections); !ref.IsZero() {
		since := ref.AddDate(0, 0, -recentWindowDays)
		for _, r := range rejections {
			if r.ReceivedAt.After(since) {
				recent = append(recent, rejectionMention(lang, r))
			}
		}
	}
	if len(recent) >= recentMin {
		add("engage_recruiter", tr(lang, "insight.engage_recruiter.title"), tr(lang, "insight.engage_recruiter.detail", "n", len(recent), "days", recentWindowDays), recent)
	}

	// The role did not fit, more than once: other directions may suit better.
	var misfit []mention
	misfitRejections := map[string]bool{}
	for _, r := range reflections {
		if r.RoleFit != nil && !*r.RoleFit {
			detail := tr(lang, "insight.ev.misfit")
			if len(r.NewDirections) > 0 {
				detail = tr(lang, "insight.ev.misfit_directions", "list", strings.Join(r.NewDirections, ", "))
			}
			misfit = append(misfit, mention{r.CreatedAt, InsightEvidence{Source: EvidenceReflection, ID: r.ID, RejectionID: r.RejectionID, Detail: clipDetail(detail)}})
			misfitRejections[r.RejectionID] = true
		}
	}
	if len(misfitRejections) >= roleMisfitMin {
		add("explore_adjacent_roles", tr(lang, "insight.explore_adjacent_roles.title"), tr(lang, "insight.explore_adjacent_roles.detail", "n", len(misfitRejections)), misfit)
	}

	// A recurring strength: make it the first thing employers see.
	if len(ins.Strengths) > 0 {
		s := ins.Strengths[0]
		add("lead_with_strength", tr(lang, "insight.lead_with_strength.title"), tr(lang, "insight.lead_with_strength.detail", "area", label(lang, "category", s.Category), "n", s.RejectionCount),
			strong[s.Category])
	}

	// Several rejections: say plainly that their number is normal.
	if len(rejections) >= normalVolumeMin {
		var ms []mention
		for _, r := range rejections {
			ms = append(ms, rejectionMention(lang, r))
		}
		add("keep_perspective", tr(lang, "insight.keep_perspective.title"), tr(lang, "insight.keep_perspective.detail", "n", len(rejections)), ms)
	}

	// Final rounds reached again and again: the candidate is close, and should hear it.
	var near []mention
	for _, r := range rejections {
		if r.Stage == StageFinalRound || r.Stage == StageOffer {
			near = append(near, rejectionMention(lang, r))
		}
	}
	if len(near) >= nearMissMin {
		add("near_misses", tr(lang, "insight.near_misses.title"), tr(lang, "insight.near_misses.detail", "n", len(near)), near)
	}
	return out
}

// lowMoodRun counts the latest mood answers in a row that are very low (at most persistentLowMax).
func lowMoodRun(t []InsightMoodPoint) int {
	n := 0
	for i := len(t) - 1; i >= 0 && t[i].Mood <= persistentLowMax; i-- {
		n++
	}
	return n
}

// recentReference is the moment "recent" is measured back from: AsOf, or when it is zero the
// newest rejection.
func recentReference(asOf time.Time, rejections []InsightRejection) time.Time {
	if !asOf.IsZero() || len(rejections) == 0 {
		return asOf
	}
	return rejections[len(rejections)-1].ReceivedAt
}

func rejectionMention(lang string, r InsightRejection) mention {
	stage := label(lang, "stage", r.Stage)
	detail := tr(lang, "insight.ev.rejection.none", "stage", stage)
	switch {
	case r.RoleTitle != "" && r.Company != "":
		detail = tr(lang, "insight.ev.rejection", "role", r.RoleTitle, "company", r.Company, "stage", stage)
	case r.RoleTitle != "" || r.Company != "":
		detail = tr(lang, "insight.ev.rejection.one", "name", r.RoleTitle+r.Company, "stage", stage)
	}
	return mention{r.ReceivedAt, InsightEvidence{Source: EvidenceRejection, ID: r.ID, RejectionID: r.ID, Detail: clipDetail(detail)}}
}

// areaMentions gathers the mentions of the recurring areas whose category is in categories, names
// those areas (in the areas' order) and gives the most rejections any of them spans; it returns
// nil mentions when none recurs.
func areaMentions(lang string, areas []InsightArea, byCategory map[string][]mention, categories []string) (ms []mention, names string, spread int) {
	var list []string
	for _, a := range areas {
		if slices.Contains(categories, a.Category) {
			ms = append(ms, byCategory[a.Category]...)
			list = append(list, label(lang, "category", a.Category))
			spread = max(spread, a.RejectionCount)
		}
	}
	if len(list) == 0 {
		return nil, "", 0
	}
	return ms, joinList(lang, list), spread
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// clipDetail shortens quoted text so evidence stays a pointer, not a copy of the record.
func clipDetail(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		return string(r[:119]) + "…"
	}
	return s
}
