package recovery

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"
)

func agendaPlan(id string, received time.Time, historical bool, steps ...PlanStep) AgendaPlan {
	return AgendaPlan{PlanID: "pln_" + id, RejectionID: "rej_" + id, Company: "Co " + id, RoleTitle: "Analyst", ReceivedAt: received, Historical: historical, Steps: steps}
}

func pstep(id, key, kind, status, due string, nudge bool) PlanStep {
	return PlanStep{ID: id, Status: status, Step: Step{Key: key, Kind: kind, Title: "T " + id, DueOn: day(due), Nudge: nudge}}
}

func TestAgendaGivesCandidateWideAdviceOnce(t *testing.T) {
	a := agendaPlan("a", day("2026-11-01"), false,
		pstep("a1", KindApplyNext, KindApplyNext, StatusPending, "2026-11-06", true),
		pstep("a2", KindReflect, KindReflect, StatusPending, "2026-11-02", true))
	b := agendaPlan("b", day("2026-11-15"), false,
		pstep("b1", KindApplyNext, KindApplyNext, StatusInProgress, "2026-11-20", true),
		pstep("b2", KindReflect, KindReflect, StatusPending, "2026-11-16", true))
	items := Agenda(AgendaInput{Today: day("2026-11-18"), Plans: []AgendaPlan{a, b}})
	var got []string
	for _, it := range items {
		got = append(got, fmt.Sprintf("%s %s %d %v", it.Key, it.DueOn.Format("01-02"), len(it.Links), it.Overdue))
	}
	want := []string{"reflect 11-02 1 true", "apply_next 11-06 2 true", "reflect 11-16 1 true"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("agenda %v, want %v", got, want)
	}
	apply := items[1]
	if apply.Title != "T b1" || apply.Status != StatusInProgress || apply.Context != "For 2 of your applications" {
		t.Fatalf("apply_next item %+v", apply)
	}
	if items[0].Context != "For the Analyst role at Co a" {
		t.Fatalf("context %q", items[0].Context)
	}
	if de := Agenda(AgendaInput{Today: day("2026-11-18"), Locale: "de-CH", Plans: []AgendaPlan{a, b}}); de[1].Context != "Für 2 Ihrer Bewerbungen" {
		t.Fatalf("German context %q", de[1].Context)
	}
}

func TestAgendaLeavesOutWhatWasGivenAndWhatNeverNudges(t *testing.T) {
	lapsed := pstep("h2", KindReflect, KindReflect, StatusPending, "2026-09-01", false)
	lapsed.Lapsed = true
	livelapsed := pstep("c2", KindInterviewPractice, KindInterviewPractice, StatusPending, "2026-11-01", false)
	livelapsed.Lapsed = true
	optional := pstep("c3", KindThankContacts+":ctc_1", KindThankContacts, StatusPending, "2026-11-25", true)
	optional.Optional = true
	items := Agenda(AgendaInput{Today: day("2026-11-20"), Plans: []AgendaPlan{
		agendaPlan("a", day("2026-11-01"), false, pstep("a1", KindEngageRecruiter, KindEngageRecruiter, StatusDone, "2026-11-06", true)),
		agendaPlan("b", day("2026-11-15"), false, pstep("b1", KindEngageRecruiter, KindEngageRecruiter, StatusPending, "2026-11-20", true)),
		agendaPlan("h", day("2026-08-01"), true, pstep("h1", "stay_in_touch:90d", KindStayInTouch, StatusPending, "2026-10-30", false), lapsed),
		agendaPlan("c", day("2026-11-10"), false, livelapsed, optional),
	}})
	var got []string
	for _, it := range items {
		got = append(got, fmt.Sprintf("%s overdue=%v lapsed=%v optional=%v", it.Key, it.Overdue, it.Lapsed, it.Optional))
	}
	want := []string{
		"stay_in_touch:90d overdue=false lapsed=false optional=false", // historical: shown, never overdue
		"thank_contacts:ctc_1 overdue=false lapsed=false optional=true",
		"interview_practice overdue=false lapsed=true optional=false", // lapsed items come last
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("agenda\n%v\nwant\n%v", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAgendaIsDeterministic(t *testing.T) {
	var plans []AgendaPlan
	for i := range 6 {
		in := finalRoundScenario()
		in.Rejection.ID = fmt.Sprintf("rej_%d", i)
		in.Rejection.ReceivedAt = day("2026-11-01").AddDate(0, 0, i*3)
		steps, _ := Merge(nil, Generate(in))
		for j := range steps {
			steps[j].ID = fmt.Sprintf("st_%d_%02d", i, j)
		}
		plans = append(plans, AgendaPlan{PlanID: fmt.Sprintf("pln_%d", i), RejectionID: in.Rejection.ID, ReceivedAt: in.Rejection.ReceivedAt, Steps: steps})
	}
	want := Agenda(AgendaInput{Today: day("2026-11-20"), Plans: plans})
	rng := rand.New(rand.NewSource(1))
	for range 20 {
		rng.Shuffle(len(plans), func(i, j int) { plans[i], plans[j] = plans[j], plans[i] })
		if got := Agenda(AgendaInput{Today: day("2026-11-20"), Plans: plans}); !reflect.DeepEqual(got, want) {
			t.Fatal("the agenda depends on the order of plans")
		}
	}
	if got := Agenda(AgendaInput{Today: day("2026-11-20"), Plans: plans, Limit: 3}); len(got) != 3 || !reflect.DeepEqual(got, want[:3]) {
		t.Fatal("limit")
	}
}

// TestAgendaMergesTheSameAdviceOnTheSameDay: three rejections received the same day each plan a
// day of rest; the agenda shows it once, linked to all three steps.
func TestAgendaMergesTheSameAdviceOnTheSameDay(t *testing.T) {
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	var plans []AgendaPlan
	for i, company := range []string{"Alpha", "Beta", "Gamma"} {
		plans = append(plans, AgendaPlan{PlanID: "plan_" + company, RejectionID: "rej_" + company, Company: company, RoleTitle: "Analyst",
			ReceivedAt: day.Add(time.Duration(i) * time.Hour),
			Steps:      []PlanStep{{ID: "step_rest_" + company, Step: Step{Key: KindRest, Kind: KindRest, Title: "Take a day to recover", DueOn: day, Nudge: true}, Status: StatusPending}}})
	}
	items := Agenda(AgendaInput{Today: day, Locale: "en", Plans: plans})
	if len(items) != 1 || len(items[0].Links) != 3 {
		t.Fatalf("agenda %+v", items)
	}
	plans[2].Steps[0].DueOn = day.AddDate(0, 0, 1) // a rest on another day is other advice
	if items = Agenda(AgendaInput{Today: day, Locale: "en", Plans: plans}); len(items) != 2 {
		t.Fatalf("agenda %+v", items)
	}
}
