package recovery

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// rule produces the steps of one family from the facts. Each rule is small and tested alone;
// docs/advice.md lists the seed advice each one implements.
type rule func(f *facts) []Step

// rules is the plan's rule table, one entry per family.
var rules = []rule{
	ruleRest, ruleTalkToSomeone, ruleThankContacts, ruleThankFeedback, ruleStatusFollowUp, ruleRequestFeedback,
	ruleReflect, ruleReviewFeedback, ruleKeepPerspective, ruleInterviewPractice, ruleAssessmentPractice,
	ruleGaps, ruleQuantifyResults, ruleResearchPractice, ruleResumeRefresh, ruleSalaryBenchmark, ruleApplyNext,
	ruleWidenNetwork, ruleContractInquiry, ruleEngageRecruiter, ruleExploreAdjacentRoles, ruleStayInTouch,
	ruleReapplyLater,
}

// facts are the derived values several rules share.
type facts struct {
	in       PlanInput
	lang     string
	rej      Rejection
	anchor   time.Time // the day the rejection was received
	recorded time.Time // the day the plan was recorded (StartsOn), never before anchor
	depth    int       // index of the stage in StageOrder
	care     int       // 0, or 1 (impact 4 or mood 2), or 2 (impact 5 or mood 1)
	restDays int
	careWhy  []Reason
	lowMood  *Reflection // the latest reflection when its mood is 1 or 2
	latest   *Reflection // the newest reflection, if any
	themes   textThemes  // what reason_text reveals
	ghosted  bool
	misfit   *Reflection // the newest reflection saying the role did not fit the candidate
	heldKeys map[string]bool
	read     map[string]textThemes // themesOf, memoised for this generation
	gaps     []gapMention          // gapMentions(""), computed once
	gapsDone bool
}

// th is themesOf, memoised: several rules read the same feedback and reflections.
func (f *facts) th(text string) textThemes {
	if t, ok := f.read[text]; ok {
		return t
	}
	t := themesOf(text)
	f.read[text] = t
	return t
}

func stageDepth(stage string) int {
	for i, s := range StageOrder {
		if s == stage {
			return i
		}
	}
	return 0
}

func newFacts(in PlanInput) *facts {
	if in.Location == nil {
		in.Location = time.UTC
	}
	in = boundInput(in)
	f := &facts{in: in, lang: resolveLang(in.Locale), rej: in.Rejection, depth: stageDepth(in.Rejection.Stage), restDays: 1, read: map[string]textThemes{}}
	f.anchor = PlanAnchor(in)
	f.recorded = f.anchor
	if !in.StartsOn.IsZero() {
		f.recorded = later(dateIn(in.StartsOn, in.Location), f.anchor)
	}
	if n := len(in.Reflections); n > 0 {
		f.latest = &in.Reflections[n-1]
	}
	for i := len(in.Reflections) - 1; i >= 0; i-- {
		if r := &in.Reflections[i]; r.RoleFit != nil && !*r.RoleFit {
			f.misfit = r
			break
		}
	}
	f.themes = f.th(in.Rejection.ReasonText)
	f.ghosted = in.Rejection.Channel == "no_response"
	impact := in.Rejection.EmotionalImpact
	mood := 0
	if f.latest != nil && f.latest.Mood != nil {
		mood = *f.latest.Mood
	}
	switch {
	case impact == 5 || mood == 1:
		f.care = 2
	case impact == 4 || mood == 2:
		f.care = 1
	}
	f.restDays = 1 + f.care
	if impact >= 4 {
		f.careWhy = append(f.careWhy, f.rr("emotional_impact", "reason.care.impact", "n", impact))
	}
	if mood > 0 && mood <= 2 {
		f.lowMood = f.latest
		f.careWhy = append(f.careWhy, Reason{SourceReflection, f.latest.ID, "answers.mood", tr(f.lang, "reason.care.mood", "n", mood)})
	}
	f.computeHeld()
	return f
}

// rr is a reason pointing at a field of the rejection.
func (f *facts) rr(field, key string, pairs ...any) Reason {
	return Reason{SourceRejection, f.rej.ID, field, tr(f.lang, key, pairs...)}
}

func (f *facts) afterRest(days int) time.Time { return addDays(f.anchor, f.restDays+days) }

// t is tr in the plan's language.
func (f *facts) t(key string, pairs ...any) string { return tr(f.lang, key, pairs...) }

// tc is t for a text naming the company: without a company name it uses the key's ".anon"
// variant, so no language has to build a sentence around a placeholder phrase.
func (f *facts) tc(key string, pairs ...any) string {
	if c := strings.TrimSpace(f.rej.Company); c != "" {
		return tr(f.lang, key, append([]any{"company", clip(c)}, pairs...)...)
	}
	return tr(f.lang, key+".anon", pairs...)
}

// quote wraps text taken from a record in the language's quotation marks, shortened.
func (f *facts) quote(s string) string { return f.t("quote", "text", clip(s)) }

func (f *facts) cancelled() bool {
	return f.rej.ReasonCategory == "role_cancelled" || f.themes[themeCancelled]
}

func (f *facts) compensation() bool {
	return f.rej.ReasonCategory == "compensation" || f.themes[themeCompensation]
}

// cultureFit: the employer said the candidate did not fit the team or its culture.
func (f *facts) cultureFit() bool {
	return f.rej.ReasonCategory == "culture_fit" || f.themes[themeCulture]
}

// mutualMisfit: the employer named culture fit and the candidate felt the role did not fit
// either; nobody lost anything worth chasing.
func (f *facts) mutualMisfit() bool { return f.cultureFit() && f.misfit != nil }

// knownReason: the employer said why, specifically enough that "what would have made me
// stronger?" is already answered.
func (f *facts) knownReason() bool {
	switch f.rej.ReasonCategory {
	case "skills_gap", "experience_gap", "compensation", "location", "culture_fit", "role_cancelled":
		return true
	}
	for _, th := range []string{themeQualification, themeCompensation, themeResults, themeExperience, themeSkills, themeCulture, themeCancelled} {
		if f.themes[th] {
			return true
		}
	}
	return false
}

// qualificationGap: the reason text, or a gap in the feedback or reflection, names a missing
// certification, licence or registration.
func (f *facts) qualificationGap() bool {
	return len(f.gapMentions(themeQualification)) > 0
}

// reasonTextReason points at reason_text with the quoted text.
func (f *facts) reasonTextReason(key string) Reason {
	return f.rr("reason_text", key, "quote", f.quote(f.rej.ReasonText))
}

// evidence is a reason with the date of the record behind it, so a step it causes is dated no
// earlier than the record.
type evidence struct {
	reason Reason
	at     time.Time
}

func reasonsOf(ev []evidence) []Reason {
	out := make([]Reason, 0, len(ev))
	for _, e := range ev {
		out = append(out, e.reason)
	}
	return out
}

// dueAfter is the later of base and a few days after the newest evidence.
func (f *facts) dueAfter(base time.Time, ev []evidence, days int) time.Time {
	due := base
	for _, e := range ev {
		if !e.at.IsZero() {
			due = later(due, addDays(dateIn(e.at, f.in.Location), days))
		}
	}
	return due
}

// ruleRest: time to absorb the blow comes first, longer when it hit hard.
func ruleRest(f *facts) []Step {
	guidance := f.t("rest.guidance")
	switch {
	case f.care > 0:
		guidance = trn(f.lang, "rest.guidance.care", f.restDays)
	case f.cancelled():
		guidance = f.t("rest.guidance.cancelled")
	case f.ghosted:
		guidance = f.t("rest.guidance.ghosted")
	}
	reasons := append([]Reason{f.rr("received_at", "reason.rest")}, f.careWhy...)
	return []Step{{Key: KindRest, Kind: KindRest, Title: trn(f.lang, "rest.title", f.restDays), Guidance: guidance, DueOn: f.anchor, Reasons: reasons}}
}

// ruleTalkToSomeone: a very low mood or a heavy blow is a reason to talk to someone.
func ruleTalkToSomeone(f *facts) []Step {
	if f.care == 0 {
		return nil
	}
	due := f.anchor
	if f.lowMood != nil {
		due = later(due, dateIn(f.lowMood.CreatedAt, f.in.Location))
	}
	return []Step{{Key: KindTalkToSomeone, Kind: KindTalkToSomeone, Title: f.t("support.title"), Guidance: f.t("support.guidance"), DueOn: due, Reasons: append([]Reason(nil), f.careWhy...)}}
}

// ruleThankContacts: thank each person met, briefly and courteously — but not an automated
// portal message, and nobody after a silence.
func ruleThankContacts(f *facts) []Step {
	r := f.rej
	due := f.afterRest(0)
	if f.ghosted {
		return nil
	}
	if len(r.Contacts) == 0 {
		if r.Channel == "portal" {
			return nil
		}
		return []Step{{Key: KindThankContacts, Kind: KindThankContacts, Title: f.tc("thank.reply.title"), Guidance: f.t("thank.reply.guidance"),
			DueOn: due, Reasons: []Reason{f.rr("channel", "reason.thank.reply", "channel", label(f.lang, "channel", r.Channel))}}}
	}
	var out []Step
	var others []Reason
	for i, c := range r.Contacts {
		name := clip(strings.TrimSpace(c.Name))
		reason := f.rr(fmt.Sprintf("contacts[%d]", i), "reason.thank.contact", "name", name, "contact_role", label(f.lang, "contact_role", c.Role))
		if name == "" {
			reason = f.rr(fmt.Sprintf("contacts[%d]", i), "reason.thank.contact.anon", "contact_role", label(f.lang, "contact_role", c.Role))
		}
		if i >= MaxThankContactSteps {
			others = append(others, reason)
			continue
		}
		title, guidance := f.t("thank.contact.title", "name", name), f.t("thank.contact.guidance", "name", name)
		if name == "" {
			title, guidance = f.t("thank.contact.title.anon"), f.t("thank.contact.guidance.anon")
		}
		out = append(out, Step{Key: KindThankContacts + ":" + c.ID, Kind: KindThankContacts, Title: title, Guidance: guidance, DueOn: due, Reasons: []Reason{reason}})
	}
	if len(others) > 0 {
		out = append(out, Step{Key: KindThankContacts + ":others", Kind: KindThankContacts, Title: trn(f.lang, "thank.others.title", len(others)),
			Guidance: f.t("thank.others.guidance"), DueOn: due, Reasons: others})
	}
	return out
}

// ruleThankFeedback: whoever took the time to give feedback gets a short thank-you.
func ruleThankFeedback(f *facts) []Step {
	if len(f.in.Feedback) == 0 {
		return nil
	}
	var ev []evidence
	var sources []string
	seen := map[string]bool{}
	for i := len(f.in.Feedback) - 1; i >= 0; i-- { // newest first
		fb := f.in.Feedback[i]
		src := fb.Source
		if src == "" {
			src = "employer"
		}
		ev = append(ev, evidence{Reason{SourceFeedback, fb.ID, "source", f.t("reason.thank_feedback", "source", label(f.lang, "source", src))}, fb.ReceivedAt})
		if !seen[src] {
			seen[src] = true
			sources = append(sources, label(f.lang, "source_object", src))
		}
	}
	sort.Strings(sources)
	return []Step{{Key: KindThankFeedback, Kind: KindThankFeedback, Title: f.t("thank_feedback.title"),
		Guidance: f.t("thank_feedback.guidance", "who", joinList(f.lang, sources)), DueOn: f.dueAfter(f.afterRest(0), ev, 1), Reasons: reasonsOf(ev)}}
}

// ruleStatusFollowUp: after a silence, one polite question about where things stand, then move on.
func ruleStatusFollowUp(f *facts) []Step {
	if !f.ghosted || len(f.in.Feedback) > 0 {
		return nil
	}
	return []Step{{Key: KindStatusFollowUp, Kind: KindStatusFollowUp, Title: f.tc("follow_up.title"), Guidance: f.t("follow_up.guidance"),
		DueOn: f.afterRest(0), Reasons: []Reason{f.rr("channel", "reason.follow_up")}}}
}

// ruleRequestFeedback: ask for feedback once per rejection — not when it arrived, not when a
// request exists in any state (pending, answered, declined, expired), not after a silence.
func ruleRequestFeedback(f *facts) []Step {
	if f.ghosted || len(f.in.Feedback) > 0 || f.in.FeedbackRequests.requested() {
		return nil
	}
	if f.cancelled() && f.depth < stageDepth(StagePhoneScreen) {
		return nil
	}
	reasons := []Reason{f.rr("feedback", "reason.request")}
	guidance := f.t("request.guidance")
	switch {
	case f.cancelled():
		guidance = f.t("request.guidance.cancelled")
	case f.knownReason():
		guidance = f.t("request.guidance.known")
		if strings.TrimSpace(f.rej.ReasonText) != "" {
			reasons = append(reasons, f.reasonTextReason("reason.request.known"))
		} else {
			reasons = append(reasons, f.rr("reason_category", "reason.request.known_category", "category", label(f.lang, "reason_category", f.rej.ReasonCategory)))
		}
	case f.rej.Channel == "portal" && len(f.rej.Contacts) == 0:
		guidance = f.t("request.guidance.portal")
	}
	return []Step{{Key: KindRequestFeedback, Kind: KindRequestFeedback, Title: f.tc("request.title"), Guidance: guidance, DueOn: f.afterRest(0), Reasons: reasons}}
}

// stageGroup names the part of the funnel a rejection stopped in, for wording.
func stageGroup(stage string) string {
	switch stage {
	case StageApplication, StageScreening:
		return "early"
	case StagePhoneScreen:
		return "phone"
	case StageAssessment:
		return "assessment"
	case StageOffer:
		return "offer"
	}
	return "interview"
}

// ruleReflect: an honest look back, shaped by how far the process went; a second, calmer look
// once a reflection exists, built on what the candidate wrote.
func ruleReflect(f *facts) []Step {
	reasons := []Reason{f.rr("stage", "reason.reflect.stage", "stage", label(f.lang, "stage", f.rej.Stage))}
	for _, rq := range f.in.FeedbackRequests.closedWithout() {
		reasons = append(reasons, Reason{SourceFeedbackRequest, rq.ID, "status", f.t("reason.reflect.request_" + rq.Status)})
	}
	if len(f.in.Reflections) == 0 {
		group := stageGroup(f.rej.Stage)
		if f.ghosted && f.depth < stageDepth(StageInterview) {
			group = "ghosted"
		}
		guidance := f.t("reflect.guidance." + group)
		if f.knownReason() && !f.cancelled() {
			guidance = f.t("reflect.known")
			reasons = append(reasons, f.rr("reason_category", "reason.reflect.known"))
		}
		return []Step{{Key: KindReflect, Kind: KindReflect, Title: f.t("reflect.title"), Guidance: guidance, DueOn: f.afterRest(0), Reasons: reasons}}
	}
	first, last := f.in.Reflections[0], f.in.Reflections[len(f.in.Reflections)-1]
	reasons = append(reasons, Reason{SourceReflection, first.ID, "created_at", f.t("reason.reflect.revisit")})
	guidance := f.t("reflect.revisit.guidance")
	var ev []evidence
	for _, r := range f.in.Reflections {
		ev = append(ev, evidence{at: r.CreatedAt})
	}
	if d := strings.TrimSpace(last.DoDifferently); d != "" {
		guidance = f.t("reflect.revisit.do_differently", "quote", f.quote(d))
		reasons = append(reasons, Reason{SourceReflection, last.ID, "answers.do_differently", f.t("reason.reflect.do_differently", "quote", f.quote(d))})
	}
	if w := strings.TrimSpace(last.WentWell); w != "" {
		guidance += " " + f.t("reflect.revisit.went_well", "quote", f.quote(w))
		reasons = append(reasons, Reason{SourceReflection, last.ID, "answers.went_well", f.t("reason.reflect.went_well")})
	}
	return []Step{{Key: KindReflect, Kind: KindReflect, Title: f.t("reflect.revisit.title"), Guidance: guidance, DueOn: f.dueAfter(f.afterRest(6), ev, 5), Reasons: reasons}}
}

// ruleReviewFeedback: feedback given as a summary, or as points no other step takes up, still
// becomes one or two goals.
func ruleReviewFeedback(f *facts) []Step {
	var ev []evidence
	for _, fb := range f.in.Feedback {
		if strings.TrimSpace(fb.Summary) != "" {
			ev = append(ev, evidence{Reason{SourceFeedback, fb.ID, "summary", f.t("reason.review.summary", "quote", f.quote(fb.Summary))}, fb.ReceivedAt})
		}
		for i, it := range fb.Items {
			if it.Polarity == "improvement" && (it.Category == "other" || it.Category == "") && len(f.th(it.Detail)) == 0 {
				ev = append(ev, evidence{Reason{SourceFeedback, fb.ID, fmt.Sprintf("items[%d].detail", i), f.t("reason.review.item", "quote", f.quote(it.Detail))}, fb.ReceivedAt})
			}
		}
	}
	if len(ev) == 0 {
		return nil
	}
	return []Step{{Key: KindReviewFeedback, Kind: KindReviewFeedback, Title: f.t("review.title"), Guidance: f.t("review.guidance"),
		DueOn: f.dueAfter(f.afterRest(1), ev, 2), Reasons: reasonsOf(reasonsOfSorted(ev))}}
}

// reasonsOfSorted orders evidence newest first (ties by ref and field) and returns its reasons.
func reasonsOfSorted(ev []evidence) []evidence {
	sort.SliceStable(ev, func(i, j int) bool {
		if !ev[i].at.Equal(ev[j].at) {
			return ev[i].at.After(ev[j].at)
		}
		if ev[i].reason.Ref != ev[j].reason.Ref {
			return ev[i].reason.Ref < ev[j].reason.Ref
		}
		return ev[i].reason.Field < ev[j].reason.Field
	})
	return ev
}

// recentHistory is the candidate's other rejections within days before this one, oldest first.
func (f *facts) recentHistory(days int, keep func(PastRejection) bool) []PastRejection {
	var out []PastRejection
	for _, h := range f.in.History {
		if h.ID != f.rej.ID && within(h.ReceivedAt, f.rej.ReceivedAt, days) && (keep == nil || keep(h)) {
			out = append(out, h)
		}
	}
	sortHistory(out)
	return out
}

// ruleKeepPerspective: a few rejections before an offer are normal; a close call or a poor fit
// says little against the candidate.
func ruleKeepPerspective(f *facts) []Step {
	year := f.recentHistory(365, nil)
	var reasons []Reason
	guidance := ""
	if n := len(year) + 1; n >= 3 {
		guidance = trn(f.lang, "perspective.guidance.volume", n)
		reasons = append(reasons, f.rr("received_at", "reason.perspective.volume", "n", n))
		for _, h := range year {
			reasons = append(reasons, Reason{SourceHistory, h.ID, "received_at", f.t("reason.perspective.history")})
		}
	}
	if (f.rej.Stage == StageFinalRound || f.rej.Stage == StageOffer) && closeCallReasons[f.rej.ReasonCategory] {
		if guidance == "" {
			guidance = f.t("perspective.guidance.close")
		}
		reasons = append([]Reason{f.rr("stage", "reason.perspective.close", "stage", label(f.lang, "stage", f.rej.Stage))}, reasons...)
	} else if f.cultureFit() && !f.mutualMisfit() {
		if guidance == "" {
			guidance = f.t("perspective.guidance.culture")
		}
		reasons = append([]Reason{f.rr("reason_category", "reason.perspective.culture")}, reasons...)
	}
	if guidance == "" {
		return nil
	}
	return []Step{{Key: KindKeepPerspective, Kind: KindKeepPerspective, Title: f.t("perspective.title"), Guidance: guidance, DueOn: f.afterRest(1), Reasons: reasons}}
}

// interviewCategories are feedback categories that point at interviewing itself, with the cause
// each adds to the practice step's guidance.
var interviewCategories = map[string]string{"interview_performance": "answers", "communication": "clarity", "preparation": "preparation", "motivation": "motivation"}

// interviewWentWell: the reflection, the reason text or the feedback say the interviews went
// well, so the stage alone is no reason to practise.
func (f *facts) interviewWentWell() bool {
	if f.themes[themePositive] {
		return true
	}
	if r := f.latest; r != nil {
		good, bad := 0, 0
		for _, v := range []struct {
			p       *int
			goodMin int
			invert  bool
		}{{r.Preparation, 4, false}, {r.AnswerClarity, 4, false}, {r.Nerves, 2, true}} {
			if v.p == nil {
				continue
			}
			if (!v.invert && *v.p >= v.goodMin) || (v.invert && *v.p <= v.goodMin) {
				good++
			} else {
				bad++
			}
		}
		if good >= 2 && bad == 0 {
			return true
		}
	}
	praised := false
	for _, fb := range f.in.Feedback {
		for _, it := range fb.Items {
			if _, ok := interviewCategories[it.Category]; ok {
				if it.Polarity == "improvement" {
					return false
				}
				praised = praised || it.Polarity == "strength"
			}
		}
	}
	return praised
}

// ruleInterviewPractice: practise with someone when evidence points at interviewing, or when the
// process reached interviews and nothing says they went well or that the reason lay elsewhere.
func ruleInterviewPractice(f *facts) []Step {
	var ev []evidence
	causes := map[string]bool{}
	add := func(cause string, e evidence) { causes[cause] = true; ev = append(ev, e) }
	for _, fb := range f.in.Feedback {
		for i, it := range fb.Items {
			if cause, ok := interviewCategories[it.Category]; ok && it.Polarity == "improvement" {
				if th := f.th(it.Detail); th[themeResults] || th[themeQualification] {
					continue // remedied on the CV or by the qualification, not by practice
				}
				add(cause, evidence{Reason{SourceFeedback, fb.ID, fmt.Sprintf("items[%d].category", i), f.t("reason.practice.feedback", "category", label(f.lang, "category", it.Category), "quote", f.quote(it.Detail))}, fb.ReceivedAt})
			}
		}
		if th := f.th(fb.Summary); th[themeInterview] || th[themeNerves] {
			add("answers", evidence{Reason{SourceFeedback, fb.ID, "summary", f.t("reason.practice.summary", "quote", f.quote(fb.Summary))}, fb.ReceivedAt})
		}
	}
	if (f.themes[themeInterview] || f.themes[themeNerves]) && !f.themes[themePositive] {
		add("answers", evidence{reason: f.reasonTextReason("reason.practice.reason_text")})
	}
	for _, r := range f.in.Reflections {
		at := r.CreatedAt
		if r.AnswerClarity != nil && *r.AnswerClarity <= 2 {
			add("clarity", evidence{Reason{SourceReflection, r.ID, "answers.answer_clarity", f.t("reason.practice.clarity")}, at})
		}
		if r.Nerves != nil && *r.Nerves >= 4 {
			add("nerves", evidence{Reason{SourceReflection, r.ID, "answers.nerves", f.t("reason.practice.nerves")}, at})
		}
		if r.Preparation != nil && *r.Preparation <= 2 {
			add("preparation", evidence{Reason{SourceReflection, r.ID, "answers.preparation", f.t("reason.practice.preparation")}, at})
		}
		if len(r.SurpriseQuestions) > 0 {
			add("surprise", evidence{Reason{SourceReflection, r.ID, "answers.surprise_questions", f.t("reason.practice.surprise", "quote", f.quote(strings.Join(r.SurpriseQuestions, "; ")))}, at})
		}
		if th := f.th(r.DoDifferently); th[themeInterview] || th[themeNerves] {
			cause := "answers"
			if th[themeNerves] {
				cause = "nerves"
			}
			add(cause, evidence{Reason{SourceReflection, r.ID, "answers.do_differently", f.t("reason.practice.do_differently", "quote", f.quote(r.DoDifferently))}, at})
		}
	}
	stageOnly := len(ev) == 0
	if stageOnly {
		blocked := f.cancelled() || f.compensation() || f.qualificationGap() || f.rej.ReasonCategory == "location" ||
			f.rej.Stage == StageOffer || f.mutualMisfit() || f.ghosted || f.interviewWentWell()
		if f.depth < stageDepth(StageInterview) || blocked {
			return nil
		}
		ev = append(ev, evidence{reason: f.rr("stage", "reason.practice.stage", "stage", label(f.lang, "stage", f.rej.Stage))})
	}
	guidance := f.t("practice.guidance")
	n := 0
	for _, c := range []string{"nerves", "clarity", "surprise", "preparation", "motivation", "answers"} {
		if causes[c] && n < 2 {
			guidance += " " + f.t("practice.cause."+c)
			n++
		}
	}
	return []Step{{Key: KindInterviewPractice, Kind: KindInterviewPractice, Title: f.t("practice.title"), Guidance: guidance,
		DueOn: f.dueAfter(f.afterRest(4), ev, 2), Reasons: reasonsOf(ev)}}
}

// ruleAssessmentPractice: a test or exercise that stopped the process calls for timed practice.
func ruleAssessmentPractice(f *facts) []Step {
	var ev []evidence
	if f.rej.Stage == StageAssessment {
		ev = append(ev, evidence{reason: f.rr("stage", "reason.assessment.stage")})
	}
	if f.themes[themeAssessment] {
		ev = append(ev, evidence{reason: f.reasonTextReason("reason.assessment.reason_text")})
	}
	for _, fb := range f.in.Feedback {
		for i, it := range fb.Items {
			if it.Polarity == "improvement" && f.th(it.Detail)[themeAssessment] {
				ev = append(ev, evidence{Reason{SourceFeedback, fb.ID, fmt.Sprintf("items[%d].detail", i), f.t("reason.assessment.feedback", "quote", f.quote(it.Detail))}, fb.ReceivedAt})
			}
		}
		if f.th(fb.Summary)[themeAssessment] {
			ev = append(ev, evidence{Reason{SourceFeedback, fb.ID, "summary", f.t("reason.assessment.feedback", "quote", f.quote(fb.Summary))}, fb.ReceivedAt})
		}
	}
	for _, r := range f.in.Reflections {
		if f.th(r.DoDifferently)[themeAssessment] {
			ev = append(ev, evidence{Reason{SourceReflection, r.ID, "answers.do_differently", f.t("reason.assessment.do_differently", "quote", f.quote(r.DoDifferently))}, r.CreatedAt})
		}
	}
	if len(ev) == 0 {
		return nil
	}
	return []Step{{Key: KindAssessmentPractice, Kind: KindAssessmentPractice, Title: f.t("assessment.title"), Guidance: f.t("assessment.guidance"),
		DueOn: f.dueAfter(f.afterRest(3), ev, 2), Reasons: reasonsOf(ev)}}
}

// skillCategories are feedback categories that name a learnable gap.
var skillCategories = map[string]bool{"skills": true, "technical_depth": true, "experience": true}

// Keys of the gap family that are not one gap.
const (
	skillMoreKey   = "more"   // skill_development:more summarises the gaps beyond MaxSkillSteps
	skillReasonKey = "reason" // skill_development:reason is the gap the reason text names
)

// gapMention is one record naming a gap, with the theme its wording reveals.
type gapMention struct {
	label    string // the gap as written
	category string // feedback category, "reflection", "reason" or "summary"
	theme    string // themeQualification, themeResults, or "" for a plain skill or experience gap
	ev       evidence
}

// gapMentions lists every mention of a gap in the reason text, feedback (items and summaries)
// and reflections (skill gaps and what the candidate would do differently); with a theme it keeps
// only mentions revealing it. Remedies follow the wording: a missing certificate is obtained, a
// lack of visible results is fixed on the CV, a skill is learned.
func (f *facts) gapMentions(theme string) []gapMention {
	if !f.gapsDone {
		f.gaps, f.gapsDone = f.allGapMentions(), true
	}
	if theme == "" {
		return f.gaps
	}
	var out []gapMention
	for _, m := range f.gaps {
		if m.theme == theme {
			out = append(out, m)
		}
	}
	return out
}

func (f *facts) allGapMentions() []gapMention {
	var out []gapMention
	keep := func(m gapMention) { out = append(out, m) }
	classify := func(text string) string {
		th := f.th(text)
		switch {
		case th[themeQualification]:
			return themeQualification
		case th[themeResults]:
			return themeResults
		}
		return ""
	}
	if rt := strings.TrimSpace(f.rej.ReasonText); rt != "" {
		if th := classify(rt); th != "" {
			keep(gapMention{rt, "reason", th, evidence{reason: f.reasonTextReason("reason.gap.reason_text")}})
		} else if f.rej.ReasonCategory == "skills_gap" || f.rej.ReasonCategory == "experience_gap" {
			keep(gapMention{rt, "reason", "", evidence{reason: f.reasonTextReason("reason.gap.reason_text")}})
		}
	}
	for _, fb := range f.in.Feedback {
		for i, it := range fb.Items {
			if it.Polarity != "improvement" {
				continue
			}
			th := classify(it.Detail)
			if !skillCategories[it.Category] && th == "" {
				continue
			}
			keep(gapMention{it.Detail, it.Category, th, evidence{Reason{SourceFeedback, fb.ID, fmt.Sprintf("items[%d].detail", i), f.t("reason.gap.feedback", "quote", f.quote(it.Detail))}, fb.ReceivedAt}})
		}
		if th := classify(fb.Summary); th != "" {
			keep(gapMention{fb.Summary, "summary", th, evidence{Reason{SourceFeedback, fb.ID, "summary", f.t("reason.gap.summary", "quote", f.quote(fb.Summary))}, fb.ReceivedAt}})
		}
	}
	for _, r := range f.in.Reflections {
		for i, g := range r.SkillGaps {
			keep(gapMention{g, "reflection", classify(g), evidence{Reason{SourceReflection, r.ID, fmt.Sprintf("answers.skill_gaps[%d]", i), f.t("reason.gap.reflection", "quote", f.quote(g))}, r.CreatedAt}})
		}
		if th := classify(r.DoDifferently); th != "" {
			keep(gapMention{r.DoDifferently, "do_differently", th, evidence{Reason{SourceReflection, r.ID, "answers.do_differently", f.t("reason.gap.do_differently", "quote", f.quote(r.DoDifferently))}, r.CreatedAt}})
		}
	}
	return out
}

// ruleGaps: one step per distinct gap — a learning step per skill, one step to obtain a missing
// qualification — at most MaxSkillSteps, most-cited first (ties: most recent, then key), the
// rest summarised in one step.
func ruleGaps(f *facts) []Step {
	type gap struct {
		key, label, category string
		ev                   []evidence
		seen                 time.Time
	}
	gaps := map[string]*gap{}
	for _, m := range f.gapMentions("") {
		var key string
		switch {
		case m.theme == themeResults:
			continue // ruleQuantifyResults
		case m.theme == themeQualification:
			key = KindObtainQualification
		case m.category == "reason":
			key = KindSkillDevelopment + ":" + skillReasonKey
		case m.category == "summary" || m.category == "do_differently":
			continue // a sentence, not a gap's name: ruleReviewFeedback and ruleReflect take it
		default:
			s := slug(m.label)
			if s == "" || s == skillMoreKey || s == skillReasonKey {
				continue
			}
			key = KindSkillDevelopment + ":" + s
		}
		if IsCandidateWide(key) && f.held(key) {
			continue
		}
		g, ok := gaps[key]
		if !ok {
			g = &gap{key: key, label: strings.TrimSpace(m.label), category: m.category}
			gaps[key] = g
		}
		g.ev = append(g.ev, m.ev)
		if m.ev.at.After(g.seen) {
			g.seen = m.ev.at
		}
	}
	ranked := make([]*gap, 0, len(gaps))
	for _, g := range gaps {
		ranked = append(ranked, g)
	}
	sort.Slice(ranked, func(i, j int) bool {
		a, b := ranked[i], ranked[j]
		if len(a.ev) != len(b.ev) {
			return len(a.ev) > len(b.ev)
		}
		if !a.seen.Equal(b.seen) {
			return a.seen.After(b.seen)
		}
		return a.key < b.key
	})
	var out []Step
	for i, g := range ranked {
		if i == MaxSkillSteps {
			break
		}
		ev := reasonsOfSorted(g.ev)
		switch {
		case g.key == KindObtainQualification:
			out = append(out, Step{Key: g.key, Kind: KindObtainQualification, Title: f.t("qualification.title"), Guidance: f.t("qualification.guidance", "quote", f.quote(g.label)),
				DueOn: f.dueAfter(f.afterRest(3), ev, 2), Reasons: reasonsOf(ev)})
		default:
			variant := "skills"
			switch g.category {
			case "experience":
				variant = "experience"
			case "technical_depth":
				variant = "depth"
			case "reason":
				variant = "reason"
				if f.rej.ReasonCategory == "experience_gap" {
					variant = "experience"
				}
			}
			out = append(out, Step{Key: g.key, Kind: KindSkillDevelopment, Title: f.t("skill.title", "gap", clip(g.label)),
				Guidance: f.t("skill.guidance."+variant, "quote", f.quote(g.label)), DueOn: f.dueAfter(f.afterRest(7), ev, 3), Reasons: reasonsOf(ev)})
		}
	}
	if rest := ranked[min(len(ranked), MaxSkillSteps):]; len(rest) > 0 {
		var labels []string
		var ev []evidence
		for i, g := range rest {
			if i < 8 {
				labels = append(labels, f.quote(g.label))
			}
			ev = append(ev, g.ev...)
		}
		list := joinList(f.lang, labels)
		if len(rest) > len(labels) {
			list = strings.Join(labels, ", ") + " …"
		}
		out = append(out, Step{Key: KindSkillDevelopment + ":" + skillMoreKey, Kind: KindSkillDevelopment, Title: trn(f.lang, "skill.more.title", len(rest)),
			Guidance: f.t("skill.more.guidance", "list", list), DueOn: f.dueAfter(f.afterRest(21), nil, 0), Reasons: reasonsOf(reasonsOfSorted(ev))})
	}
	return out
}

// ruleQuantifyResults: "little evidence of results" is fixed on the CV and in the examples told
// at interview, not by a course.
func ruleQuantifyResults(f *facts) []Step {
	ms := f.gapMentions(themeResults)
	if len(ms) == 0 {
		return nil
	}
	var ev []evidence
	for _, m := range ms {
		ev = append(ev, m.ev)
	}
	ev = reasonsOfSorted(ev)
	return []Step{{Key: KindQuantifyResults, Kind: KindQuantifyResults, Title: f.t("results.title"), Guidance: f.t("results.guidance"),
		DueOn: f.dueAfter(f.afterRest(2), ev, 2), Reasons: reasonsOf(ev)}}
}

// ruleResearchPractice: better research when the reflection says it was thin, the candidate
// wants to change it, or the employer named culture fit (research the culture too).
func ruleResearchPractice(f *facts) []Step {
	var ev []evidence
	culture := false
	if f.cultureFit() && !f.mutualMisfit() {
		culture = true
		ev = append(ev, evidence{reason: f.rr("reason_category", "reason.research.culture")})
	}
	for _, fb := range f.in.Feedback {
		for i, it := range fb.Items {
			if it.Polarity == "improvement" && it.Category == "culture_fit" && f.misfit == nil {
				culture = true
				ev = append(ev, evidence{Reason{SourceFeedback, fb.ID, fmt.Sprintf("items[%d].category", i), f.t("reason.research.culture_feedback", "quote", f.quote(it.Detail))}, fb.ReceivedAt})
			}
		}
	}
	for _, r := range f.in.Reflections {
		if r.CompanyResearch != nil && *r.CompanyResearch <= 2 {
			ev = append(ev, evidence{Reason{SourceReflection, r.ID, "answers.company_research", f.t("reason.research.thin")}, r.CreatedAt})
		}
		if th := f.th(r.DoDifferently); th[themePreparation] && !th[themeInterview] && !th[themeNerves] {
			ev = append(ev, evidence{Reason{SourceReflection, r.ID, "answers.do_differently", f.t("reason.research.do_differently", "quote", f.quote(r.DoDifferently))}, r.CreatedAt})
		}
	}
	if len(ev) == 0 {
		return nil
	}
	guidance := f.t("research.guidance")
	if culture {
		guidance += " " + f.t("research.guidance.culture")
	}
	return []Step{{Key: KindResearchPractice, Kind: KindResearchPractice, Title: f.t("research.title"), Guidance: guidance,
		DueOn: f.dueAfter(f.afterRest(3), ev, 2), Reasons: reasonsOf(ev)}}
}

// earlyStage: the stages before any real conversation.
func earlyStage(stage string) bool {
	return stage == StageApplication || stage == StageScreening
}

// ruleResumeRefresh: rejections at the application or screening stage point at the CV.
func ruleResumeRefresh(f *facts) []Step {
	r := f.rej
	if !earlyStage(r.Stage) {
		return nil
	}
	reasons := []Reason{f.rr("stage", "reason.resume.stage", "stage", label(f.lang, "stage", r.Stage))}
	repeated := f.recentHistory(90, func(h PastRejection) bool { return earlyStage(h.Stage) })
	due := f.afterRest(2)
	guidance := f.t("resume.guidance")
	if len(repeated) >= 2 {
		due = f.afterRest(0)
		guidance = f.t("resume.guidance.repeated") + " " + guidance
		for _, h := range repeated {
			reasons = append(reasons, Reason{SourceHistory, h.ID, "stage", f.t("reason.resume.history", "stage", label(f.lang, "stage", h.Stage))})
		}
	}
	return []Step{{Key: KindResumeRefresh, Kind: KindResumeRefresh, Title: f.t("resume.title"), Guidance: guidance, DueOn: due, Reasons: reasons}}
}

// ruleSalaryBenchmark: a rejection over pay calls for knowing the market rate before the next
// offer conversation.
func ruleSalaryBenchmark(f *facts) []Step {
	var ev []evidence
	if f.rej.ReasonCategory == "compensation" {
		ev = append(ev, evidence{reason: f.rr("reason_category", "reason.salary.category")})
	}
	if f.themes[themeCompensation] {
		ev = append(ev, evidence{reason: f.reasonTextReason("reason.salary.reason_text")})
	}
	for _, fb := range f.in.Feedback {
		for i, it := range fb.Items {
			if it.Category == "compensation" && it.Polarity != "strength" {
				ev = append(ev, evidence{Reason{SourceFeedback, fb.ID, fmt.Sprintf("items[%d].category", i), f.t("reason.salary.feedback", "quote", f.quote(it.Detail))}, fb.ReceivedAt})
			}
		}
		if f.th(fb.Summary)[themeCompensation] {
			ev = append(ev, evidence{Reason{SourceFeedback, fb.ID, "summary", f.t("reason.salary.feedback", "quote", f.quote(fb.Summary))}, fb.ReceivedAt})
		}
	}
	if len(ev) == 0 {
		return nil
	}
	guidance := f.t("salary.guidance")
	if f.rej.Stage == StageOffer {
		guidance += " " + f.t("salary.guidance.offer")
	}
	return []Step{{Key: KindSalaryBenchmark, Kind: KindSalaryBenchmark, Title: f.t("salary.title"), Guidance: guidance,
		DueOn: f.dueAfter(f.afterRest(2), ev, 2), Reasons: reasonsOf(ev)}}
}

// ruleApplyNext: the surest way past a rejection is the next application, within days.
func ruleApplyNext(f *facts) []Step {
	due := addDays(f.anchor, 5)
	reasons := []Reason{f.rr("received_at", "reason.apply")}
	guidance := f.t("apply.guidance")
	if f.ghosted {
		guidance = f.t("apply.guidance.ghosted")
	}
	if r := f.latest; r != nil && strings.TrimSpace(r.WentWell) != "" {
		guidance += " " + f.t("apply.went_well", "quote", f.quote(r.WentWell))
		reasons = append(reasons, Reason{SourceReflection, r.ID, "answers.went_well", f.t("reason.apply.went_well")})
	}
	return []Step{{Key: KindApplyNext, Kind: KindApplyNext, Title: f.t("apply.title"), Guidance: guidance, DueOn: due, Reasons: reasons}}
}

// ruleWidenNetwork: beyond this company, people in the field lead to openings — after several
// recent rejections, an internal hire or a silence.
func ruleWidenNetwork(f *facts) []Step {
	recent := f.recentHistory(90, nil)
	var reasons []Reason
	if len(recent) >= 1 {
		reasons = append(reasons, f.rr("received_at", "reason.network.recent", "n", len(recent)+1))
		for _, h := range recent {
			reasons = append(reasons, Reason{SourceHistory, h.ID, "received_at", f.t("reason.network.history")})
		}
	}
	if f.rej.ReasonCategory == "internal_candidate" || f.rej.ReasonCategory == "position_filled" {
		reasons = append([]Reason{f.rr("reason_category", "reason.network.internal", "category", label(f.lang, "reason_category", f.rej.ReasonCategory))}, reasons...)
	}
	if f.ghosted {
		reasons = append([]Reason{f.rr("channel", "reason.network.ghosted")}, reasons...)
	}
	if len(reasons) == 0 {
		return nil
	}
	return []Step{{Key: KindWidenNetwork, Kind: KindWidenNetwork, Title: f.t("network.title"), Guidance: f.t("network.guidance"), DueOn: f.afterRest(6), Reasons: reasons}}
}

// sector picks the wording for short-term work in the candidate's field.
func (f *facts) sector() string {
	th := f.th(f.rej.RoleTitle + " " + f.rej.Company)
	switch {
	case th[themeHealthcare]:
		return "health"
	case th[themeEducation]:
		return "teach"
	}
	return "default"
}

// ruleContractInquiry: after interviews, ask about contract, part-time or sector-specific
// short-term work — unless the fit was wrong, a qualification is missing, or nobody answered.
func ruleContractInquiry(f *facts) []Step {
	if f.depth < stageDepth(StageInterview) || f.ghosted || f.misfit != nil || f.cultureFit() || f.qualificationGap() {
		return nil
	}
	work := f.t("work." + f.sector())
	return []Step{{Key: KindContractInquiry, Kind: KindContractInquiry, Title: f.tc("contract.title", "work", work),
		Guidance: f.t("contract.guidance", "work", work), DueOn: f.afterRest(10),
		Reasons: []Reason{f.rr("stage", "reason.contract", "stage", label(f.lang, "stage", f.rej.Stage))}}}
}

// ruleEngageRecruiter: several rejections in three months call for outside help.
func ruleEngageRecruiter(f *facts) []Step {
	recent := f.recentHistory(90, nil)
	if len(recent)+1 < 3 {
		return nil
	}
	reasons := []Reason{f.rr("received_at", "reason.recruiter", "n", len(recent)+1)}
	for _, h := range recent {
		reasons = append(reasons, Reason{SourceHistory, h.ID, "received_at", f.t("reason.recruiter.history")})
	}
	return []Step{{Key: KindEngageRecruiter, Kind: KindEngageRecruiter, Title: f.t("recruiter.title"), Guidance: f.t("recruiter.guidance"), DueOn: f.afterRest(5), Reasons: reasons}}
}

// seniorityWords are dropped when comparing role titles.
var seniorityWords = map[string]bool{"senior": true, "junior": true, "lead": true, "sr": true, "jr": true, "ii": true, "iii": true, "i": true, "principal": true, "staff": true, "associate": true, "mid": true, "level": true}

func titleTokens(title string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(fold(title)) {
		if !seniorityWords[w] {
			out[w] = true
		}
	}
	return out
}

// similarRoles reports whether two titles name much the same job.
func similarRoles(a, b string) bool {
	ta, tb := titleTokens(a), titleTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return false
	}
	common := 0
	for w := range ta {
		if tb[w] {
			common++
		}
	}
	smaller := min(len(ta), len(tb))
	return common*2 >= smaller*2 || common*2 >= len(ta)+len(tb)-common
}

// ruleExploreAdjacentRoles: repeated early rejections for one kind of role, the candidate's own
// wish for a new direction, or a fit that was wrong both ways suggest looking sideways.
func ruleExploreAdjacentRoles(f *facts) []Step {
	r := f.rej
	var reasons []Reason
	isEarly := func(s string) bool { return s == StageApplication || s == StageScreening || s == StagePhoneScreen }
	if isEarly(r.Stage) {
		similar := f.recentHistory(365, func(h PastRejection) bool { return isEarly(h.Stage) && similarRoles(h.RoleTitle, r.RoleTitle) })
		if len(similar)+1 >= 3 {
			reasons = append(reasons, f.rr("stage", "reason.adjacent.similar", "n", len(similar)+1))
			for _, h := range similar {
				reasons = append(reasons, Reason{SourceHistory, h.ID, "role_title", f.t("reason.adjacent.history", "quote", f.quote(h.RoleTitle))})
			}
		}
	}
	if f.mutualMisfit() {
		reasons = append(reasons, f.rr("reason_category", "reason.adjacent.mutual"))
	}
	for _, rf := range f.in.Reflections {
		if len(rf.NewDirections) > 0 {
			reasons = append(reasons, Reason{SourceReflection, rf.ID, "answers.new_directions", f.t("reason.adjacent.directions", "quote", f.quote(strings.Join(rf.NewDirections, ", ")))})
		}
		if rf.RoleFit != nil && !*rf.RoleFit {
			reasons = append(reasons, Reason{SourceReflection, rf.ID, "answers.role_fit", f.t("reason.adjacent.role_fit")})
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return []Step{{Key: KindExploreAdjacentRoles, Kind: KindExploreAdjacentRoles, Title: f.t("adjacent.title"), Guidance: f.t("adjacent.guidance"), DueOn: f.afterRest(8), Reasons: reasons}}
}

// closeCallReasons are reason categories that mean another candidate simply edged ahead.
var closeCallReasons = map[string]bool{"position_filled": true, "stronger_candidate": true, "internal_candidate": true}

// ruleStayInTouch: a far-reaching or close process, a withdrawn role or a budget that did not
// stretch deserves two later check-ins — not after a silence, and not when the candidate felt
// the role or the culture was wrong for them.
func ruleStayInTouch(f *facts) []Step {
	r := f.rej
	if f.ghosted || f.misfit != nil || f.cultureFit() {
		return nil
	}
	var reasons []Reason
	variant := ""
	switch {
	case f.cancelled():
		variant = "reopen"
		reasons = append(reasons, f.rr("reason_category", "reason.stay.cancelled"))
	case f.compensation() && f.depth >= stageDepth(StageInterview):
		variant = "budget"
		reasons = append(reasons, f.rr("reason_category", "reason.stay.compensation"))
	default:
		if r.Stage == StageFinalRound || r.Stage == StageOffer {
			variant = "close"
			reasons = append(reasons, f.rr("stage", "reason.stay.stage", "stage", label(f.lang, "stage", r.Stage)))
		}
		if closeCallReasons[r.ReasonCategory] {
			variant = "close"
			reasons = append(reasons, f.rr("reason_category", "reason.stay.close", "category", label(f.lang, "reason_category", r.ReasonCategory)))
		}
	}
	if variant == "" {
		return nil
	}
	return []Step{
		{Key: KindStayInTouch + ":30d", Kind: KindStayInTouch, Title: f.tc("stay.30.title"), Guidance: f.t("stay.30.guidance." + variant), DueOn: addDays(f.anchor, 30), Reasons: reasons},
		{Key: KindStayInTouch + ":90d", Kind: KindStayInTouch, Title: f.tc("stay.90.title"), Guidance: f.t("stay.90.guidance"), DueOn: addDays(f.anchor, 90), Reasons: reasons},
	}
}

// ruleReapplyLater: when the gap named can be closed (a certificate, experience, a skill) or the
// employer invites it, apply again later and say what changed.
func ruleReapplyLater(f *facts) []Step {
	if f.ghosted || f.misfit != nil || f.mutualMisfit() {
		return nil
	}
	var reasons []Reason
	if f.qualificationGap() {
		reasons = append(reasons, f.rr("reason_text", "reason.reapply.qualification"))
	}
	if (f.rej.ReasonCategory == "skills_gap" || f.rej.ReasonCategory == "experience_gap") && f.depth >= stageDepth(StagePhoneScreen) {
		reasons = append(reasons, f.rr("reason_category", "reason.reapply.gap", "category", label(f.lang, "reason_category", f.rej.ReasonCategory)))
	}
	if f.themes[themeReapply] {
		reasons = append(reasons, f.reasonTextReason("reason.reapply.invited"))
	}
	for _, fb := range f.in.Feedback {
		if f.th(fb.Summary)[themeReapply] {
			reasons = append(reasons, Reason{SourceFeedback, fb.ID, "summary", f.t("reason.reapply.invited", "quote", f.quote(fb.Summary))})
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return []Step{{Key: KindReapplyLater, Kind: KindReapplyLater, Title: f.tc("reapply.title"), Guidance: f.t("reapply.guidance"), DueOn: addDays(f.anchor, 90), Reasons: reasons}}
}

// wellbeingShiftDays is how much later self-work moves when the latest mood is very low.
const wellbeingShiftDays = 3

// roomDays is how many days after the rest employer-facing steps wait, by care level.
var roomDays = [3]int{0, 2, 4}

// applyWellbeing gives a candidate in a very low mood, or hit hard by the rejection, room: steps
// that face employers wait until after the rest and a few days more and become optional; with a
// very low mood self-work moves a few days later too; and the next application waits until
// after interview practice. Each moved step says why.
func (f *facts) applyWellbeing(steps []Step) []Step {
	if f.care == 0 {
		return steps
	}
	why := f.careWhy[len(f.careWhy)-1]
	room := f.afterRest(roomDays[f.care])
	practice := time.Time{}
	for _, s := range steps {
		if s.Kind == KindInterviewPractice {
			practice = s.DueOn
		}
	}
	for i := range steps {
		s := &steps[i]
		switch {
		case s.Kind == KindRest || s.Kind == KindTalkToSomeone || s.Kind == KindKeepPerspective:
			continue
		case employerFacing[s.Kind]:
			s.Optional = true
			s.DueOn = later(s.DueOn, room)
			if s.Kind == KindApplyNext && f.lowMood != nil && !practice.IsZero() {
				s.DueOn = later(s.DueOn, addDays(practice, wellbeingShiftDays+1))
			}
			s.Reasons = append(s.Reasons, Reason{why.Source, why.Ref, why.Field, f.t("reason.care.room")})
		case f.lowMood != nil:
			s.DueOn = addDays(s.DueOn, wellbeingShiftDays)
			s.Reasons = append(s.Reasons, Reason{SourceReflection, f.lowMood.ID, "answers.mood", f.t("reason.care.shift")})
		}
	}
	return steps
}

func within(t, ref time.Time, days int) bool {
	return !t.After(ref) && ref.Sub(t) <= time.Duration(days)*24*time.Hour
}

func sortHistory(h []PastRejection) {
	sort.Slice(h, func(i, j int) bool {
		if !h[i].ReceivedAt.Equal(h[j].ReceivedAt) {
			return h[i].ReceivedAt.Before(h[j].ReceivedAt)
		}
		return h[i].ID < h[j].ID
	})
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

// slug turns a gap's wording into a stable key part: "System design depth" → "system-design-depth";
// accents are folded so "Gestión de proyectos" → "gestion-de-proyectos".
func slug(s string) string {
	out := strings.Trim(nonAlnum.ReplaceAllString(fold(s), "-"), "-")
	if len(out) > 40 {
		out = strings.TrimRight(out[:40], "-")
	}
	return out
}

// clip shortens text quoted in titles and reasons.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}
