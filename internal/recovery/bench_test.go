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

// BenchmarkGenerateMerge measures generating and merging a plan whose input grows: 10, 100 and
// 1,000 feedback posts naming 30 different gaps. The plan is capped (issue 8), so the merge
// stays flat and generation grows only with the reading of the input itself.
func BenchmarkGenerateMerge(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("feedback=%d", n), func(b *testing.B) {
			in := hundredFeedback(n)
			plan, _ := Merge(nil, Generate(in))
			b.ReportAllocs()
			for b.Loop() {
				Merge(plan, Generate(in))
			}
		})
	}
}

// BenchmarkAgenda measures the agenda of a candidate with 20 open plans.
func BenchmarkAgenda(b *testing.B) {
	in := AgendaInput{Today: day("2026-11-25"), Locale: "fr"}
	for i := 0; i < 20; i++ {
		p := finalRoundScenario()
		p.Rejection.ID = fmt.Sprintf("rej_%02d", i)
		steps, _ := Merge(nil, Generate(p))
		for j := range steps {
			steps[j].ID = fmt.Sprintf("st_%02d_%02d", i, j)
		}
		in.Plans = append(in.Plans, AgendaPlan{PlanID: fmt.Sprintf("pln_%02d", i), RejectionID: p.Rejection.ID, Company: "Northwind", ReceivedAt: p.Rejection.ReceivedAt, Steps: steps})
	}
	b.ReportAllocs()
	for b.Loop() {
		Agenda(in)
	}
}
