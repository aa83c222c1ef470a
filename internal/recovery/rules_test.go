package recovery

import (
	"encoding/json"
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func ip(n int) *int   { return &n }
func bp(b bool) *bool { return &b }
func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// base is an interview-stage rejection with one contact, received and planned on 2026-11-20.
func base() PlanInput {
	return PlanInput{
		StartsOn: day("2026-11-20"), Location: time.UTC,
		Rejection: Rejection{ID: "rej_1", Company: "Northwind", RoleTitle: "Backend Engineer", Stage: StageInterview, Channel: "email",
			ReasonCategory: "no_reason_given", ReceivedAt: day("2026-11-20").Add(9 * time.Hour), Contacts: []Contact{{ID: "ctc_1", Name: "Priya Raman", Role: "hiring_manager"}}},
	}
}

func find(steps []Step, key string) (Step, bool) {
	for _, s := range steps {
		if s.Key == key {
			return s, true
		}
	}
	return Step{}, false
}

func keys(steps []Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.Key)
	}
	return out
}

func TestRuleRest(t *testing.T) {
	cases := []struct {
		name   string
		impact int
		mood   *int
		days   int
	}{
		{"default", 0, nil, 1}, {"impact 3", 3, nil, 1}, {"impact 4", 4, nil, 2}, {"impact 5", 5, nil, 3},
		{"mood 2", 2, ip(2), 2}, {"mood 1", 1, ip(1), 3}, {"mood 4 impact 5", 5, ip(4), 3},
	}
	for _, tc := range cases {
		in := base()
		in.Rejection.EmotionalImpact = tc.impact
		if tc.mood != nil {
			in.Reflections = []Reflection{{ID: "rfl_1", CreatedAt: day("2026-11-21"), Mood: tc.mood}}
		}
		s, ok := find(Generate(in), "rest")
		if !ok || !s.DueOn.Equal(in.StartsOn) || len(s.Reasons) == 0 {
			t.Errorf("%s: rest %v due %v", tc.name, ok, s.DueOn)
		}
		room := roomDays[tc.days-1] // after a longer rest, employers wait a few days more
		if th, _ := find(Generate(in), "thank_contacts:ctc_1"); !th.DueOn.Equal(addDays(in.StartsOn, tc.days+room)) || th.Optional != (room > 0) {
			t.Errorf("%s: thanks due %v optional %v, want %d days after a %d-day rest", tc.name, th.DueOn, th.Optional, room, tc.days)
		}
		if tc.days > 1 && !strings.Contains(s.Title, "days") {
			t.Errorf("%s: title %q", tc.name, s.Title)
		}
	}
}

func TestRuleThankContacts(t *testing.T) {
	in := base()
	in.Rejection.Contacts = append(in.Rejection.Contacts, Contact{ID: "ctc_2", Name: "Sam Lee", Role: "interviewer"})
	steps := Generate(in)
	for _, k := range []string{"thank_contacts:ctc_1", "thank_contacts:ctc_2"} {
		s, ok := find(steps, k)
		if !ok || !s.DueOn.Equal(day("2026-11-21")) {
			t.Fatalf("%s missing or misdated: %v", k, keys(steps))
		}
	}
	in.Rejection.Contacts = nil
	if _, ok := find(Generate(in), "thank_contacts"); !ok {
		t.Fatal("no thank-you to the sender without contacts")
	}
	in.Rejection.Channel = "no_response"
	for _, s := range Generate(in) {
		if s.Kind == KindThankContacts {
			t.Fatal("a thank-you step for a ghosting with nobody to thank")
		}
	}
}

func TestRuleRequestFeedback(t *testing.T) {
	in := base()
	if _, ok := find(Generate(in), "request_feedback"); !ok {
		t.Fatal("missing without feedback")
	}
	in.FeedbackRequests.Pending = true
	if _, ok := find(Generate(in), "request_feedback"); ok {
		t.Fatal("present while a request is pending")
	}
	in.FeedbackRequests.Pending = false
	in.Feedback = []Feedback{{ID: "fb_1", ReceivedAt: day("2026-11-22")}}
	if _, ok := find(Generate(in), "request_feedback"); ok {
		t.Fatal("present after feedback arrived")
	}
}

func TestRuleReflect(t *testing.T) {
	in := base()
	s, _ := find(Generate(in), "reflect")
	if !s.DueOn.Equal(day("2026-11-21")) {
		t.Fatalf("reflect due %v, want after the rest day", s.DueOn)
	}
	in.Reflections = []Reflection{{ID: "rfl_1", CreatedAt: day("2026-11-21"), Mood: ip(3)}}
	s, _ = find(Generate(in), "reflect")
	if !strings.Contains(s.Title, "Revisit") || !s.DueOn.Equal(day("2026-11-27")) {
		t.Fatalf("second reflection step %q %v", s.Title, s.DueOn)
	}
}

func TestRuleInterviewPractice(t *testing.T) {
	in := base()
	in.Rejection.Stage = StageScreening
	if _, ok := find(Generate(in), "interview_practice"); ok {
		t.Fatal("practice for a screening rejection without evidence")
	}
	in.Feedback = []Feedback{{ID: "fb_1", Items: []FeedbackItem{{Category: "communication", Polarity: "improvement", Detail: "Long answers"}, {Category: "communication", Polarity: "strength", Detail: "Friendly"}}}}
	s, ok := find(Generate(in), "interview_practice")
	if !ok || len(s.Reasons) != 1 || s.Reasons[0].Ref != "fb_1" || s.Reasons[0].Field != "items[0].category" {
		t.Fatalf("feedback-driven practice: %+v", s.Reasons)
	}
	in.Feedback = nil
	in.Reflections = []Reflection{{ID: "rfl_1", Nerves: ip(5), AnswerClarity: ip(2), Preparation: ip(1), SurpriseQuestions: []string{"Why leave?"}}}
	s, _ = find(Generate(in), "interview_practice")
	if len(s.Reasons) != 4 {
		t.Fatalf("each reflection signal is a reason: %+v", s.Reasons)
	}
	in = base()
	s, _ = find(Generate(in), "interview_practice")
	if len(s.Reasons) != 1 || s.Reasons[0].Field != "stage" {
		t.Fatalf("stage-driven practice %+v", s.Reasons)
	}
}

func TestRuleSkillDevelopment(t *testing.T) {
	in := base()
	in.Feedback = []Feedback{{ID: "fb_1", ReceivedAt: day("2026-12-10"), Items: []FeedbackItem{
		{Category: "technical_depth", Polarity: "improvement", Detail: "System design depth"},
		{Category: "skills", Polarity: "strength", Detail: "Go"},
		{Category: "culture_fit", Polarity: "improvement", Detail: "Team fit"},
	}}}
	in.Reflections = []Reflection{{ID: "rfl_1", CreatedAt: day("2026-11-21"), SkillGaps: []string{"system design DEPTH", "Kubernetes"}}}
	steps := Generate(in)
	sd, ok := find(steps, "skill_development:system-design-depth")
	if !ok || len(sd.Reasons) != 2 {
		t.Fatalf("one step per distinct gap, with both sources: %v %+v", keys(steps), sd.Reasons)
	}
	if !sd.DueOn.Equal(day("2026-12-13")) {
		t.Fatalf("due after the evidence: %v", sd.DueOn)
	}
	if k, ok := find(steps, "skill_development:kubernetes"); !ok || !k.DueOn.Equal(day("2026-11-28")) {
		t.Fatalf("kubernetes step %v %v", ok, k.DueOn)
	}
	for _, s := range steps {
		if s.Key == "skill_development:go" || s.Key == "skill_development:team-fit" {
			t.Fatalf("%s should not be a skill step", s.Key)
		}
	}
	if got := slug(strings.Repeat("very long gap name ", 5)); len(got) > 40 || strings.HasSuffix(got, "-") {
		t.Fatalf("slug %q", got)
	}
}

func TestRuleResearchPractice(t *testing.T) {
	in := base()
	if _, ok := find(Generate(in), "research_practice"); ok {
		t.Fatal("without evidence")
	}
	in.Reflections = []Reflection{{ID: "rfl_1", CompanyResearch: ip(3)}}
	if _, ok := find(Generate(in), "research_practice"); ok {
		t.Fatal("research 3 is not low")
	}
	in.Reflections[0].CompanyResearch = ip(2)
	if _, ok := find(Generate(in), "research_practice"); !ok {
		t.Fatal("research 2 should add the step")
	}
}

func TestRuleResumeRefresh(t *testing.T) {
	in := base()
	if _, ok := find(Generate(in), "resume_refresh"); ok {
		t.Fatal("interview-stage rejection")
	}
	in.Rejection.Stage = StageApplication
	single, _ := find(Generate(in), "resume_refresh")
	in.History = []PastRejection{{ID: "rej_a", Stage: StageScreening, ReceivedAt: day("2026-10-01")}, {ID: "rej_b", Stage: StageApplication, ReceivedAt: day("2026-11-01")}, {ID: "rej_old", Stage: StageApplication, ReceivedAt: day("2026-01-01")}}
	repeated, _ := find(Generate(in), "resume_refresh")
	if !repeated.DueOn.Before(single.DueOn) || len(repeated.Reasons) != 3 {
		t.Fatalf("repeated early rejections: due %v vs %v, reasons %+v", repeated.DueOn, single.DueOn, repeated.Reasons)
	}
}

func TestRuleStayInTouch(t *testing.T) {
	in := base()
	if _, ok := find(Generate(in), "stay_in_touch:30d"); ok {
		t.Fatal("plain interview rejection without a close-call reason")
	}
	in.Rejection.ReasonCategory = "internal_candidate"
	s30, ok1 := find(Generate(in), "stay_in_touch:30d")
	s90, ok2 := find(Generate(in), "stay_in_touch:90d")
	if !ok1 || !ok2 || !s30.DueOn.Equal(day("2026-12-20")) || !s90.DueOn.Equal(day("2027-02-18")) {
		t.Fatalf("check-ins %v %v", s30.DueOn, s90.DueOn)
	}
	in.Rejection.ReasonCategory, in.Rejection.Stage = "other", StageFinalRound
	if _, ok := find(Generate(in), "stay_in_touch:30d"); !ok {
		t.Fatal("final round should add check-ins")
	}
}

func TestRuleContractInquiry(t *testing.T) {
	in := base()
	if _, ok := find(Generate(in), "contract_inquiry"); !ok {
		t.Fatal("interview stage")
	}
	in.Rejection.Stage = StagePhoneScreen
	if _, ok := find(Generate(in), "contract_inquiry"); ok {
		t.Fatal("phone screen")
	}
}

func TestRuleEngageRecruiter(t *testing.T) {
	in := base()
	in.History = []PastRejection{{ID: "rej_a", ReceivedAt: day("2026-10-01")}}
	if _, ok := find(Generate(in), "engage_recruiter"); ok {
		t.Fatal("two rejections")
	}
	in.History = append(in.History, PastRejection{ID: "rej_b", ReceivedAt: day("2026-09-01")}, PastRejection{ID: "rej_old", ReceivedAt: day("2026-05-01")})
	s, ok := find(Generate(in), "engage_recruiter")
	if !ok || len(s.Reasons) != 3 {
		t.Fatalf("three in 90 days: %v %+v", ok, s.Reasons)
	}
}

func TestRuleExploreAdjacentRoles(t *testing.T) {
	in := base()
	in.Rejection.Stage, in.Rejection.RoleTitle = StageApplication, "Senior Data Analyst"
	in.History = []PastRejection{{ID: "rej_a", Stage: StageScreening, RoleTitle: "Data Analyst II", ReceivedAt: day("2026-10-01")}, {ID: "rej_b", Stage: StageApplication, RoleTitle: "Product Designer", ReceivedAt: day("2026-10-02")}}
	if _, ok := find(Generate(in), "explore_adjacent_roles"); ok {
		t.Fatal("only two similar")
	}
	in.History = append(in.History, PastRejection{ID: "rej_c", Stage: StagePhoneScreen, RoleTitle: "Junior Data Analyst", ReceivedAt: day("2026-11-01")})
	s, ok := find(Generate(in), "explore_adjacent_roles")
	if !ok || len(s.Reasons) != 3 {
		t.Fatalf("three similar early rejections: %+v", s.Reasons)
	}
	in = base()
	in.Reflections = []Reflection{{ID: "rfl_1", RoleFit: bp(false)}}
	if _, ok := find(Generate(in), "explore_adjacent_roles"); !ok {
		t.Fatal("role did not fit")
	}
}

func TestRuleApplyNextAndWellbeing(t *testing.T) {
	in := base()
	a, _ := find(Generate(in), "apply_next")
	if !a.DueOn.Equal(day("2026-11-25")) || a.Optional {
		t.Fatalf("apply_next %v optional %v", a.DueOn, a.Optional)
	}
	normal := Generate(in)
	in.Reflections = []Reflection{{ID: "rfl_1", Mood: ip(1), Nerves: ip(5)}}
	low := Generate(in)
	practice, _ := find(low, "interview_practice")
	a2, _ := find(low, "apply_next")
	if !a2.Optional || !a2.DueOn.After(practice.DueOn) {
		t.Fatalf("at mood 1 the next application is optional and after the practice: %v vs %v", a2.DueOn, practice.DueOn)
	}
	if _, ok := find(low, "talk_to_someone"); !ok {
		t.Fatal("a very low mood gets a step about talking to someone")
	}
	for _, s := range low {
		if s.Kind == KindRest || s.Kind == KindTalkToSomeone || s.Kind == KindKeepPerspective {
			continue
		}
		last := s.Reasons[len(s.Reasons)-1]
		if last.Field != "answers.mood" || strings.Contains(strings.ToLower(last.Detail), "must") {
			t.Fatalf("%s lacks a kind wellbeing reason: %+v", s.Key, last)
		}
		if employerFacing[s.Kind] {
			if !s.Optional || s.DueOn.Before(addDays(in.StartsOn, 3+4)) {
				t.Fatalf("%s faces employers: optional %v, due %v", s.Key, s.Optional, s.DueOn)
			}
		} else if s.Optional {
			t.Fatalf("%s is self-work and should not be optional", s.Key)
		}
		if n, ok := find(normal, s.Key); ok && !s.DueOn.After(n.DueOn) {
			t.Fatalf("%s not moved later (%v vs %v)", s.Key, s.DueOn, n.DueOn)
		}
	}
	// A high emotional impact alone gives room before employers, without moving self-work.
	in = base()
	in.Rejection.EmotionalImpact = 4
	for _, s := range Generate(in) {
		if employerFacing[s.Kind] && (!s.Optional || s.DueOn.Before(addDays(in.StartsOn, 2+2))) {
			t.Fatalf("impact 4: %s optional %v due %v", s.Key, s.Optional, s.DueOn)
		}
	}
}

func TestDatesAreCalendarDaysInTheCandidatesZone(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	in := base()
	in.Location = ny
	in.StartsOn = time.Date(2026, 10, 31, 0, 0, 0, 0, ny) // DST ends on 1 November
	in.Rejection.ReceivedAt = time.Date(2026, 10, 31, 9, 0, 0, 0, ny)
	for _, s := range Generate(in) {
		if s.DueOn.Hour() != 0 || s.DueOn.Location() != ny {
			t.Fatalf("%s due %v is not a midnight in New York", s.Key, s.DueOn)
		}
	}
	if a, _ := find(Generate(in), "apply_next"); a.DueOn.Format("2006-01-02") != "2026-11-05" {
		t.Fatalf("apply_next %v", a.DueOn)
	}
	akl, _ := time.LoadLocation("Pacific/Auckland")
	in.Location, in.StartsOn = akl, time.Date(2026, 11, 20, 23, 30, 0, 0, time.UTC) // already the 21st in Auckland
	in.Rejection.ReceivedAt = in.StartsOn
	if r, _ := find(Generate(in), "rest"); r.DueOn.Format("2006-01-02") != "2026-11-21" {
		t.Fatalf("start date in Auckland %v", r.DueOn)
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	in := finalRoundScenario()
	if !reflect.DeepEqual(Generate(in), Generate(in)) {
		t.Fatal("two generations differ")
	}
}

// finalRoundScenario: a final-round rejection at a company after meeting two interviewers, with
// employer feedback naming system design depth as the gap.
func finalRoundScenario() PlanInput {
	in := base()
	in.Rejection.Company, in.Rejection.RoleTitle, in.Rejection.Stage = "Northwind Analytics", "Senior Backend Engineer", StageFinalRound
	in.Rejection.ReasonCategory, in.Rejection.EmotionalImpact = "stronger_candidate", 4
	in.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Priya Raman", Role: "interviewer"}, {ID: "ctc_2", Name: "Sam Lee", Role: "interviewer"}}
	in.Feedback = []Feedback{{ID: "fb_1", Source: "employer", ReceivedAt: day("2026-11-24"), Items: []FeedbackItem{
		{Category: "technical_depth", Polarity: "improvement", Detail: "System design depth"},
		{Category: "communication", Polarity: "strength", Detail: "Clear, structured explanations"},
	}}}
	return in
}

func goldenScenarios() map[string]PlanInput {
	first := base()
	first.Rejection = Rejection{ID: "rej_9", Company: "Contoso", RoleTitle: "Data Analyst", Stage: StageApplication, Channel: "portal", ReasonCategory: "no_reason_given", ReceivedAt: day("2026-11-20")}
	repeated := base()
	repeated.Rejection = Rejection{ID: "rej_4", Company: "Fabrikam", RoleTitle: "Junior Data Analyst", Stage: StageScreening, Channel: "email", ReasonCategory: "experience_gap", ReceivedAt: day("2026-11-20"), EmotionalImpact: 5}
	repeated.History = []PastRejection{
		{ID: "rej_1", Stage: StageApplication, RoleTitle: "Data Analyst", ReceivedAt: day("2026-09-25")},
		{ID: "rej_2", Stage: StageScreening, RoleTitle: "Data Analyst II", ReceivedAt: day("2026-10-15")},
		{ID: "rej_3", Stage: StageApplication, RoleTitle: "Business Data Analyst", ReceivedAt: day("2026-11-05")},
	}
	repeated.Reflections = []Reflection{{ID: "rfl_1", CreatedAt: day("2026-11-21"), Mood: ip(1), CompanyResearch: ip(2), SkillGaps: []string{"SQL window functions"}}}
	return map[string]PlanInput{"final_round_two_interviewers": finalRoundScenario(), "first_application_portal": first, "fourth_early_analyst_rejection": repeated}
}

type goldenStep struct {
	Key, Kind, Title, Guidance, DueOn string
	Reasons                           []Reason
	ReasonsOmitted                    int  `json:",omitempty"`
	Optional                          bool `json:",omitempty"`
	Nudge                             bool
	Lapsed                            bool `json:",omitempty"`
}

// TestGoldenPlans pins the whole plan of every scenario (goldenScenarios and the advice
// scenarios of docs/advice.md) in every language: testdata/plan_<scenario>.<lang>.golden.json.
func TestGoldenPlans(t *testing.T) {
	all := goldenScenarios()
	for name, in := range adviceScenarios() {
		all[name] = in
	}
	for name, in := range all {
		for _, lang := range []string{"en", "es", "fr", "de"} {
			in.Locale = lang
			var got []goldenStep
			for _, s := range Generate(in) {
				got = append(got, goldenStep{s.Key, s.Kind, s.Title, s.Guidance, s.DueOn.Format("2006-01-02"), s.Reasons, s.ReasonsOmitted, s.Optional, s.Nudge, s.Lapsed})
			}
			js, _ := json.MarshalIndent(got, "", "  ")
			path := filepath.Join("testdata", "plan_"+name+"."+lang+".golden.json")
			if *update {
				if err := os.WriteFile(path, append(js, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if strings.TrimSpace(string(want)) != strings.TrimSpace(string(js)) {
				t.Errorf("%s (%s) differs from %s (run go test ./internal/recovery -update after checking the change):\n%s", name, lang, path, js)
			}
		}
	}
}

func TestMerge(t *testing.T) {
	in := finalRoundScenario()
	gen := Generate(in)
	first, changes := Merge(nil, gen)
	if len(changes) != len(gen) || changes[0].Change != "added" {
		t.Fatalf("first merge %+v", changes)
	}
	for i := range first {
		first[i].ID = "step_" + first[i].Key
	}
	if _, changes := Merge(first, gen); len(changes) != 0 {
		t.Fatalf("merging with its own regeneration changed %+v", changes)
	}
	// Work on two steps, then remove the feedback that caused one of them.
	done := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	for i := range first {
		switch first[i].Key {
		case "skill_development:system-design-depth":
			first[i].Status, first[i].Note, first[i].CompletedAt = StatusDone, "Did a course", &done
		case "contract_inquiry":
			first[i].Status = StatusSkipped
		}
	}
	in.Feedback = nil
	next, changes := Merge(first, Generate(in))
	got := map[string]PlanStep{}
	for _, s := range next {
		got[s.Key] = s
	}
	if s := got["skill_development:system-design-depth"]; s.Status != StatusDone || s.Note != "Did a course" || s.CompletedAt == nil || s.ID == "" {
		t.Fatalf("a done step whose reason vanished was lost or changed: %+v", s)
	}
	if _, ok := got["request_feedback"]; !ok {
		t.Fatal("request_feedback should come back without feedback")
	}
	kinds := map[string]string{}
	for _, c := range changes {
		kinds[c.Key] = c.Change
	}
	if kinds["request_feedback"] != "added" || kinds["skill_development:system-design-depth"] != "" {
		t.Fatalf("changes %+v", changes)
	}
	if PlanStatus(next) != PlanActive {
		t.Fatal("plan with pending steps is not active")
	}
	for i := range next {
		next[i].Status = StatusDone
	}
	if PlanStatus(next) != PlanCompleted {
		t.Fatal("all done is completed")
	}
}

// TestRegenerationNeverLosesWorkedOnSteps runs random sequences of feedback, reflection and
// step updates through Generate and Merge: no step the candidate worked on is ever lost or
// altered in status, note or dates, and regenerating twice changes nothing the second time.
func TestRegenerationNeverLosesWorkedOnSteps(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	categories := []string{"skills", "technical_depth", "experience", "interview_performance", "communication", "culture_fit"}
	polarities := []string{"strength", "improvement", "neutral"}
	gaps := []string{"System design", "SQL", "Public speaking", "Kubernetes", "Negotiation"}
	for seq := 0; seq < 300; seq++ {
		in := base()
		in.Rejection.Stage = StageOrder[rng.Intn(len(StageOrder))]
		var plan []PlanStep
		worked := map[string]PlanStep{}
		nextID := 0
		regenerate := func() {
			next, _ := Merge(plan, Generate(in))
			for i := range next {
				if next[i].ID == "" {
					nextID++
					next[i].ID = "step_" + string(rune('a'+nextID%26)) + next[i].Key
				}
			}
			plan = next
			again, changes := Merge(plan, Generate(in))
			if len(changes) != 0 || !reflect.DeepEqual(again, plan) {
				t.Fatalf("seq %d: a second regeneration changed %+v", seq, changes)
			}
		}
		regenerate()
		for op := 0; op < 25; op++ {
			switch rng.Intn(6) {
			case 5: // the candidate switches language: keys stay, wording follows
				in.Locale = []string{"en", "es", "fr-CA", "de"}[rng.Intn(4)]
			case 0:
				var items []FeedbackItem
				for i := 0; i < rng.Intn(3)+1; i++ {
					items = append(items, FeedbackItem{Category: categories[rng.Intn(len(categories))], Polarity: polarities[rng.Intn(3)], Detail: gaps[rng.Intn(len(gaps))]})
				}
				in.Feedback = append(in.Feedback, Feedback{ID: "fb", ReceivedAt: day("2026-11-22"), Items: items})
			case 1:
				if len(in.Feedback) > 0 {
					in.Feedback = in.Feedback[:rng.Intn(len(in.Feedback))]
				}
			case 2:
				r := Reflection{ID: "rfl", CreatedAt: day("2026-11-23"), Mood: ip(rng.Intn(5) + 1), Nerves: ip(rng.Intn(5) + 1), CompanyResearch: ip(rng.Intn(5) + 1)}
				if rng.Intn(2) == 0 {
					r.SkillGaps = []string{gaps[rng.Intn(len(gaps))]}
				}
				in.Reflections = append(in.Reflections, r)
			case 3:
				if len(in.Reflections) > 0 {
					in.Reflections = in.Reflections[:rng.Intn(len(in.Reflections))]
				}
			case 4:
				if len(plan) > 0 {
					i := rng.Intn(len(plan))
					st := []string{StatusInProgress, StatusDone, StatusSkipped}[rng.Intn(3)]
					now := day("2026-11-25")
					plan[i].Status, plan[i].Note = st, "note "+st
					if st == StatusDone {
						plan[i].CompletedAt = &now
					}
					worked[plan[i].Key] = plan[i]
				}
			}
			regenerate()
			have := map[string]PlanStep{}
			for _, s := range plan {
				have[s.Key] = s
			}
			for k, w := range worked {
				got, ok := have[k]
				if !ok || got.Status != w.Status || got.Note != w.Note || got.ID != w.ID || !got.DueOn.Equal(w.DueOn) || !reflect.DeepEqual(got.CompletedAt, w.CompletedAt) {
					t.Fatalf("seq %d op %d: worked-on step %s lost or changed: %+v → %+v", seq, op, k, w, got)
				}
			}
		}
	}
}
