package recovery

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkGenerate measures one plan generation for a realistic, busy input: a final-round
// rejection with feedback, two reflections and 30 earlier rejections.
func BenchmarkGenerate(b *testing.B) {
	in := finalRoundScenario()
	in.Reflections = []Reflection{{ID: "rfl_1", Mood: ip(2), Nerves: ip(4), SkillGaps: []string{"SQL", "Kubernetes"}}, {ID: "rfl_2", Mood: ip(3), CompanyResearch: ip(2)}}
	for i := 0; i < 30; i++ {
		in.History = append(in.History, PastRejection{ID: fmt.Sprintf("rej_%d", i), Stage: StageScreening, RoleTitle: "Backend Engineer", ReceivedAt: day("2026-11-01").AddDate(0, 0, -i)})
	}
	b.ReportAllocs()
	for b.Loop() {
		Generate(in)
	}
}

// BenchmarkComputeInsights measures insights at the store's bounds' scale: 500 rejections, 1,000
// feedback items spread over them, 500 reflections and 500 plans.
func BenchmarkComputeInsights(b *testing.B) {
	in := InsightsInput{CandidateID: "cand_1", AsOf: day("2026-11-22")}
	cats := []string{"skills", "technical_depth", "interview_performance", "communication"}
	for i := 0; i < 500; i++ {
		id := fmt.Sprintf("rej_%03d", i)
		at := day("2025-01-01").Add(time.Duration(i) * 16 * time.Hour)
		in.Rejections = append(in.Rejections, InsightRejection{ID: id, Stage: StageOrder[i%len(StageOrder)], ReasonCategory: "stronger_candidate", RoleTitle: "Engineer", Company: "Co", ReceivedAt: at})
		in.Plans = append(in.Plans, InsightPlan{ID: "plan_" + id, RejectionID: id, Status: PlanCompleted, CreatedAt: at, CompletedAt: &at})
		in.Reflections = append(in.Reflections, InsightReflection{Reflection{ID: fmt.Sprintf("rfl_%03d", i), CreatedAt: at, Mood: ip(i%5 + 1), SkillGaps: []string{"SQL"}}, id})
		in.Feedback = append(in.Feedback, InsightFeedback{Feedback{ID: fmt.Sprintf("fb_%03d", i), ReceivedAt: at, Items: []FeedbackItem{{cats[i%4], "improvement", "x"}, {cats[(i+1)%4], "strength", "y"}}}, id})
	}
	b.ReportAllocs()
	for b.Loop() {
		ComputeInsights(in)
	}
}
