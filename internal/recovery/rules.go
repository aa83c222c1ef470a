package recovery

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
)

// rule produces the steps of one kind from the facts. Each rule is small and tested alone.
type rule func(f *facts) []Step

// rules is the plan's rule table, one entry per step kind.
var rules = []rule{
	ruleRest, ruleThankContacts, ruleRequestFeedback, ruleReflect, ruleInterviewPractice,
	ruleSkillDevelopment, ruleResearchPractice, ruleResumeRefresh, ruleStayInTouch,
	ruleContractInquiry, ruleEngageRecruiter, ruleExploreAdjacentRoles, ruleApplyNext,
}

// facts are the derived values several rules share.
type facts struct {
	in        PlanInput
	start     time.Time
	depth     int // index of the stage in StageOrder
	restDays  int
	restWhy   []Reason
	latest    *Reflection // the newest reflection, if any
	lowMood   bool
	rejection Reason
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
	f := &facts{in: in, start: in.StartsOn, depth: stageDepth(in.Rejection.Stage), restDays: 1}
	if n := len(in.Reflections); n > 0 {
		f.latest = &in.Reflections[n-1]
	}
	impact := in.Rejection.EmotionalImpact
	mood := 0
	if f.latest != nil && f.latest.Mood != nil {
		mood = *f.latest.Mood
	}
	switch {
	case impact == 5 || mood == 1:
		f.restDays = 3
	case impact == 4 || mood == 2:
		f.restDays = 2
	}
	if impact >= 4 {
		f.restWhy = append(f.restWhy, Reason{SourceRejection, in.Rejection.ID, "emotional_impact", fmt.Sprintf("You rated the impact of this rejection %d out of 5, so the plan starts with more room.", impact)})
	}
	if mood > 0 && mood <= 2 {
		f.lowMood = true
		f.restWhy = append(f.restWhy, Reason{SourceReflection, f.latest.ID, "answers.mood", fmt.Sprintf("Your latest reflection rated your mood %d out of 5.", mood)})
	}
	return f
}

func (f *facts) afterRest(days int) time.Time { return addDays(f.start, f.restDays+days) }

func (f *facts) company() string {
	if f.in.Rejection.Company != "" {
		return f.in.Rejection.Company
	}
	return "the company"
}

func (f *facts) role() string {
	if f.in.Rejection.RoleTitle != "" {
		return f.in.Rejection.RoleTitle
	}
	return "the role"
}

func (f *facts) stageReason(detail string) Reason {
	return Reason{SourceRejection, f.in.Rejection.ID, "stage", detail}
}

// ruleRest: time to absorb the blow comes first.
func ruleRest(f *facts) []Step {
	guidance := "Give yourself a day to feel disappointed; that is a normal response, not a weakness. Do something restful, and leave applications and e-mails until tomorrow. A professional decision about one role says little about your worth."
	if f.restDays > 1 {
		guidance = fmt.Sprintf("This one hit hard, so take %d days before anything else. Rest, see people you like, and keep job-search tasks off the table for now. The plan has been spaced out to give you that room.", f.restDays)
	}
	reasons := append([]Reason{{SourceRejection, f.in.Rejection.ID, "received_at", "Every plan starts with time to absorb the news."}}, f.restWhy...)
	return []Step{{Key: KindRest, Kind: KindRest, Title: fmt.Sprintf("Take %s to recover", plural(f.restDays, "day")), Guidance: guidance, DueOn: f.start, Reasons: reasons}}
}

// ruleThankContacts: thank each person met, briefly and courteously.
func ruleThankContacts(f *facts) []Step {
	r := f.in.Rejection
	due := f.afterRest(0) // the day after the rest: the next day, unless the rest is longer
	if len(r.Contacts) == 0 {
		if r.Channel == "no_response" {
			return nil
		}
		return []Step{{Key: KindThankContacts, Kind: KindThankContacts, Title: "Reply to the rejection with a short thank-you",
			Guidance: fmt.Sprintf("Answer the message from %s in three or four sentences: thank them for the update and their time, and wish them well. Keep it courteous and brief; this is how you leave the door open.", f.company()),
			DueOn:    due, Reasons: []Reason{{SourceRejection, r.ID, "channel", "A courteous reply to the rejection keeps the relationship."}}}}
	}
	var out []Step
	for i, c := range r.Contacts {
		name := strings.TrimSpace(c.Name)
		if name == "" {
			name = "your contact"
		}
		out = append(out, Step{Key: KindThankContacts + ":" + c.ID, Kind: KindThankContacts, Title: "Thank " + name,
			Guidance: fmt.Sprintf("Send %s a short note thanking them for their time on the %s process. Mention one thing you appreciated from your conversation. No arguments and no questions about the decision: brief and warm is what people remember.", name, f.role()),
			DueOn:    due, Reasons: []Reason{{SourceRejection, r.ID, fmt.Sprintf("contacts[%d]", i), fmt.Sprintf("You met %s (%s) during the process.", name, strings.ReplaceAll(c.Role, "_", " "))}}})
	}
	return out
}

// ruleRequestFeedback: ask for constructive feedback unless it arrived or a request is out.
func ruleRequestFeedback(f *facts) []Step {
	if len(f.in.Feedback) > 0 || f.in.FeedbackRequests.Pending {
		return nil
	}
	return []Step{{Key: KindRequestFeedback, Kind: KindRequestFeedback, Title: "Ask " + f.company() + " for feedback",
		Guidance: "Ask one person you dealt with a single, easy question: what would have made you a stronger candidate? Thank them whatever they answer. Even a short reply helps you see patterns, and asking shows maturity.",
		DueOn:    f.afterRest(0), Reasons: []Reason{{SourceRejection, f.in.Rejection.ID, "feedback", "No feedback has arrived and none has been requested yet."}}}}
}

// ruleReflect: an honest look at preparation, gaps, clarity, research and nerves.
func ruleReflect(f *facts) []Step {
	reasons := []Reason{{SourceRejection, f.in.Rejection.ID, "stage", "Reflecting while the process is fresh shows you what to work on."}}
	guidance := "Answer the reflection prompts honestly: were you prepared for the questions, which ones surprised you, were there gaps in skills or experience, were your answers clear and concise, how well had you researched the organisation, and did nerves get in the way? Aim to name one or two specific things to improve."
	title := "Reflect on the " + f.role() + " process"
	if len(f.in.Reflections) > 0 {
		guidance = "Look back at your earlier reflection with a week of distance. What still seems true, and what looks different now? Update your one or two improvement goals."
		title = "Revisit your reflection"
		reasons = append(reasons, Reason{SourceReflection, f.in.Reflections[0].ID, "created_at", "A second, calmer look a few days later is part of the routine."})
		return []Step{{Key: KindReflect, Kind: KindReflect, Title: title, Guidance: guidance, DueOn: f.afterRest(6), Reasons: reasons}}
	}
	return []Step{{Key: KindReflect, Kind: KindReflect, Title: title, Guidance: guidance, DueOn: f.afterRest(0), Reasons: reasons}}
}

// interviewCategories are feedback categories that point at interviewing itself.
var interviewCategories = map[string]bool{"interview_performance": true, "communication": true, "preparation": true}

// ruleInterviewPractice: practise when the process reached interviews or evidence points there.
func ruleInterviewPractice(f *facts) []Step {
	var reasons []Reason
	if f.depth >= stageDepth(StageInterview) {
		reasons = append(reasons, f.stageReason("The process reached the interview stage, where practice pays off most."))
	}
	for _, fb := range f.in.Feedback {
		for i, it := range fb.Items {
			if it.Polarity == "improvement" && interviewCategories[it.Category] {
				reasons = append(reasons, Reason{SourceFeedback, fb.ID, fmt.Sprintf("items[%d].category", i), "Feedback named " + strings.ReplaceAll(it.Category, "_", " ") + " as an area to improve: " + clip(it.Detail)})
			}
		}
	}
	for _, r := range f.in.Reflections {
		if r.AnswerClarity != nil && *r.AnswerClarity <= 2 {
			reasons = append(reasons, Reason{SourceReflection, r.ID, "answers.answer_clarity", "You felt your answers were not as clear or concise as you wanted."})
		}
		if r.Nerves != nil && *r.Nerves >= 4 {
			reasons = append(reasons, Reason{SourceReflection, r.ID, "answers.nerves", "You said nerves got in the way."})
		}
		if r.Preparation != nil && *r.Preparation <= 2 {
			reasons = append(reasons, Reason{SourceReflection, r.ID, "answers.preparation", "You felt under-prepared for the questions asked."})
		}
		if len(r.SurpriseQuestions) > 0 {
			reasons = append(reasons, Reason{SourceReflection, r.ID, "answers.surprise_questions", "Some questions caught you off guard: " + clip(strings.Join(r.SurpriseQuestions, "; "))})
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return []Step{{Key: KindInterviewPractice, Kind: KindInterviewPractice, Title: "Practise interviewing with someone",
		Guidance: "Set up a mock interview with a career coach, a recruiter or a trusted friend or colleague, and ask them to be candid. Rehearse the questions that caught you out and answer them aloud in a clear structure. A second session a week later shows whether it stuck.",
		DueOn:    f.afterRest(4), Reasons: reasons}}
}

// skillCategories are feedback categories that name a learnable gap.
var skillCategories = map[string]bool{"skills": true, "technical_depth": true, "experience": true}

// ruleSkillDevelopment: one step per distinct gap named by feedback or reflection.
func ruleSkillDevelopment(f *facts) []Step {
	type gap struct {
		label   string
		reasons []Reason
		seen    time.Time
	}
	gaps := map[string]*gap{}
	add := func(label string, r Reason, at time.Time) {
		s := slug(label)
		if s == "" {
			return
		}
		g, ok := gaps[s]
		if !ok {
			g = &gap{label: strings.TrimSpace(label)}
			gaps[s] = g
		}
		g.reasons = append(g.reasons, r)
		if at.After(g.seen) {
			g.seen = at
		}
	}
	for _, fb := range f.in.Feedback {
		for i, it := range fb.Items {
			if it.Polarity == "improvement" && skillCategories[it.Category] {
				add(it.Detail, Reason{SourceFeedback, fb.ID, fmt.Sprintf("items[%d]", i), "Feedback named this as a gap: " + clip(it.Detail)}, fb.ReceivedAt)
			}
		}
	}
	for _, r := range f.in.Reflections {
		for i, g := range r.SkillGaps {
			add(g, Reason{SourceReflection, r.ID, fmt.Sprintf("answers.skill_gaps[%d]", i), "You noticed this gap yourself: " + clip(g)}, r.CreatedAt)
		}
	}
	keys := make([]string, 0, len(gaps))
	for k := range gaps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Step
	for _, k := range keys {
		g := gaps[k]
		due := later(f.afterRest(7), addDays(dateIn(g.seen, f.in.Location), 3))
		out = append(out, Step{Key: KindSkillDevelopment + ":" + k, Kind: KindSkillDevelopment, Title: "Build up: " + clip(g.label),
			Guidance: fmt.Sprintf("Turn \"%s\" into a concrete learning goal: pick one course, book chapter or small project that exercises it, and schedule a few hours this week. Keep a short note of what you practised so you can talk about it in the next interview.", clip(g.label)),
			DueOn:    due, Reasons: g.reasons})
	}
	return out
}

// ruleResearchPractice: better research when the reflection says it was thin.
func ruleResearchPractice(f *facts) []Step {
	var reasons []Reason
	for _, r := range f.in.Reflections {
		if r.CompanyResearch != nil && *r.CompanyResearch <= 2 {
			reasons = append(reasons, Reason{SourceReflection, r.ID, "answers.company_research", "You felt you had not researched the organisation enough."})
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return []Step{{Key: KindResearchPractice, Kind: KindResearchPractice, Title: "Make a research checklist for the next interview",
		Guidance: "Write a one-page checklist you will fill for every employer: what they sell and to whom, recent news, the team's challenges, and two questions of your own. Try it on the next company you apply to. Good research shows in every answer.",
		DueOn:    f.afterRest(3), Reasons: reasons}}
}

// earlyStages are the stages before any real conversation.
func earlyStage(stage string) bool {
	return stage == StageApplication || stage == StageScreening
}

// ruleResumeRefresh: rejections at the application or screening stage point at the CV.
func ruleResumeRefresh(f *facts) []Step {
	r := f.in.Rejection
	if !earlyStage(r.Stage) {
		return nil
	}
	reasons := []Reason{f.stageReason("The application did not get past " + strings.ReplaceAll(r.Stage, "_", " ") + ", where the CV does most of the talking.")}
	var repeated []PastRejection
	for _, h := range f.in.History {
		if earlyStage(h.Stage) && within(h.ReceivedAt, r.ReceivedAt, 90) {
			repeated = append(repeated, h)
		}
	}
	sortHistory(repeated)
	due := f.afterRest(2)
	guidance := "Re-read your CV against the " + f.role() + " posting: does the top third show the three things they asked for, with results you can count? Tailor the summary and reorder bullets for each application. Ask someone in the field to skim it for ten seconds and tell you what they remember."
	if len(repeated) >= 2 {
		due = f.afterRest(0)
		guidance = "Several recent applications stopped at the first hurdle, so the CV is the first thing to fix. " + guidance
		for _, h := range repeated {
			reasons = append(reasons, Reason{SourceHistory, h.ID, "stage", "Another rejection at the " + strings.ReplaceAll(h.Stage, "_", " ") + " stage in the last 90 days."})
		}
	}
	return []Step{{Key: KindResumeRefresh, Kind: KindResumeRefresh, Title: "Refresh your CV", Guidance: guidance, DueOn: due, Reasons: reasons}}
}

// closeCallReasons are reason categories that mean another candidate simply edged ahead.
var closeCallReasons = map[string]bool{"position_filled": true, "stronger_candidate": true, "internal_candidate": true}

// ruleStayInTouch: a far-reaching or close process deserves two later check-ins.
func ruleStayInTouch(f *facts) []Step {
	r := f.in.Rejection
	var reasons []Reason
	if r.Stage == StageFinalRound || r.Stage == StageOffer {
		reasons = append(reasons, f.stageReason("You reached the "+strings.ReplaceAll(r.Stage, "_", " ")+"; if the chosen hire does not work out, they may come back to you."))
	}
	if closeCallReasons[r.ReasonCategory] {
		reasons = append(reasons, Reason{SourceRejection, r.ID, "reason_category", "The reason (" + strings.ReplaceAll(r.ReasonCategory, "_", " ") + ") says little against you; staying in touch keeps you in mind."})
	}
	if len(reasons) == 0 {
		return nil
	}
	return []Step{
		{Key: KindStayInTouch + ":30d", Kind: KindStayInTouch, Title: "Check in with " + f.company(),
			Guidance: "Send a brief, friendly note to your main contact: you enjoyed the process, you remain interested, and you would welcome hearing about future openings. No questions about the decision. Two or three sentences are plenty.",
			DueOn:    addDays(f.start, 30), Reasons: reasons},
		{Key: KindStayInTouch + ":90d", Kind: KindStayInTouch, Title: "Check in with " + f.company() + " again",
			Guidance: "A quarter on, a short hello keeps the relationship warm: share one thing you have learned or achieved since, and say you are still keen. Then let it rest unless they reply.",
			DueOn:    addDays(f.start, 90), Reasons: reasons},
	}
}

// ruleContractInquiry: after interviews, ask about contract or part-time work.
func ruleContractInquiry(f *facts) []Step {
	if f.depth < stageDepth(StageInterview) {
		return nil
	}
	return []Step{{Key: KindContractInquiry, Kind: KindContractInquiry, Title: "Ask " + f.company() + " about contract or project work",
		Guidance: "They already know your work from the interviews. Offer, in a short message, to help on a contract, part-time or project basis if a need comes up. Small engagements often grow into permanent roles.",
		DueOn:    f.afterRest(10), Reasons: []Reason{f.stageReason("The process reached interviews, so the team knows what you can do.")}}}
}

// ruleEngageRecruiter: several rejections in three months call for outside help.
func ruleEngageRecruiter(f *facts) []Step {
	r := f.in.Rejection
	var recent []PastRejection
	for _, h := range f.in.History {
		if within(h.ReceivedAt, r.ReceivedAt, 90) {
			recent = append(recent, h)
		}
	}
	if len(recent)+1 < 3 {
		return nil
	}
	sortHistory(recent)
	reasons := []Reason{{SourceRejection, r.ID, "received_at", fmt.Sprintf("This is one of %d rejections in the last 90 days.", len(recent)+1)}}
	for _, h := range recent {
		reasons = append(reasons, Reason{SourceHistory, h.ID, "received_at", "Another rejection in the same 90 days."})
	}
	return []Step{{Key: KindEngageRecruiter, Kind: KindEngageRecruiter, Title: "Talk to a recruiter or staffing firm",
		Guidance: "Several rejections in a short time is a good moment to get outside help. A recruiter in your field can steer you to roles that fit, network on your behalf and tell you candidly how you come across. Contact one or two this week.",
		DueOn:    f.afterRest(5), Reasons: reasons}}
}

// seniorityWords are dropped when comparing role titles.
var seniorityWords = map[string]bool{"senior": true, "junior": true, "lead": true, "sr": true, "jr": true, "ii": true, "iii": true, "i": true, "principal": true, "staff": true, "associate": true, "mid": true, "level": true}

func titleTokens(title string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
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
	smaller := len(ta)
	if len(tb) < smaller {
		smaller = len(tb)
	}
	return common*2 >= smaller*2 || common*2 >= len(ta)+len(tb)-common
}

// ruleExploreAdjacentRoles: repeated early rejections for one kind of role, or the candidate's
// own wish for a new direction, suggest looking sideways.
func ruleExploreAdjacentRoles(f *facts) []Step {
	r := f.in.Rejection
	var reasons []Reason
	if r.Stage == StageApplication || r.Stage == StageScreening || r.Stage == StagePhoneScreen {
		var similar []PastRejection
		for _, h := range f.in.History {
			if (h.Stage == StageApplication || h.Stage == StageScreening || h.Stage == StagePhoneScreen) && similarRoles(h.RoleTitle, r.RoleTitle) {
				similar = append(similar, h)
			}
		}
		if len(similar)+1 >= 3 {
			sortHistory(similar)
			reasons = append(reasons, f.stageReason(fmt.Sprintf("%d early-stage rejections for roles like %s.", len(similar)+1, f.role())))
			for _, h := range similar {
				reasons = append(reasons, Reason{SourceHistory, h.ID, "role_title", "An early rejection for a similar role: " + clip(h.RoleTitle)})
			}
		}
	}
	for _, rf := range f.in.Reflections {
		if len(rf.NewDirections) > 0 {
			reasons = append(reasons, Reason{SourceReflection, rf.ID, "answers.new_directions", "You would like to explore: " + clip(strings.Join(rf.NewDirections, ", "))})
		}
		if rf.RoleFit != nil && !*rf.RoleFit {
			reasons = append(reasons, Reason{SourceReflection, rf.ID, "answers.role_fit", "You felt the role did not really fit your goals."})
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return []Step{{Key: KindExploreAdjacentRoles, Kind: KindExploreAdjacentRoles, Title: "Explore adjacent roles",
		Guidance: "List the skills you use most, then look for two or three neighbouring roles where they are valued just as much, perhaps in another industry or team type. Read a few postings for each and talk to one person who does the job. A change of angle is not a step back.",
		DueOn:    f.afterRest(8), Reasons: reasons}}
}

// ruleApplyNext: the surest way past a rejection is the next application, within a week.
func ruleApplyNext(f *facts) []Step {
	due := addDays(f.start, 5)
	if cap := addDays(f.start, 7); due.After(cap) {
		due = cap
	}
	return []Step{{Key: KindApplyNext, Kind: KindApplyNext, Title: "Apply to your next opportunity",
		Guidance: "Pick one role you would be glad to get and send a tailored application this week. Momentum matters more than perfection; each application uses what you learned here.",
		DueOn:    due, Reasons: []Reason{{SourceRejection, f.in.Rejection.ID, "received_at", "Moving on to the next opportunity within days keeps a single rejection in proportion."}}}}
}

// urgentKinds keep their dates when the wellbeing shift moves everything else.
var urgentKinds = map[string]bool{KindRest: true, KindThankContacts: true, KindApplyNext: true, KindStayInTouch: true}

// wellbeingShiftDays is how much later non-urgent steps move when the latest mood is very low.
const wellbeingShiftDays = 3

// applyWellbeing gives a candidate in a very low mood more room: non-urgent steps move later,
// and each says why.
func (f *facts) applyWellbeing(steps []Step) {
	if !f.lowMood {
		return
	}
	for i := range steps {
		if urgentKinds[steps[i].Kind] {
			continue
		}
		steps[i].DueOn = addDays(steps[i].DueOn, wellbeingShiftDays)
		steps[i].Reasons = append(steps[i].Reasons, Reason{SourceReflection, f.latest.ID, "answers.mood",
			"Moved a few days later to give you room while things feel heavy. There is no rush; come back to it when you are ready."})
	}
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

// slug turns a gap's wording into a stable key part: "System design depth" → "system-design-depth".
func slug(s string) string {
	out := strings.Trim(nonAlnum.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if len(out) > 40 {
		out = strings.TrimRight(out[:40], "-")
	}
	return out
}

// clip shortens text quoted in titles and reasons.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "a " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
