package recovery

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var updateInsights = flag.Bool("update-insights", false, "rewrite testdata/insights_*.golden.json")

// at parses "2006-01-02 15:04" in UTC.
func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func atPtr(s string) *time.Time { t := at(s); return &t }
func moodOf(n int) *int         { return &n }

// sixRejections is a realistic history: an analyst who applied for six roles between June and
// November 2026, two stopped at the application, one at screening, two at interview and one in
// the final round, with feedback on three, reflections on four and a plan for each.
func sixRejections() InsightsInput {
	no := false
	return InsightsInput{
		CandidateID: "cand_1",
		AsOf:        at("2026-11-22 12:00"),
		Rejections: []InsightRejection{
			{ID: "rej_01", Stage: StageApplication, ReasonCategory: "no_reason_given", RoleTitle: "Data Analyst", Company: "Northwind", ReceivedAt: at("2026-06-10 09:00")},
			{ID: "rej_02", Stage: StageScreening, ReasonCategory: "experience_gap", RoleTitle: "Data Analyst", Company: "Contoso", ReceivedAt: at("2026-07-15 09:00")},
			{ID: "rej_03", Stage: StageInterview, ReasonCategory: "stronger_candidate", RoleTitle: "Business Analyst", Company: "Fabrikam", ReceivedAt: at("2026-08-20 09:00")},
			{ID: "rej_04", Stage: StageApplication, ReasonCategory: "no_reason_given", RoleTitle: "Data Analyst", Company: "Tailspin", ReceivedAt: at("2026-09-25 09:00")},
			{ID: "rej_05", Stage: StageFinalRound, ReasonCategory: "stronger_candidate", RoleTitle: "Analytics Engineer", Company: "Litware", ReceivedAt: at("2026-10-30 09:00")},
			{ID: "rej_06", Stage: StageInterview, ReasonCategory: "skills_gap", RoleTitle: "Data Analyst", Company: "Adatum", ReceivedAt: at("2026-11-18 09:00")},
		},
		Feedback: []InsightFeedback{
			{Feedback{ID: "fb_03", Source: "interviewer", ReceivedAt: at("2026-08-25 10:00"), Items: []FeedbackItem{
				{Category: "interview_performance", Polarity: "improvement", Detail: "Answers to behavioural questions ran long"},
				{Category: "communication", Polarity: "strength", Detail: "Explained the dashboard project clearly"},
				{Category: "technical_depth", Polarity: "neutral", Detail: "Solid SQL"},
			}}, "rej_03"},
			{Feedback{ID: "fb_05", Source: "employer", ReceivedAt: at("2026-11-03 10:00"), Items: []FeedbackItem{
				{Category: "interview_performance", Polarity: "improvement", Detail: "Did not quantify the impact of past work"},
				{Category: "communication", Polarity: "strength", Detail: "Built rapport with the panel quickly"},
				{Category: "skills", Polarity: "improvement", Detail: "Limited experience with dbt"},
			}}, "rej_05"},
			{Feedback{ID: "fb_06", Source: "recruiter", ReceivedAt: at("2026-11-20 10:00"), Items: []FeedbackItem{
				{Category: "technical_depth", Polarity: "improvement", Detail: "Window functions"},
			}}, "rej_06"},
			// Feedback on a rejection outside the loaded set is ignored.
			{Feedback{ID: "fb_00", ReceivedAt: at("2026-01-10 10:00"), Items: []FeedbackItem{{Category: "technical_depth", Polarity: "improvement", Detail: "Old"}}}, "rej_00"},
		},
		Reflections: []InsightReflection{
			{Reflection{ID: "rfl_01", CreatedAt: at("2026-06-11 20:00"), Mood: moodOf(4)}, "rej_01"},
			{Reflection{ID: "rfl_03", CreatedAt: at("2026-08-22 20:00"), Mood: moodOf(4), SkillGaps: []string{"Stakeholder presentations"}}, "rej_03"},
			{Reflection{ID: "rfl_05", CreatedAt: at("2026-11-01 20:00"), Mood: moodOf(3), SkillGaps: []string{"dbt"}, RoleFit: &no, NewDirections: []string{"Analytics engineering"}}, "rej_05"},
			{Reflection{ID: "rfl_06", CreatedAt: at("2026-11-19 20:00"), Mood: moodOf(2), SkillGaps: []string{"SQL window functions"}}, "rej_06"},
			{Reflection{ID: "rfl_06b", CreatedAt: at("2026-11-19 21:00")}, "rej_06"}, // no mood given
		},
		Plans: []InsightPlan{
			{ID: "pln_01", RejectionID: "rej_01", Status: PlanCompleted, CreatedAt: at("2026-06-10 09:05"), CompletedAt: atPtr("2026-06-24 09:00")}, // 14 days
			{ID: "pln_02", RejectionID: "rej_02", Status: PlanCompleted, CreatedAt: at("2026-07-15 09:05"), CompletedAt: atPtr("2026-07-25 09:00")}, // 10 days
			{ID: "pln_03", RejectionID: "rej_03", Status: PlanCompleted, CreatedAt: at("2026-08-20 09:05"), CompletedAt: atPtr("2026-09-10 09:00")}, // 21 days
			{ID: "pln_04", RejectionID: "rej_04", Status: PlanCompleted, CreatedAt: at("2026-09-25 09:05"), CompletedAt: atPtr("2026-10-03 09:00")}, // 8 days
			{ID: "pln_05", RejectionID: "rej_05", Status: PlanCompleted, CreatedAt: at("2026-10-30 09:05"), CompletedAt: atPtr("2026-11-12 09:00")}, // 13 days
			{ID: "pln_06", RejectionID: "rej_06", Status: PlanActive, CreatedAt: at("2026-11-18 09:05")},
		},
	}
}

func value(t *testing.T, r Ratio) float64 {
	t.Helper()
	if r.Status != RatioOK || r.Value == nil {
		t.Fatalf("ratio %+v has no value", r)
	}
	return *r.Value
}

func evidenceIDs(ev []InsightEvidence) []string {
	out := make([]string, len(ev))
	for i, e := range ev {
		out[i] = e.Source + ":" + e.ID
	}
	return out
}

func TestInsightsSixRejections(t *testing.T) {
	got := ComputeInsights(sixRejections())
	if got.Object != "candidate_insights" || got.CandidateID != "cand_1" || got.RejectionCount != 6 || !got.AsOf.Equal(at("2026-11-22 12:00")) {
		t.Fatalf("header %+v", got)
	}

	// Funnel: 2 at application, 1 at screening, 2 at interview, 1 in the final round.
	wantFunnel := []struct {
		stage       string
		rejectedAt  int
		reached     int
		reachedRate float64
	}{
		{StageApplication, 2, 6, 1}, {StageScreening, 1, 4, 0.667}, {StagePhoneScreen, 0, 3, 0.5}, {StageAssessment, 0, 3, 0.5},
		{StageInterview, 2, 3, 0.5}, {StageFinalRound, 1, 1, 0.167}, {StageOffer, 0, 0, 0},
	}
	if len(got.StageFunnel) != len(wantFunnel) {
		t.Fatalf("funnel %+v", got.StageFunnel)
	}
	for i, w := range wantFunnel {
		s := got.StageFunnel[i]
		if s.Stage != w.stage || s.RejectedAt != w.rejectedAt || s.Reached != w.reached || value(t, s.ReachedShare) != w.reachedRate {
			t.Errorf("funnel[%d] = %+v (share %v), want %+v", i, s, *s.ReachedShare.Value, w)
		}
	}

	// Reasons: by count, then name.
	var reasons []string
	for _, r := range got.ReasonCategories {
		reasons = append(reasons, fmt.Sprintf("%s=%d/%v", r.Category, r.Count, value(t, r.Share)))
	}
	if want := []string{"no_reason_given=2/0.333", "stronger_candidate=2/0.333", "experience_gap=1/0.167", "skills_gap=1/0.167"}; !slices.Equal(reasons, want) {
		t.Errorf("reasons %v, want %v", reasons, want)
	}

	// Recurring improvement areas: skills (feedback + reflection gaps, 3 rejections) before
	// interview_performance (2); technical_depth appears once in the set and is left out.
	if len(got.ImprovementAreas) != 2 {
		t.Fatalf("improvement areas %+v", got.ImprovementAreas)
	}
	skills, interview := got.ImprovementAreas[0], got.ImprovementAreas[1]
	if skills.Category != "skills" || skills.Count != 4 || skills.RejectionCount != 3 || !skills.LastSeen.Equal(at("2026-11-19 20:00")) ||
		!slices.Equal(evidenceIDs(skills.Evidence), []string{"reflection:rfl_06", "feedback:fb_05", "reflection:rfl_05", "reflection:rfl_03"}) {
		t.Errorf("skills area %+v", skills)
	}
	if skills.Evidence[0] != (InsightEvidence{Source: EvidenceReflection, ID: "rfl_06", RejectionID: "rej_06", Detail: "SQL window functions"}) {
		t.Errorf("skills evidence %+v", skills.Evidence[0])
	}
	if interview.Category != "interview_performance" || interview.Count != 2 || interview.RejectionCount != 2 || !interview.LastSeen.Equal(at("2026-11-03 10:00")) ||
		!slices.Equal(evidenceIDs(interview.Evidence), []string{"feedback:fb_05", "feedback:fb_03"}) {
		t.Errorf("interview area %+v", interview)
	}
	if len(got.Strengths) != 1 || got.Strengths[0].Category != "communication" || got.Strengths[0].RejectionCount != 2 ||
		!slices.Equal(evidenceIDs(got.Strengths[0].Evidence), []string{"feedback:fb_05", "feedback:fb_03"}) {
		t.Errorf("strengths %+v", got.Strengths)
	}

	// Mood trend: oldest first, reflections without a mood skipped.
	var moods []string
	for _, p := range got.MoodTrend {
		moods = append(moods, fmt.Sprintf("%s:%s:%d:%s", p.Date.Format("2006-01-02"), p.ReflectionID, p.Mood, p.RejectionID))
	}
	if want := []string{"2026-06-11:rfl_01:4:rej_01", "2026-08-22:rfl_03:4:rej_03", "2026-11-01:rfl_05:3:rej_05", "2026-11-19:rfl_06:2:rej_06"}; !slices.Equal(moods, want) {
		t.Errorf("mood trend %v", moods)
	}

	// Recovery: 5 of 6 plans completed after 14, 10, 21, 8 and 13 days.
	rec := got.Recovery
	if value(t, rec.MedianDaysToPlanCompletion) != 13 || rec.PlansCompleted.Completed != 5 || rec.PlansCompleted.Total != 6 || value(t, rec.PlansCompleted.Ratio) != 0.833 {
		t.Errorf("recovery %+v", rec)
	}

	// Suggestions, in their fixed order, each with its evidence.
	var codes []string
	for _, s := range got.Suggestions {
		codes = append(codes, s.Code)
		if s.Title == "" || s.Detail == "" || len(s.Evidence) == 0 {
			t.Errorf("suggestion %s lacks text or evidence: %+v", s.Code, s)
		}
	}
	if want := []string{"look_after_yourself", "refresh_cv", "practise_interviews", "close_recurring_gap", "engage_recruiter", "lead_with_strength", "keep_perspective"}; !slices.Equal(codes, want) {
		t.Fatalf("suggestions %v, want %v", codes, want)
	}
	wantEvidence := map[string][]string{
		"look_after_yourself": {"reflection:rfl_06", "reflection:rfl_05", "reflection:rfl_03", "reflection:rfl_01"},
		"refresh_cv":          {"rejection:rej_04", "rejection:rej_02", "rejection:rej_01"},
		"practise_interviews": {"feedback:fb_05", "feedback:fb_03"},
		"close_recurring_gap": {"reflection:rfl_06", "feedback:fb_05", "reflection:rfl_05", "reflection:rfl_03"},
		"engage_recruiter":    {"rejection:rej_06", "rejection:rej_05", "rejection:rej_04"}, // rej_03 is 94 days old
		"lead_with_strength":  {"feedback:fb_05", "feedback:fb_03"},
		"keep_perspective":    {"rejection:rej_06", "rejection:rej_05", "rejection:rej_04", "rejection:rej_03", "rejection:rej_02", "rejection:rej_01"},
	}
	for _, s := range got.Suggestions {
		if ids := evidenceIDs(s.Evidence); !slices.Equal(ids, wantEvidence[s.Code]) {
			t.Errorf("%s evidence %v, want %v", s.Code, ids, wantEvidence[s.Code])
		}
	}
	if d := got.Suggestions[1].Detail; !strings.Contains(d, "3 of your 6 rejections") {
		t.Errorf("refresh_cv detail %q", d)
	}
	if d := got.Suggestions[5].Detail; !strings.HasPrefix(d, "Communication was named as a strength after 2 different rejections") {
		t.Errorf("lead_with_strength detail %q", d)
	}

	// The whole response, as JSON, against the golden file.
	js, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	js = append(js, '\n')
	path := filepath.Join("testdata", "insights_six_rejections.golden.json")
	if *updateInsights {
		if err := os.WriteFile(path, js, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-insights to create it)", err)
	}
	if !bytes.Equal(js, want) {
		t.Errorf("insights differ from %s (run with -update-insights and review the diff):\n%s", path, js)
	}
}

func TestInsightsWithFewerThanFiveRejectionsGiveCountsButNoRates(t *testing.T) {
	in := sixRejections()
	in.Rejections, in.Plans = in.Rejections[:4], in.Plans[:4]
	got := ComputeInsights(in)
	js, _ := json.Marshal(got)
	if n := strings.Count(string(js), `"status":"ok"`); n != 0 {
		t.Fatalf("%d figures computed over 4 rejections: %s", n, js)
	}
	insufficient := func(where string, r Ratio) {
		if r.Status != RatioInsufficientData || r.Value != nil {
			t.Errorf("%s: %+v over 4 rejections", where, r)
		}
	}
	if got.RejectionCount != 4 || got.StageFunnel[0].Reached != 4 || got.StageFunnel[4].Reached != 1 || got.StageFunnel[0].RejectedAt != 2 {
		t.Errorf("funnel counts %+v", got.StageFunnel)
	}
	for _, s := range got.StageFunnel {
		insufficient("funnel "+s.Stage, s.ReachedShare)
	}
	if len(got.ReasonCategories) != 3 || got.ReasonCategories[0].Count != 2 {
		t.Errorf("reason counts %+v", got.ReasonCategories)
	}
	for _, r := range got.ReasonCategories {
		insufficient("reason "+r.Category, r.Share)
	}
	insufficient("median", got.Recovery.MedianDaysToPlanCompletion)
	insufficient("plans completed", got.Recovery.PlansCompleted.Ratio)
	if got.Recovery.PlansCompleted.Completed != 4 || got.Recovery.PlansCompleted.Total != 4 {
		t.Errorf("plan counts %+v", got.Recovery.PlansCompleted)
	}
	// Counts and lists that are not rates are still given.
	if len(got.MoodTrend) != 2 || len(got.ImprovementAreas) != 0 || len(got.Suggestions) == 0 {
		t.Errorf("trend %+v areas %+v suggestions %+v", got.MoodTrend, got.ImprovementAreas, got.Suggestions)
	}
	if !strings.Contains(string(js), `"value":null,"status":"insufficient_data"`) {
		t.Errorf("withheld figures should serialise value as null: %s", js)
	}
}

func TestInsightsPlanFiguresNeedFivePlans(t *testing.T) {
	in := sixRejections()
	in.Plans = in.Plans[:4] // six rejections, but only four plans, all completed
	got := ComputeInsights(in)
	if got.StageFunnel[1].ReachedShare.Status != RatioOK {
		t.Errorf("rejection figures should be given over 6 rejections: %+v", got.StageFunnel[1])
	}
	if r := got.Recovery; r.PlansCompleted.Ratio.Value != nil || r.MedianDaysToPlanCompletion.Value != nil || r.PlansCompleted.Completed != 4 {
		t.Errorf("plan figures over 4 plans: %+v", r)
	}
	// Five plans but only four completed: the ratio is given, the median (over 4 durations) is not.
	in.Plans = sixRejections().Plans[1:]
	r := ComputeInsights(in).Recovery
	if value(t, r.PlansCompleted.Ratio) != 0.8 || r.MedianDaysToPlanCompletion.Status != RatioInsufficientData {
		t.Errorf("recovery over 5 plans with 4 completed: %+v", r)
	}
}

func TestInsightsEmpty(t *testing.T) {
	got := ComputeInsights(InsightsInput{CandidateID: "cand_1"})
	js, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"reason_categories", "improvement_areas", "strengths", "mood_trend", "suggestions"} {
		if !strings.Contains(string(js), `"`+field+`":[]`) {
			t.Errorf("%s is not an empty list: %s", field, js)
		}
	}
	if len(got.StageFunnel) != len(StageOrder) || got.StageFunnel[0].Reached != 0 || got.StageFunnel[0].ReachedShare.Status != RatioInsufficientData {
		t.Errorf("funnel %+v", got.StageFunnel)
	}
}

func TestInsightsSuggestionRules(t *testing.T) {
	t.Run("steady mood is not a falling trend", func(t *testing.T) {
		in := sixRejections()
		for i := range in.Reflections {
			in.Reflections[i].Mood = moodOf(3)
		}
		if hasSuggestion(ComputeInsights(in), "look_after_yourself") {
			t.Error("look_after_yourself for a steady mood")
		}
	})
	t.Run("a good latest mood is not a worry", func(t *testing.T) {
		in := sixRejections()
		in.Reflections[0].Mood, in.Reflections[1].Mood, in.Reflections[2].Mood, in.Reflections[3].Mood = moodOf(5), moodOf(5), moodOf(5), moodOf(4)
		if hasSuggestion(ComputeInsights(in), "look_after_yourself") {
			t.Error("look_after_yourself at mood 4")
		}
	})
	t.Run("two rejections in 90 days do not need a recruiter", func(t *testing.T) {
		in := sixRejections()
		in.AsOf = at("2026-12-25 12:00") // rej_04 is now 91 days old
		if hasSuggestion(ComputeInsights(in), "engage_recruiter") {
			t.Error("engage_recruiter for two recent rejections")
		}
	})
	t.Run("mostly late-stage rejections do not point at the CV", func(t *testing.T) {
		in := sixRejections()
		in.Rejections[3].Stage = StageInterview // now 2 early of 6
		if hasSuggestion(ComputeInsights(in), "refresh_cv") {
			t.Error("refresh_cv with two early-stage rejections")
		}
	})
	t.Run("one-off strength is not led with", func(t *testing.T) {
		in := sixRejections()
		in.Feedback[1].Items[1].Category = "motivation"
		got := ComputeInsights(in)
		if len(got.Strengths) != 0 || hasSuggestion(got, "lead_with_strength") {
			t.Errorf("strengths %+v", got.Strengths)
		}
	})
	t.Run("thin research and poor role fit, twice", func(t *testing.T) {
		in := sixRejections()
		no := false
		in.Reflections[0].CompanyResearch, in.Reflections[2].CompanyResearch = moodOf(1), moodOf(2)
		in.Reflections[3].RoleFit = &no
		got := ComputeInsights(in)
		research, ok := suggestion(got, "deepen_research")
		if !ok || !slices.Equal(evidenceIDs(research.Evidence), []string{"reflection:rfl_05", "reflection:rfl_01"}) {
			t.Errorf("deepen_research %+v", research)
		}
		explore, ok := suggestion(got, "explore_adjacent_roles")
		if !ok || !slices.Equal(evidenceIDs(explore.Evidence), []string{"reflection:rfl_06", "reflection:rfl_05"}) ||
			explore.Evidence[1].Detail != "the role did not fit your goals; interested in Analytics engineering" {
			t.Errorf("explore_adjacent_roles %+v", explore)
		}
	})
}

func TestInsightsEvidenceIsCappedAtTheNewestTen(t *testing.T) {
	in := sixRejections()
	for i := range 15 {
		rej := in.Rejections[i%2*2].ID // alternate rej_01 and rej_03
		in.Feedback = append(in.Feedback, InsightFeedback{Feedback{ID: fmt.Sprintf("fb_x%02d", i), ReceivedAt: at("2026-10-01 10:00").AddDate(0, 0, i),
			Items: []FeedbackItem{{Category: "preparation", Polarity: "improvement", Detail: "Thin examples"}}}, rej})
	}
	got := ComputeInsights(in)
	var prep InsightArea
	for _, a := range got.ImprovementAreas {
		if a.Category == "preparation" {
			prep = a
		}
	}
	if prep.Count != 15 || prep.RejectionCount != 2 || len(prep.Evidence) != 10 || prep.Evidence[0].ID != "fb_x14" || prep.Evidence[9].ID != "fb_x05" {
		t.Fatalf("preparation area %+v", prep)
	}
	// practise_interviews merges preparation and interview_performance, newest first, capped.
	s, _ := suggestion(got, "practise_interviews")
	if len(s.Evidence) != 10 || s.Evidence[0].ID != "fb_05" || s.Evidence[1].ID != "fb_x14" || !strings.HasPrefix(s.Detail, "Preparation and interview performance came up") {
		t.Fatalf("practise_interviews %+v", s)
	}
}

func TestInsightsAreDeterministic(t *testing.T) {
	// Two mentions of one category in one feedback record differ only in their detail.
	withTwin := func() InsightsInput {
		in := sixRejections()
		in.Feedback[1].Items = append(in.Feedback[1].Items, FeedbackItem{Category: "interview_performance", Polarity: "improvement", Detail: "Examples lacked numbers"})
		return in
	}
	want := ComputeInsights(withTwin())
	wantJSON, _ := json.Marshal(want)
	rng := rand.New(rand.NewSource(7))
	for range 50 {
		in := withTwin()
		rng.Shuffle(len(in.Rejections), func(i, j int) { in.Rejections[i], in.Rejections[j] = in.Rejections[j], in.Rejections[i] })
		rng.Shuffle(len(in.Feedback), func(i, j int) { in.Feedback[i], in.Feedback[j] = in.Feedback[j], in.Feedback[i] })
		rng.Shuffle(len(in.Reflections), func(i, j int) { in.Reflections[i], in.Reflections[j] = in.Reflections[j], in.Reflections[i] })
		rng.Shuffle(len(in.Plans), func(i, j int) { in.Plans[i], in.Plans[j] = in.Plans[j], in.Plans[i] })
		for _, f := range in.Feedback {
			rng.Shuffle(len(f.Items), func(i, j int) { f.Items[i], f.Items[j] = f.Items[j], f.Items[i] })
		}
		// A row repeated (as a careless join might) changes nothing.
		in.Rejections = append(in.Rejections, in.Rejections[0])
		in.Feedback = append(in.Feedback, in.Feedback[0])
		got := ComputeInsights(in)
		if !reflect.DeepEqual(got, want) {
			gotJSON, _ := json.Marshal(got)
			t.Fatalf("insights depend on input order:\n got %s\nwant %s", gotJSON, wantJSON)
		}
	}
}

func hasSuggestion(ins Insights, code string) bool { _, ok := suggestion(ins, code); return ok }

func suggestion(ins Insights, code string) (InsightSuggestion, bool) {
	for _, s := range ins.Suggestions {
		if s.Code == code {
			return s, true
		}
	}
	return InsightSuggestion{}, false
}

func TestInsightsNoticePersistentLowMoodNormalVolumeAndNearMisses(t *testing.T) {
	in := sixRejections()
	for i := range in.Reflections {
		in.Reflections[i].Mood = moodOf(2) // steadily very low: no drop, still a worry
	}
	in.Reflections[4].Mood = nil
	got := ComputeInsights(in)
	s, ok := suggestion(got, "look_after_yourself")
	if !ok || !strings.Contains(s.Detail, "last 4 reflections") || len(s.Evidence) != 4 {
		t.Fatalf("steadily low mood: %+v", s)
	}
	k, ok := suggestion(got, "keep_perspective")
	if !ok || !strings.HasPrefix(k.Detail, "6 rejections is a usual part") {
		t.Fatalf("normal volume: %+v", k)
	}
	if hasSuggestion(got, "near_misses") {
		t.Fatal("one final round is not a pattern")
	}
	in.Rejections[4].Stage, in.Rejections[2].Stage = StageOffer, StageFinalRound
	n, ok := suggestion(ComputeInsights(in), "near_misses")
	if !ok || len(n.Evidence) != 2 || !strings.Contains(n.Detail, "in 2 processes") {
		t.Fatalf("near misses: %+v", n)
	}
	in.Rejections = in.Rejections[:2]
	if hasSuggestion(ComputeInsights(in), "keep_perspective") {
		t.Fatal("two rejections are not yet a volume to comment on")
	}
}

func TestInsightsAreWrittenInTheCandidatesLanguage(t *testing.T) {
	en := ComputeInsights(sixRejections())
	for _, tag := range []string{"es-ES", "fr", "de-DE"} {
		in := sixRejections()
		in.Locale = tag
		got := ComputeInsights(in)
		if len(got.Suggestions) != len(en.Suggestions) {
			t.Fatalf("%s: %d suggestions, English has %d", tag, len(got.Suggestions), len(en.Suggestions))
		}
		for i, s := range got.Suggestions {
			e := en.Suggestions[i]
			if s.Code != e.Code || len(s.Evidence) != len(e.Evidence) || s.Title == e.Title || s.Detail == e.Detail {
				t.Errorf("%s %s: codes and evidence must match, wording must not: %q", tag, s.Code, s.Title)
			}
			if s.Detail != capitalise(s.Detail) {
				t.Errorf("%s %s: detail does not start with a capital: %q", tag, s.Code, s.Detail)
			}
		}
	}
	in := sixRejections()
	in.Locale = "fr"
	s, _ := suggestion(ComputeInsights(in), "look_after_yourself")
	if !strings.Contains(s.Detail, "3,7") {
		t.Errorf("French decimals use a comma: %q", s.Detail)
	}
}
