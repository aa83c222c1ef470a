package recovery

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

func raw(m map[string]string) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for k, v := range m {
		out[k] = json.RawMessage(v)
	}
	return out
}

func TestCatalogueHasTheRequiredPrompts(t *testing.T) {
	want := map[string]string{"mood": PromptScale, "preparation": PromptScale, "surprise_questions": PromptList, "skill_gaps": PromptList,
		"answer_clarity": PromptScale, "company_research": PromptScale, "nerves": PromptScale, "went_well": PromptText,
		"do_differently": PromptText, "role_fit": PromptBoolean, "new_directions": PromptList}
	c := CurrentCatalogue()
	seen := map[string]bool{}
	for _, p := range c.Prompts {
		if seen[p.Key] {
			t.Fatalf("duplicate key %s", p.Key)
		}
		seen[p.Key] = true
		if want[p.Key] != p.Kind || p.Question == "" || p.Help == "" || (p.Kind == PromptScale) != (p.ScaleLabels != nil) {
			t.Errorf("prompt %+v", p)
		}
	}
	if len(seen) != len(want) || c.Version != CurrentPromptVersion {
		t.Fatalf("catalogue %v", seen)
	}
}

func TestValidateAnswers(t *testing.T) {
	good, errs := ValidateAnswers(CurrentPromptVersion, raw(map[string]string{
		"mood": "2", "skill_gaps": `[" SQL ", "", "Kubernetes"]`, "went_well": `"  the live coding "`, "role_fit": "false", "nerves": "5.0",
	}))
	if errs != nil {
		t.Fatal(errs)
	}
	if good["mood"] != 2 || !reflect.DeepEqual(good["skill_gaps"], []string{"SQL", "Kubernetes"}) || good["went_well"] != "the live coding" || good["role_fit"] != false || good["nerves"] != 5 {
		t.Fatalf("normalised %v", good)
	}
	cases := []struct {
		answers map[string]string
		version string
		key     string
	}{
		{map[string]string{"mood": "3"}, "1999-01-01", ""},
		{map[string]string{"mood": "3", "shoe_size": "9"}, CurrentPromptVersion, "shoe_size"},
		{map[string]string{"mood": "6"}, CurrentPromptVersion, "mood"},
		{map[string]string{"mood": "2.5"}, CurrentPromptVersion, "mood"},
		{map[string]string{"mood": `"low"`}, CurrentPromptVersion, "mood"},
		{map[string]string{"nerves": "3"}, CurrentPromptVersion, "mood"},
		{map[string]string{"mood": "null"}, CurrentPromptVersion, "mood"},
		{map[string]string{"mood": "3", "went_well": "5"}, CurrentPromptVersion, "went_well"},
		{map[string]string{"mood": "3", "went_well": `"` + strings.Repeat("a", 2001) + `"`}, CurrentPromptVersion, "went_well"},
		{map[string]string{"mood": "3", "skill_gaps": `"SQL"`}, CurrentPromptVersion, "skill_gaps"},
		{map[string]string{"mood": "3", "skill_gaps": `["` + strings.Repeat("a", 201) + `"]`}, CurrentPromptVersion, "skill_gaps"},
		{map[string]string{"mood": "3", "skill_gaps": `[` + strings.Repeat(`"a",`, 20) + `"a"]`}, CurrentPromptVersion, "skill_gaps"},
		{map[string]string{"mood": "3", "role_fit": `"yes"`}, CurrentPromptVersion, "role_fit"},
	}
	for _, tc := range cases {
		_, errs := ValidateAnswers(tc.version, raw(tc.answers))
		found := false
		for _, e := range errs {
			found = found || (e.Key == tc.key && e.Detail != "")
		}
		if !found {
			t.Errorf("%v: errors %v lack %q", tc.answers, errs, tc.key)
		}
	}
}

func TestApplyAnswerPatch(t *testing.T) {
	cur := map[string]any{"mood": 2, "nerves": 4}
	next, errs := ApplyAnswerPatch(CurrentPromptVersion, cur, raw(map[string]string{"nerves": "null", "mood": "4", "went_well": `"clear answers"`}))
	if errs != nil || next["mood"] != 4 || next["nerves"] != nil || next["went_well"] != "clear answers" {
		t.Fatalf("%v %v", next, errs)
	}
	if _, errs := ApplyAnswerPatch(CurrentPromptVersion, cur, raw(map[string]string{"mood": "null"})); len(errs) == 0 {
		t.Fatal("a required answer was cleared")
	}
}

func TestReflectionFromAnswersRoundTrip(t *testing.T) {
	answers, _ := ValidateAnswers(CurrentPromptVersion, raw(map[string]string{"mood": "1", "company_research": "2", "skill_gaps": `["SQL"]`, "role_fit": "true", "surprise_questions": `["Why us?"]`}))
	js, _ := json.Marshal(answers)
	var stored map[string]any
	json.Unmarshal(js, &stored) // as read back from the database
	now := time.Now()
	for _, a := range []map[string]any{answers, stored} {
		r := ReflectionFromAnswers("rfl_1", now, a)
		if *r.Mood != 1 || *r.CompanyResearch != 2 || r.SkillGaps[0] != "SQL" || !*r.RoleFit || r.SurpriseQuestions[0] != "Why us?" || r.Nerves != nil {
			t.Fatalf("decoded %+v", r)
		}
	}
}

func insightsFixture() InsightsInput {
	at := func(d string) time.Time { return day(d) }
	done := func(d string) *time.Time { t := at(d); return &t }
	in := InsightsInput{CandidateID: "cand_1", AsOf: at("2026-11-22")}
	stages := []string{StageApplication, StageScreening, StageApplication, StageInterview, StageFinalRound, StageInterview}
	for i, st := range stages {
		id := "rej_" + string(rune('a'+i))
		in.Rejections = append(in.Rejections, InsightRejection{ID: id, Stage: st, ReasonCategory: []string{"no_reason_given", "stronger_candidate"}[i%2], RoleTitle: "Analyst", Company: "Co", ReceivedAt: at("2026-09-01").AddDate(0, 0, 14*i)})
		// The plan was recorded a day after the rejection arrived; recovery counts from the rejection.
		plan := InsightPlan{ID: "plan_" + id, RejectionID: id, Status: PlanActive, CreatedAt: at("2026-09-01").AddDate(0, 0, 14*i+1)}
		if i < 5 {
			plan.Status, plan.CompletedAt = PlanCompleted, done(plan.CreatedAt.AddDate(0, 0, 10+i).Format("2006-01-02"))
		}
		in.Plans = append(in.Plans, plan)
	}
	in.Feedback = []InsightFeedback{
		{Feedback{ID: "fb_1", ReceivedAt: at("2026-10-01"), Items: []FeedbackItem{{"interview_performance", "improvement", "Long answers"}, {"communication", "strength", "Warm"}}}, "rej_d"},
		{Feedback{ID: "fb_2", ReceivedAt: at("2026-11-01"), Items: []FeedbackItem{{"interview_performance", "improvement", "Rambled"}, {"communication", "strength", "Clear"}}}, "rej_e"},
		{Feedback{ID: "fb_3", ReceivedAt: at("2026-11-10"), Items: []FeedbackItem{{"technical_depth", "improvement", "Design"}}}, "rej_f"},
	}
	in.Reflections = []InsightReflection{
		{Reflection{ID: "rfl_1", CreatedAt: at("2026-09-02"), Mood: ip(4)}, "rej_a"},
		{Reflection{ID: "rfl_3", CreatedAt: at("2026-11-12"), Mood: ip(2)}, "rej_f"},
		{Reflection{ID: "rfl_2", CreatedAt: at("2026-10-02"), Mood: ip(3)}, "rej_d"},
	}
	return in
}

func TestInsights(t *testing.T) {
	in := insightsFixture()
	got := ComputeInsights(in)
	if got.RejectionCount != 6 || got.StageFunnel[0].Reached != 6 || got.StageFunnel[4].Reached != 3 || got.StageFunnel[4].RejectedAt != 2 || *got.StageFunnel[4].ReachedRate.Value != 0.5 {
		t.Fatalf("funnel %+v", got.StageFunnel)
	}
	if len(got.ImprovementAreas) != 1 || got.ImprovementAreas[0].Category != "interview_performance" || got.ImprovementAreas[0].RejectionCount != 2 || got.ImprovementAreas[0].Evidence[0].ID != "fb_2" {
		t.Fatalf("improvement areas %+v", got.ImprovementAreas)
	}
	if len(got.Strengths) != 1 || got.Strengths[0].Category != "communication" {
		t.Fatalf("strengths %+v", got.Strengths)
	}
	if len(got.MoodTrend) != 3 || got.MoodTrend[0].ReflectionID != "rfl_1" || got.MoodTrend[2].Mood != 2 {
		t.Fatalf("mood trend %+v", got.MoodTrend)
	}
	if got.Recovery.PlansCompleted != 5 || *got.Recovery.CompletedRatio.Value != 0.833 || *got.Recovery.MedianDaysToCompletion.Value != 13 {
		t.Fatalf("recovery %+v", got.Recovery)
	}
	codes := map[string]bool{}
	for _, s := range got.Suggestions {
		codes[s.Code] = len(s.Evidence) > 0
	}
	for _, c := range []string{"practise_interviews", "refresh_cv", "look_after_yourself", "lead_with_strength", "engage_recruiter"} {
		if !codes[c] {
			t.Errorf("suggestion %s missing or without evidence: %v", c, codes)
		}
	}
	// Shuffled input, same answer.
	rng := rand.New(rand.NewSource(1))
	rng.Shuffle(len(in.Rejections), func(i, j int) { in.Rejections[i], in.Rejections[j] = in.Rejections[j], in.Rejections[i] })
	rng.Shuffle(len(in.Feedback), func(i, j int) { in.Feedback[i], in.Feedback[j] = in.Feedback[j], in.Feedback[i] })
	rng.Shuffle(len(in.Plans), func(i, j int) { in.Plans[i], in.Plans[j] = in.Plans[j], in.Plans[i] })
	if again := ComputeInsights(in); !reflect.DeepEqual(again, got) {
		t.Fatal("insights depend on input order")
	}
}

func TestInsightsWithFewRejectionsGiveNoRates(t *testing.T) {
	in := insightsFixture()
	in.Rejections, in.Plans = in.Rejections[:4], in.Plans[:4]
	got := ComputeInsights(in)
	for _, s := range got.StageFunnel {
		if s.ReachedRate.Status != "insufficient_data" || s.ReachedRate.Value != nil {
			t.Fatalf("a rate over 4 rejections: %+v", s)
		}
	}
	for _, r := range got.ReasonCategories {
		if r.Share.Value != nil || r.Count == 0 {
			t.Fatalf("reason share over 4 rejections: %+v", r)
		}
	}
	if got.Recovery.CompletedRatio.Value != nil || got.Recovery.MedianDaysToCompletion.Status != "insufficient_data" || got.StageFunnel[0].Reached != 4 {
		t.Fatalf("recovery %+v", got.Recovery)
	}
}
