package recovery

import (
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var (
	propStages     = StageOrder
	propChannels   = []string{"email", "phone", "portal", "in_person", "no_response"}
	propCategories = []string{"position_filled", "stronger_candidate", "internal_candidate", "skills_gap", "experience_gap", "culture_fit", "compensation", "location", "role_cancelled", "no_reason_given", "other"}
	propTexts      = []string{"", "", "The role requires a current nursing licence.", "Your salary expectations were above our budget for the role.",
		"The position was cancelled.", "We saw little evidence of measurable results.", "The panel liked you a lot.", "Sus pretensiones salariales superan el presupuesto del puesto.",
		"Il vous manque la certification requise.", "Die Stelle wurde gestrichen.", "You did not pass the numerical test.", "We encourage you to reapply in the future."}
	propFbCats  = []string{"skills", "experience", "interview_performance", "communication", "preparation", "culture_fit", "technical_depth", "motivation", "compensation", "other"}
	propPols    = []string{"strength", "improvement", "neutral"}
	propGaps    = []string{"SQL", "System design", "Public speaking", "Kubernetes", "Negotiation", "little evidence of results", "ACLS certification", "Stakeholder management"}
	propLocales = []string{"", "en", "es-MX", "fr", "de-AT", "it"}
)

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.Intn(len(xs))] }

// randomInput draws a plan input from the whole space the rules read.
func randomInput(rng *rand.Rand, big bool) PlanInput {
	received := day("2026-11-20").AddDate(0, 0, -rng.Intn(70)).Add(time.Duration(rng.Intn(24)) * time.Hour)
	in := PlanInput{StartsOn: day("2026-11-20"), Location: time.UTC, Locale: pick(rng, propLocales), Historical: rng.Intn(6) == 0,
		Rejection: Rejection{ID: "rej_x", Company: pick(rng, []string{"", "Northwind", "St Mary's Hospital"}), RoleTitle: pick(rng, []string{"", "Staff Nurse", "Data Analyst", "Teacher"}),
			Stage: pick(rng, propStages), Channel: pick(rng, propChannels), ReasonCategory: pick(rng, propCategories), ReasonText: pick(rng, propTexts),
			ReceivedAt: received, EmotionalImpact: rng.Intn(6)}}
	n := func(small, large int) int {
		if big {
			return rng.Intn(large + 1)
		}
		return rng.Intn(small + 1)
	}
	for i := range n(3, 20) {
		in.Rejection.Contacts = append(in.Rejection.Contacts, Contact{ID: fmt.Sprintf("ctc_%d", i), Name: pick(rng, []string{"", "Priya", "Sam Lee"}), Role: pick(rng, []string{"recruiter", "interviewer", "hr"})})
	}
	for i := range n(3, 100) {
		fb := Feedback{ID: fmt.Sprintf("fb_%03d", i), Source: pick(rng, []string{"employer", "recruiter", "coach"}), ReceivedAt: received.AddDate(0, 0, rng.Intn(20))}
		for range n(3, 30) {
			fb.Items = append(fb.Items, FeedbackItem{Category: pick(rng, propFbCats), Polarity: pick(rng, propPols), Detail: pick(rng, propGaps) + pick(rng, []string{"", " depth", " " + strings.Repeat("x", rng.Intn(300))})})
		}
		if rng.Intn(3) == 0 {
			fb.Summary = pick(rng, propTexts)
		}
		in.Feedback = append(in.Feedback, fb)
	}
	sort.SliceStable(in.Feedback, func(i, j int) bool { return in.Feedback[i].ReceivedAt.Before(in.Feedback[j].ReceivedAt) })
	for i := range n(2, 20) {
		r := Reflection{ID: fmt.Sprintf("rfl_%02d", i), CreatedAt: received.AddDate(0, 0, i+1), Mood: ip(rng.Intn(5) + 1), Nerves: ip(rng.Intn(5) + 1),
			Preparation: ip(rng.Intn(5) + 1), AnswerClarity: ip(rng.Intn(5) + 1), CompanyResearch: ip(rng.Intn(5) + 1), RoleFit: bp(rng.Intn(2) == 0),
			WentWell: pick(rng, []string{"", "The live coding"}), DoDifferently: pick(rng, []string{"", "Prepare more research", "Calm my nerves", "Quantify my results"})}
		for range n(2, 20) {
			r.SkillGaps = append(r.SkillGaps, pick(rng, propGaps)+fmt.Sprint(rng.Intn(40)))
		}
		in.Reflections = append(in.Reflections, r)
	}
	for i := range n(5, 200) {
		in.History = append(in.History, PastRejection{ID: fmt.Sprintf("rej_h%03d", i), Stage: pick(rng, propStages), RoleTitle: pick(rng, []string{"Data Analyst", "Analyst", "Nurse"}), ReceivedAt: received.AddDate(0, 0, -rng.Intn(400))})
	}
	for i := range n(2, 10) {
		sp := SiblingPlan{PlanID: fmt.Sprintf("pln_%d", i), RejectionID: fmt.Sprintf("rej_s%d", i), ReceivedAt: received.AddDate(0, 0, rng.Intn(40)-20), Historical: rng.Intn(5) == 0}
		for _, k := range []string{KindApplyNext, KindInterviewPractice, KindEngageRecruiter, "skill_development:sql", KindReflect} {
			if rng.Intn(2) == 0 {
				sp.Steps = append(sp.Steps, SiblingStep{ID: "st_" + k, Key: k, Status: pick(rng, []string{StatusPending, StatusPending, StatusDone, StatusInProgress})})
			}
		}
		in.Siblings = append(in.Siblings, sp)
	}
	return in
}

func TestPropertyGenerateIsDeterministic(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	for i := range 300 {
		in := randomInput(rng, i%10 == 0)
		want := Generate(in)
		if !reflect.DeepEqual(want, Generate(in)) {
			t.Fatalf("case %d: two generations differ", i)
		}
		// The order of history and sibling plans does not matter.
		rng.Shuffle(len(in.History), func(a, b int) { in.History[a], in.History[b] = in.History[b], in.History[a] })
		rng.Shuffle(len(in.Siblings), func(a, b int) { in.Siblings[a], in.Siblings[b] = in.Siblings[b], in.Siblings[a] })
		if got := Generate(in); !reflect.DeepEqual(want, got) {
			t.Fatalf("case %d: history or sibling order changed the plan", i)
		}
	}
}

// checkCaps fails when a plan breaks a bound of issue 8.
func checkCaps(t *testing.T, name string, steps []Step) {
	t.Helper()
	if len(steps) > MaxPlanSteps {
		t.Fatalf("%s: %d steps, more than %d", name, len(steps), MaxPlanSteps)
	}
	gaps, thanks := 0, 0
	seen := map[string]bool{}
	for _, s := range steps {
		if seen[s.Key] {
			t.Fatalf("%s: key %s twice", name, s.Key)
		}
		seen[s.Key] = true
		if s.Kind == KindObtainQualification || (s.Kind == KindSkillDevelopment && s.Key != "skill_development:more") {
			gaps++
		}
		if s.Kind == KindThankContacts {
			thanks++
		}
		if len(s.Reasons) > MaxReasons || len(s.Reasons) == 0 {
			t.Fatalf("%s: %s has %d reasons", name, s.Key, len(s.Reasons))
		}
		if utf8.RuneCountInString(s.Title) > MaxTitleLength || utf8.RuneCountInString(s.Guidance) > MaxGuidanceLength {
			t.Fatalf("%s: %s text too long", name, s.Key)
		}
		for _, r := range s.Reasons {
			if utf8.RuneCountInString(r.Detail) > MaxReasonDetailLength || r.Detail == "" || r.Field == "" || r.Source == "" {
				t.Fatalf("%s: %s reason %+v", name, s.Key, r)
			}
		}
		if s.DueOn.Hour() != 0 {
			t.Fatalf("%s: %s due %v is not a date", name, s.Key, s.DueOn)
		}
	}
	if gaps > MaxSkillSteps || thanks > MaxThankContactSteps+1 {
		t.Fatalf("%s: %d gap steps, %d thank-you steps", name, gaps, thanks)
	}
}

func TestPropertyCapsHold(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for i := range 200 {
		checkCaps(t, fmt.Sprint("case ", i), Generate(randomInput(rng, true)))
	}
}

// hundredFeedback: 100 feedback posts naming 30 different gaps (gap k in k+1 posts, so the
// most-cited are the last ones), as in issue 8.
func hundredFeedback(n int) PlanInput {
	in := finalRoundScenario()
	in.Feedback = nil
	for i := range n {
		var items []FeedbackItem
		for g := range 30 {
			if i%30 <= g {
				items = append(items, FeedbackItem{Category: "skills", Polarity: "improvement", Detail: fmt.Sprintf("Gap number %02d", g)})
			}
		}
		in.Feedback = append(in.Feedback, Feedback{ID: fmt.Sprintf("fb_%04d", i), Source: "interviewer", ReceivedAt: day("2026-11-22").AddDate(0, 0, i%20), Items: items[:min(len(items), 30)]})
	}
	return in
}

func TestHundredFeedbackNamingThirtyGapsStaysBounded(t *testing.T) {
	steps := Generate(hundredFeedback(100))
	checkCaps(t, "100 feedback", steps)
	var gapKeys []string
	for _, s := range steps {
		if s.Kind == KindSkillDevelopment {
			gapKeys = append(gapKeys, s.Key)
		}
	}
	if len(gapKeys) != MaxSkillSteps+1 {
		t.Fatalf("gap steps %v", gapKeys)
	}
	more, _ := find(steps, "skill_development:more")
	if !strings.Contains(more.Title, "25") || more.ReasonsOmitted == 0 {
		t.Fatalf("summary step %q omitted %d", more.Title, more.ReasonsOmitted)
	}
	top, ok := find(steps, "skill_development:gap-number-29")
	if !ok || top.ReasonsOmitted == 0 {
		t.Fatalf("the most-cited gap is not listed with a count of the reasons left out: %v", keys(steps))
	}
	// Merge of a 3,000-item input against its own plan changes nothing and stays small.
	plan, _ := Merge(nil, steps)
	if next, changes := Merge(plan, Generate(hundredFeedback(100))); len(changes) != 0 || len(next) != len(steps) {
		t.Fatalf("re-merge changed %d", len(changes))
	}
	// More input does not mean a bigger plan.
	if a, b := len(Generate(hundredFeedback(30))), len(Generate(hundredFeedback(300))); a != b || b != len(steps) {
		t.Fatalf("plan size grows with input: %d, %d, %d", a, len(steps), b)
	}
}

// candidate simulates the caller's protocol for one candidate's open plans (see docs/advice.md
// and sync): every plan is generated with all the others as siblings.
type candidate struct {
	t     *testing.T
	rejs  map[string]PlanInput // by rejection id, each with its own feedback and reflections
	plans map[string][]PlanStep
	order []string
	ids   int
}

func (c *candidate) input(id string) PlanInput {
	in := c.rejs[id]
	in.History, in.Siblings = nil, nil
	for _, other := range c.order {
		if other == id {
			continue
		}
		o := c.rejs[other]
		in.History = append(in.History, PastRejection{ID: other, Stage: o.Rejection.Stage, RoleTitle: o.Rejection.RoleTitle, ReceivedAt: o.Rejection.ReceivedAt})
		sp := SiblingPlan{PlanID: "pln_" + other, RejectionID: other, ReceivedAt: o.Rejection.ReceivedAt, Historical: o.Historical}
		for _, st := range c.plans[other] {
			sp.Steps = append(sp.Steps, SiblingStep{ID: st.ID, Key: st.Key, Status: st.Status})
		}
		in.Siblings = append(in.Siblings, sp)
	}
	return in
}

func (c *candidate) syncOne(id string) (changedWide bool) {
	before := CandidateWideKeys(c.plans[id])
	next, _ := Merge(c.plans[id], Generate(c.input(id)))
	for i := range next {
		if next[i].ID == "" {
			c.ids++
			next[i].ID = fmt.Sprintf("st_%05d", c.ids)
		}
	}
	c.plans[id] = next
	return !reflect.DeepEqual(before, CandidateWideKeys(next))
}

// sync is the caller's protocol after a change to one rejection's records: regenerate its
// plan; then, when its candidate-wide keys changed or the set of rejections changed (one was
// created or deleted, or its stage, role or received date edited: every sibling's history
// changed), regenerate every open plan of the candidate once, newest rejection first, the
// changed one included. Newest first converges in one pass: a plan's generation depends only on
// newer plans' steps and on worked-on steps, which a regeneration never changes.
func (c *candidate) sync(id string, rejectionsChanged bool) {
	if !c.syncOne(id) && !rejectionsChanged {
		return
	}
	all := append([]string(nil), c.order...)
	sort.Slice(all, func(i, j int) bool {
		a, b := c.rejs[all[i]].Rejection, c.rejs[all[j]].Rejection
		return newerThan(a.ReceivedAt, a.ID, b.ReceivedAt, b.ID)
	})
	for _, o := range all {
		c.syncOne(o)
	}
}

var dupHook func(*candidate, string)

func (c *candidate) checkNoDuplicates(step string) {
	c.t.Helper()
	holder := map[string]string{}
	for _, id := range c.order {
		for _, st := range c.plans[id] {
			if !IsCandidateWide(st.Key) {
				continue
			}
			if h, ok := holder[st.Key]; ok {
				if dupHook != nil {
					dupHook(c, step)
				}
				c.t.Fatalf("%s: %s is in the plans of %s and %s", step, st.Key, h, id)
			}
			holder[st.Key] = id
		}
	}
	var plans []AgendaPlan
	for _, id := range c.order {
		r := c.rejs[id]
		plans = append(plans, AgendaPlan{PlanID: "pln_" + id, RejectionID: id, Company: r.Rejection.Company, RoleTitle: r.Rejection.RoleTitle, ReceivedAt: r.Rejection.ReceivedAt, Historical: r.Historical, Steps: c.plans[id]})
	}
	seen := map[string]bool{}
	for _, it := range Agenda(AgendaInput{Today: day("2026-11-20"), Plans: plans}) {
		if IsCandidateWide(it.Key) && seen[it.Key] {
			c.t.Fatalf("%s: agenda lists %s twice", step, it.Key)
		}
		seen[it.Key] = true
	}
}

// TestPropertyNoDuplicateAdviceAcrossPlans records rejections one by one (some weeks old, some
// historical), adds feedback and reflections and works on steps at random, and after every
// protocol round checks that no candidate-wide advice sits in two open plans.
func TestPropertyNoDuplicateAdviceAcrossPlans(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for seq := range 60 {
		c := &candidate{t: t, rejs: map[string]PlanInput{}, plans: map[string][]PlanStep{}}
		for op := range 30 {
			switch k := rng.Intn(6); {
			case k <= 1 || len(c.order) == 0:
				in := randomInput(rng, false)
				id := fmt.Sprintf("rej_%02d", len(c.order))
				in.Rejection.ID = id
				in.History, in.Siblings = nil, nil
				c.rejs[id] = in
				c.order = append(c.order, id)
				c.sync(id, true)
			case k == 2:
				id := pick(rng, c.order)
				in := c.rejs[id]
				in.Reflections = append(in.Reflections, Reflection{ID: fmt.Sprintf("rfl_%d", op), CreatedAt: day("2026-11-21"), Mood: ip(rng.Intn(5) + 1), Nerves: ip(rng.Intn(5) + 1), SkillGaps: []string{pick(rng, propGaps)}})
				c.rejs[id] = in
				c.sync(id, false)
			case k == 3:
				id := pick(rng, c.order)
				in := c.rejs[id]
				in.Feedback = append(in.Feedback, Feedback{ID: fmt.Sprintf("fb_%d", op), ReceivedAt: day("2026-11-22"), Items: []FeedbackItem{{Category: pick(rng, propFbCats), Polarity: "improvement", Detail: pick(rng, propGaps)}}})
				c.rejs[id] = in
				c.sync(id, false)
			default:
				id := pick(rng, c.order)
				if steps := c.plans[id]; len(steps) > 0 {
					i := rng.Intn(len(steps))
					steps[i].Status = pick(rng, []string{StatusInProgress, StatusDone, StatusSkipped})
					c.sync(id, false)
				}
			}
			c.checkNoDuplicates(fmt.Sprintf("seq %d op %d", seq, op))
		}
	}
}

// TestFiveRejectionsRecordedAtOnce is the coach's case: five rejections entered on one day, two
// of them eight weeks old and historical. There is one rest step (for the one received today),
// one next-application step, and a first week the candidate can manage.
func TestFiveRejectionsRecordedAtOnce(t *testing.T) {
	c := &candidate{t: t, rejs: map[string]PlanInput{}, plans: map[string][]PlanStep{}}
	ages := []int{56, 56, 12, 4, 0}
	for i, age := range ages {
		in := base()
		in.Rejection.ID = fmt.Sprintf("rej_%d", i)
		in.Rejection.Company = fmt.Sprintf("Company %d", i)
		in.Rejection.Stage = pick(rand.New(rand.NewSource(int64(i))), []string{StageApplication, StageInterview, StageScreening})
		in.Rejection.ReceivedAt = day("2026-11-20").AddDate(0, 0, -age).Add(9 * time.Hour)
		in.Historical = age > 30
		c.rejs[in.Rejection.ID] = in
		c.order = append(c.order, in.Rejection.ID)
		c.sync(in.Rejection.ID, true)
	}
	c.checkNoDuplicates("five at once")
	rests, applies, firstWeek := 0, 0, 0
	for _, id := range c.order {
		for _, s := range c.plans[id] {
			if s.Kind == KindRest {
				rests++
			}
			if s.Kind == KindApplyNext {
				applies++
			}
			if s.Nudge && !s.DueOn.Before(day("2026-11-20")) && s.DueOn.Before(day("2026-11-27")) {
				firstWeek++
			}
		}
	}
	if rests != 1 || applies != 1 || firstWeek > 15 {
		t.Fatalf("rest steps %d (want only today's), apply_next %d, nudged steps in the first week %d", rests, applies, firstWeek)
	}
	t.Logf("nudged steps due in the first week across five plans: %d", firstWeek)
}
