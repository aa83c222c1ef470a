package recovery

import (
	"strings"
	"testing"
	"time"
)

// adviceScenarios are the situations docs/advice.md walks through; each has golden plans in
// every language (TestGoldenPlans) and the behaviour tests below.
func adviceScenarios() map[string]PlanInput {
	at := func(d string) time.Time { return day(d).Add(9 * time.Hour) }
	plain := func(id, company, role, stage, channel, category, text string) PlanInput {
		return PlanInput{StartsOn: day("2026-11-20"), Location: time.UTC, Rejection: Rejection{ID: id, Company: company, RoleTitle: role,
			Stage: stage, Channel: channel, ReasonCategory: category, ReasonText: text, ReceivedAt: at("2026-11-20")}}
	}
	out := map[string]PlanInput{}

	out["ghosted"] = plain("rej_g", "Globex", "Marketing Coordinator", StageApplication, "no_response", "no_reason_given", "")

	cancelled := plain("rej_c", "Initech", "Product Manager", StageInterview, "email", "role_cancelled", "The position has been put on hold after a budget freeze.")
	cancelled.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Dana Whitfield", Role: "hiring_manager"}}
	out["cancelled_role"] = cancelled

	offer := plain("rej_o", "Umbrella Health", "Data Engineer", StageOffer, "phone", "compensation", "We could not meet your salary expectations for this role.")
	offer.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Ravi Menon", Role: "recruiter"}}
	out["offer_compensation"] = offer

	oneWay := plain("rej_u", "Hooli", "UX Designer", StageInterview, "email", "culture_fit", "We felt another candidate was a better fit for the team's way of working.")
	oneWay.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Mina Park", Role: "interviewer"}}
	oneWay.Reflections = []Reflection{{ID: "rfl_u", CreatedAt: at("2026-11-21"), Mood: ip(3), RoleFit: bp(true)}}
	out["culture_fit_one_way"] = oneWay

	bothWays := oneWay
	bothWays.Rejection.ID = "rej_b"
	bothWays.Reflections = []Reflection{{ID: "rfl_b", CreatedAt: at("2026-11-21"), Mood: ip(3), RoleFit: bp(false), NewDirections: []string{"Service design"}}}
	out["culture_fit_both_ways"] = bothWays

	nurse := plain("rej_n", "St Mary's Hospital", "Staff Nurse, Cardiac Unit", StageInterview, "email", "skills_gap",
		"The panel liked you very much, but the role requires a current ACLS certification.")
	nurse.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Grace Okafor", Role: "hiring_manager"}}
	out["certification_gap"] = nurse

	early := plain("rej_e4", "Tailspin", "Data Analyst", StageApplication, "portal", "no_reason_given", "")
	early.History = []PastRejection{
		{ID: "rej_e1", Stage: StageApplication, RoleTitle: "Junior Data Analyst", ReceivedAt: at("2026-09-20")},
		{ID: "rej_e2", Stage: StageScreening, RoleTitle: "Data Analyst", ReceivedAt: at("2026-10-12")},
		{ID: "rej_e3", Stage: StageApplication, RoleTitle: "Reporting Analyst", ReceivedAt: at("2026-11-02")},
	}
	out["repeated_early_rejections"] = early

	low := plain("rej_l", "Vandelay", "Sales Lead", StageInterview, "email", "stronger_candidate", "")
	low.Rejection.EmotionalImpact = 5
	low.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Art Vandelay", Role: "hiring_manager"}}
	low.Reflections = []Reflection{{ID: "rfl_l", CreatedAt: at("2026-11-20"), Mood: ip(1), Nerves: ip(5), DoDifferently: "Calm my nerves in the first minutes"}}
	out["very_low_mood"] = low

	declined := plain("rej_d", "Stark Logistics", "Operations Analyst", StageInterview, "email", "no_reason_given", "")
	declined.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Lee Chen", Role: "recruiter"}}
	declined.FeedbackRequests = FeedbackRequestState{Requests: []FeedbackRequestRef{{ID: "frq_1", Status: RequestDeclined}}}
	out["feedback_declined"] = declined

	old := plain("rej_h", "Wayne Enterprises", "Financial Analyst", StageInterview, "email", "stronger_candidate", "")
	old.Rejection.ReceivedAt = at("2026-09-25") // recorded eight weeks later
	old.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Lucius Fox", Role: "interviewer"}}
	old.Historical = true
	out["old_rejection_recorded_late"] = old

	assessment := plain("rej_a", "Cyberdyne", "Graduate Engineer", StageAssessment, "portal", "other",
		"You did not reach the required score on the numerical reasoning test.")
	out["assessment_failed"] = assessment

	near := plain("rej_f", "Soylent", "Head of Operations", StageFinalRound, "phone", "stronger_candidate", "It was a very close decision.")
	near.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Sam Ortiz", Role: "hiring_manager"}, {ID: "ctc_2", Name: "Priya Das", Role: "interviewer"}}
	near.Reflections = []Reflection{{ID: "rfl_f", CreatedAt: at("2026-11-21"), Mood: ip(3), Preparation: ip(5), Nerves: ip(1), AnswerClarity: ip(4),
		WentWell: "The case presentation to the board"}}
	near.History = []PastRejection{{ID: "rej_f0", Stage: StageFinalRound, RoleTitle: "Operations Director", ReceivedAt: at("2026-10-01")}}
	out["final_round_near_miss"] = near

	summary := plain("rej_s", "Acme", "Account Manager", StageInterview, "email", "no_reason_given", "")
	summary.Feedback = []Feedback{{ID: "fb_s", Source: "recruiter", ReceivedAt: at("2026-11-24"),
		Summary: "The team appreciated your time. They chose a candidate whose background matched the client portfolio more closely."}}
	out["summary_only_feedback"] = summary

	results := plain("rej_r", "Massive Dynamic", "Operations Manager", StageInterview, "email", "experience_gap", "")
	results.Feedback = []Feedback{{ID: "fb_r", Source: "employer", ReceivedAt: at("2026-11-23"), Items: []FeedbackItem{
		{Category: "experience", Polarity: "improvement", Detail: "Little evidence of results in previous roles"},
		{Category: "communication", Polarity: "strength", Detail: "Warm and clear"},
	}}}
	out["results_gap_feedback"] = results
	return out
}

func kindsOf(steps []Step) map[string]bool {
	out := map[string]bool{}
	for _, s := range steps {
		out[s.Kind] = true
	}
	return out
}

func TestScenarioGhosted(t *testing.T) {
	steps := Generate(adviceScenarios()["ghosted"])
	k := kindsOf(steps)
	for _, no := range []string{KindThankContacts, KindRequestFeedback, KindContractInquiry, KindStayInTouch, KindInterviewPractice} {
		if k[no] {
			t.Errorf("a ghosted application got %s: %v", no, keys(steps))
		}
	}
	for _, yes := range []string{KindStatusFollowUp, KindApplyNext, KindWidenNetwork} {
		if !k[yes] {
			t.Errorf("a ghosted application lacks %s: %v", yes, keys(steps))
		}
	}
	r, _ := find(steps, KindReflect)
	if strings.Contains(r.Guidance, "nerves") {
		t.Errorf("reflection after an unanswered application asks about nerves: %q", r.Guidance)
	}
}

func TestScenarioCancelledRole(t *testing.T) {
	steps := Generate(adviceScenarios()["cancelled_role"])
	s, ok := find(steps, "stay_in_touch:30d")
	if !ok || !strings.Contains(s.Guidance, "reopens") || strings.Contains(strings.Join(reasonDetails(s), " "), "chosen hire") {
		t.Fatalf("stay-in-touch for a cancelled role: %+v", s)
	}
	if _, ok := find(steps, KindInterviewPractice); ok {
		t.Error("interview practice for a cancelled role")
	}
	if r, _ := find(steps, KindRest); !strings.Contains(r.Guidance, "withdrew") {
		t.Errorf("rest guidance %q", r.Guidance)
	}
}

func TestScenarioOfferCompensation(t *testing.T) {
	steps := Generate(adviceScenarios()["offer_compensation"])
	if _, ok := find(steps, KindSalaryBenchmark); !ok {
		t.Fatalf("no salary benchmarking: %v", keys(steps))
	}
	if _, ok := find(steps, KindInterviewPractice); ok {
		t.Error("interview practice after an offer lost over pay")
	}
	if s, _ := find(steps, "stay_in_touch:30d"); !strings.Contains(s.Guidance, "budget") {
		t.Errorf("stay-in-touch wording %q", s.Guidance)
	}
}

func TestScenarioCultureFit(t *testing.T) {
	one := Generate(adviceScenarios()["culture_fit_one_way"])
	both := Generate(adviceScenarios()["culture_fit_both_ways"])
	for _, steps := range [][]Step{one, both} {
		if k := kindsOf(steps); k[KindContractInquiry] || k[KindStayInTouch] {
			t.Errorf("culture fit got a contract inquiry or 'still keen' check-ins: %v", keys(steps))
		}
	}
	if _, ok := find(one, KindResearchPractice); !ok {
		t.Errorf("one-way culture fit: research the culture: %v", keys(one))
	}
	if _, ok := find(one, KindKeepPerspective); !ok {
		t.Errorf("one-way culture fit: perspective: %v", keys(one))
	}
	if _, ok := find(both, KindExploreAdjacentRoles); !ok {
		t.Errorf("mutual misfit: explore other directions: %v", keys(both))
	}
	if _, ok := find(both, KindResearchPractice); ok {
		t.Errorf("mutual misfit is not a research problem: %v", keys(both))
	}
}

func TestScenarioCertificationGap(t *testing.T) {
	steps := Generate(adviceScenarios()["certification_gap"])
	q, ok := find(steps, KindObtainQualification)
	if !ok || q.Reasons[0].Field != "reason_text" || !strings.Contains(q.Guidance, "ACLS") {
		t.Fatalf("no step to obtain the certification: %v %+v", keys(steps), q)
	}
	if _, ok := find(steps, KindInterviewPractice); ok {
		t.Error("interview practice although the panel liked her and the reason is the certificate")
	}
	if _, ok := find(steps, KindReapplyLater); !ok {
		t.Error("no step to reapply once certified")
	}
	if _, ok := find(steps, KindContractInquiry); ok {
		t.Error("agency shifts need the certificate too")
	}
	if r, _ := find(steps, KindRequestFeedback); strings.Contains(r.Guidance, "what would have made you a stronger candidate") {
		t.Errorf("asks what would have made her stronger although the answer is known: %q", r.Guidance)
	}
	for _, s := range steps {
		if strings.HasPrefix(s.Key, KindSkillDevelopment) {
			t.Errorf("the certificate is a qualification to obtain, not a course: %s", s.Key)
		}
	}
}

func TestScenarioAssessment(t *testing.T) {
	steps := Generate(adviceScenarios()["assessment_failed"])
	a, ok := find(steps, KindAssessmentPractice)
	if !ok || len(a.Reasons) != 2 {
		t.Fatalf("timed-test practice: %v %+v", keys(steps), a.Reasons)
	}
	if _, ok := find(steps, KindInterviewPractice); ok {
		t.Error("interview practice for an assessment-stage rejection")
	}
}

func TestScenarioNearMiss(t *testing.T) {
	steps := Generate(adviceScenarios()["final_round_near_miss"])
	if _, ok := find(steps, KindInterviewPractice); ok {
		t.Error("interview practice although preparation, nerves and clarity were fine")
	}
	a, _ := find(steps, KindApplyNext)
	if !strings.Contains(a.Guidance, "The case presentation to the board") {
		t.Errorf("went_well is not carried into the next application: %q", a.Guidance)
	}
	for _, k := range []string{KindKeepPerspective, "stay_in_touch:30d", KindContractInquiry} {
		if _, ok := find(steps, k); !ok {
			t.Errorf("near miss lacks %s: %v", k, keys(steps))
		}
	}
}

func TestScenarioFeedback(t *testing.T) {
	summary := Generate(adviceScenarios()["summary_only_feedback"])
	for _, k := range []string{KindThankFeedback, KindReviewFeedback} {
		if _, ok := find(summary, k); !ok {
			t.Errorf("summary-only feedback lacks %s: %v", k, keys(summary))
		}
	}
	if _, ok := find(summary, KindRequestFeedback); ok {
		t.Error("asks for feedback after it arrived")
	}
	results := Generate(adviceScenarios()["results_gap_feedback"])
	if _, ok := find(results, KindQuantifyResults); !ok {
		t.Errorf("'little evidence of results' should become a CV step: %v", keys(results))
	}
	for _, s := range results {
		if strings.HasPrefix(s.Key, KindSkillDevelopment) {
			t.Errorf("'little evidence of results' became a course: %s", s.Key)
		}
	}
	// The same gap written in a summary, in another language, is read too.
	in := adviceScenarios()["summary_only_feedback"]
	in.Feedback[0].Summary = "Hemos echado en falta resultados concretos y cuantificables en su trayectoria."
	if _, ok := find(Generate(in), KindQuantifyResults); !ok {
		t.Error("a Spanish summary naming missing results gave no CV step")
	}
}

func TestFeedbackIsAskedOnce(t *testing.T) {
	for _, st := range []string{RequestDraft, RequestSent, RequestResponded, RequestDeclined, RequestExpired} {
		in := base()
		in.FeedbackRequests = FeedbackRequestState{Requests: []FeedbackRequestRef{{ID: "frq_1", Status: st}}}
		if _, ok := find(Generate(in), KindRequestFeedback); ok {
			t.Errorf("asked for feedback again with a %s request", st)
		}
	}
	in := base()
	in.FeedbackRequests = FeedbackRequestState{Requests: []FeedbackRequestRef{{ID: "frq_1", Status: RequestCancelled}}}
	if _, ok := find(Generate(in), KindRequestFeedback); !ok {
		t.Error("a cancelled draft is not a request: asking is still useful")
	}
	steps := Generate(adviceScenarios()["feedback_declined"])
	r, _ := find(steps, KindReflect)
	found := false
	for _, rs := range r.Reasons {
		found = found || (rs.Source == SourceFeedbackRequest && rs.Ref == "frq_1")
	}
	if !found {
		t.Errorf("the reflection does not say the request was declined: %+v", r.Reasons)
	}
}

func TestReasonTextIsReadInEveryLanguage(t *testing.T) {
	cases := []struct {
		text, category, stage string
		want                  string
	}{
		{"Falta la colegiación obligatoria para ejercer.", "other", StageInterview, KindObtainQualification},
		{"Leider fehlt Ihnen die Approbation.", "other", StageInterview, KindObtainQualification},
		{"Il vous manque la certification requise pour ce poste.", "other", StageInterview, KindObtainQualification},
		{"Ihre Gehaltsvorstellung lag deutlich über unserem Rahmen.", "other", StageOffer, KindSalaryBenchmark},
		{"Sus pretensiones salariales superan lo previsto.", "other", StageOffer, KindSalaryBenchmark},
		{"Vos prétentions salariales dépassent notre enveloppe.", "other", StageOffer, KindSalaryBenchmark},
		{"Le test de raisonnement numérique n'a pas été concluant.", "other", StageAssessment, KindAssessmentPractice},
		{"We would encourage you to reapply in the future.", "experience_gap", StageInterview, KindReapplyLater},
	}
	for _, c := range cases {
		in := base()
		in.Rejection.ReasonText, in.Rejection.ReasonCategory, in.Rejection.Stage = c.text, c.category, c.stage
		steps := Generate(in)
		if _, ok := find(steps, c.want); !ok {
			t.Errorf("%q: no %s step: %v", c.text, c.want, keys(steps))
		}
	}
	in := base()
	in.Rejection.ReasonText, in.Rejection.ReasonCategory = "Die Stelle wurde leider gestrichen.", "other"
	if s, _ := find(Generate(in), "stay_in_touch:30d"); !strings.Contains(s.Guidance, "reopens") {
		t.Errorf("a withdrawn role in German is not read: %q", s.Guidance)
	}
}

func TestContractWordingFollowsTheSector(t *testing.T) {
	in := base()
	in.Rejection.RoleTitle, in.Rejection.ReasonCategory = "Staff Nurse", "stronger_candidate"
	c, _ := find(Generate(in), KindContractInquiry)
	if !strings.Contains(c.Title, "locum, bank or agency") {
		t.Errorf("nursing contract wording %q", c.Title)
	}
	in.Rejection.RoleTitle, in.Locale = "Krankenpfleger", "de-AT"
	c, _ = find(Generate(in), KindContractInquiry)
	if !strings.Contains(c.Guidance, "Springerdienste") {
		t.Errorf("German nursing wording %q", c.Guidance)
	}
	in.Rejection.RoleTitle, in.Locale = "Backend Engineer", "en"
	c, _ = find(Generate(in), KindContractInquiry)
	if !strings.Contains(c.Title, "contract, freelance or project work") {
		t.Errorf("default wording %q", c.Title)
	}
}

func TestThankYousSkipAutomatedPortals(t *testing.T) {
	in := base()
	in.Rejection.Channel, in.Rejection.Contacts = "portal", nil
	if _, ok := find(Generate(in), KindThankContacts); ok {
		t.Error("a thank-you to an automated portal message")
	}
	in.Rejection.Contacts = []Contact{{ID: "ctc_1", Name: "Ana", Role: "recruiter"}}
	if _, ok := find(Generate(in), "thank_contacts:ctc_1"); !ok {
		t.Error("a contact met is thanked whatever the channel")
	}
}

func TestLateAndHistoricalRejections(t *testing.T) {
	// Recorded ten days late, not historical: the rest has passed, the thank-you is still worth
	// sending now, timeless work keeps its date and is marked lapsed, nothing is dated before.
	in := base()
	in.Rejection.ReceivedAt = day("2026-11-10").Add(9 * time.Hour)
	steps := Generate(in)
	if _, ok := find(steps, KindRest); ok {
		t.Error("a rest step for a rejection ten days old")
	}
	th, _ := find(steps, "thank_contacts:ctc_1")
	if !th.DueOn.Equal(in.StartsOn) || th.Lapsed || !th.Nudge {
		t.Errorf("thank-you ten days late: %v lapsed %v nudge %v", th.DueOn, th.Lapsed, th.Nudge)
	}
	rf, _ := find(steps, KindReflect)
	if !rf.Lapsed || rf.Nudge || !rf.DueOn.Before(in.StartsOn) {
		t.Errorf("reflection ten days late: %v lapsed %v nudge %v", rf.DueOn, rf.Lapsed, rf.Nudge)
	}
	for _, s := range steps {
		if s.DueOn.Before(in.StartsOn) && !s.Lapsed {
			t.Errorf("%s is dated before the plan was recorded without being lapsed", s.Key)
		}
	}
	// Eight weeks old and historical: no nudges, nothing overdue, no candidate-wide advice.
	steps = Generate(adviceScenarios()["old_rejection_recorded_late"])
	if len(steps) == 0 {
		t.Fatal("a historical rejection still gets a plan")
	}
	for _, s := range steps {
		ps := PlanStep{Step: s, Status: StatusPending}
		if s.Nudge || ps.Overdue(day("2027-06-01")) || IsCandidateWide(s.Key) {
			t.Errorf("historical step %s: nudge %v overdue %v", s.Key, s.Nudge, ps.Overdue(day("2027-06-01")))
		}
		if s.Kind == KindRest || s.Kind == KindThankContacts || s.Kind == KindApplyNext {
			t.Errorf("historical plan keeps the moment-bound step %s", s.Key)
		}
	}
}

func TestStepsAreTheSameInEveryLanguage(t *testing.T) {
	for name, in := range adviceScenarios() {
		want := Generate(in)
		for _, tag := range []string{"es-MX", "fr_CA", "de", "pt-BR"} {
			in.Locale = tag
			got := Generate(in)
			if len(got) != len(want) {
				t.Fatalf("%s %s: %d steps, want %d", name, tag, len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.Key != w.Key || g.Kind != w.Kind || !g.DueOn.Equal(w.DueOn) || g.Optional != w.Optional || g.Nudge != w.Nudge || g.Lapsed != w.Lapsed || len(g.Reasons) != len(w.Reasons) {
					t.Errorf("%s %s: step %d differs beyond wording: %s vs %s", name, tag, i, g.Key, w.Key)
				}
				if tag != "pt-BR" && g.Title == w.Title && !strings.Contains(w.Title, w.Key) {
					t.Errorf("%s %s: %s title not translated: %q", name, tag, g.Key, g.Title)
				}
			}
		}
	}
}

func reasonDetails(s Step) []string {
	var out []string
	for _, r := range s.Reasons {
		out = append(out, r.Detail)
	}
	return out
}
