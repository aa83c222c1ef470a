package messages

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// flagged are real-looking sentences that must be flagged: the finding of the given kind must
// quote excerpt, starting at start (in code points).
var flagged = []struct {
	text, kind, excerpt string
	start               int
}{
	{"Honestly, you people never read a CV properly.", FindingHostile, "you people", 10},
	{"How dare you reject me after four rounds.", FindingHostile, "How dare you", 0},
	{"Rejecting me at this stage is ridiculous.", FindingHostile, "ridiculous", 30},
	{"Your interviewers were incompetent.", FindingHostile, "incompetent", 23},
	{"The panel was unprofessional from start to finish.", FindingHostile, "unprofessional", 14},
	{"This whole process was a waste of my time.", FindingHostile, "waste of my time", 25},
	{"I'll have you know I have ten years of experience.", FindingHostile, "I'll have you know", 0},
	{"Frankly, I’ll have you know I led the migration.", FindingHostile, "I’ll have you know", 9},
	{"Frankly, the take-home test was a joke.", FindingHostile, "was a joke", 28},
	{"You must be joking.", FindingHostile, "You must be joking", 0},
	{"It's your loss, not mine.", FindingHostile, "It's your loss", 0},
	{"You're all amateurs over there.", FindingHostile, "You're all amateurs", 0},
	{"Shame on you for ghosting me.", FindingHostile, "Shame on you", 0},
	{"That was a stupid decision.", FindingHostile, "stupid decision", 11},
	{"You will regret this.", FindingHostile, "You will regret this", 0},

	{"You never gave me a chance to show my skills.", FindingBlame, "You never gave me a chance", 0},
	{"Sadly you didn't even give me a fair chance.", FindingBlame, "you didn't even give me a fair chance", 6},
	{"Your process is broken and everyone knows it.", FindingBlame, "Your process is broken", 0},
	{"The decision was unfair.", FindingBlame, "unfair", 17},
	{"I was unfairly passed over.", FindingBlame, "unfairly", 6},
	{"The whole thing was rigged for an internal candidate.", FindingBlame, "rigged", 20},
	{"You clearly didn't read my portfolio.", FindingBlame, "You clearly didn't read", 0},
	{"This is your fault.", FindingBlame, "This is your fault", 0},
	{"I think the panel was biased against me.", FindingBlame, "biased against me", 22},
	{"You have made a huge mistake.", FindingBlame, "You have made a huge mistake", 0},
	{"No one even read my cover letter.", FindingBlame, "No one even read my", 0},
	{"It was decided before I even applied.", FindingBlame, "was decided before I even applied", 3},

	{"I demand to know who you hired.", FindingDemands, "I demand", 0},
	{"I expect an explanation by Friday.", FindingDemands, "I expect an explanation", 0},
	{"I expect you to tell me who got the job.", FindingDemands, "I expect you to", 0},
	{"You must explain why I was rejected.", FindingDemands, "You must explain", 0},
	{"You owe me at least a phone call.", FindingDemands, "You owe me", 0},
	{"Please respond immediately.", FindingDemands, "respond immediately", 7},
	{"Get back to me within 24 hours.", FindingDemands, "Get back to me within 24 hours", 0},
	{"I ask that you reconsider your decision.", FindingDemands, "reconsider your decision", 15},
	{"Frankly, I deserve an explanation.", FindingDemands, "I deserve an explanation", 9},
	{"I deserved this job more than anyone.", FindingDemands, "I deserved this job", 0},

	{"I am VERY DISAPPOINTED with this outcome.", FindingShouting, "VERY DISAPPOINTED", 5},
	{"This is UNACCEPTABLE.", FindingShouting, "UNACCEPTABLE", 8},
	{"I AM VERY ANGRY WITH THE CEO about this.", FindingShouting, "I AM VERY ANGRY WITH THE CEO", 0},
	{"THANK YOU, I really enjoyed it.", FindingShouting, "THANK YOU", 0},
	{"Regards, ZOË ÅNGSTRÖM", FindingShouting, "ZOË ÅNGSTRÖM", 9},
	{"Please READ MY PORTFOLIO again.", FindingShouting, "READ MY PORTFOLIO", 7},

	{"Why would you do this?!", FindingExcessivePunctuation, "?!", 21},
	{"Thanks!! I guess.", FindingExcessivePunctuation, "!!", 6},
	{"Are you serious??", FindingExcessivePunctuation, "??", 15},
	{"Seriously!!!!! Why?", FindingExcessivePunctuation, "!!!!!", 9},
	{"Great! Thanks! Bye! See you!", FindingExcessivePunctuation, "!", 5},

	{"I'm so stupid for thinking I had a shot.", FindingSelfDeprecation, "I'm so stupid", 0},
	{"Honestly I am a complete failure.", FindingSelfDeprecation, "I am a complete failure", 9},
	{"I'm such an idiot.", FindingSelfDeprecation, "I'm such an idiot", 0},
	{"I knew I wasn't good enough for this team.", FindingSelfDeprecation, "I knew I wasn't good enough", 0},
	{"Maybe I'm just not good enough.", FindingSelfDeprecation, "I'm just not good enough", 6},
	{"I'll never get a job at this rate.", FindingSelfDeprecation, "I'll never get a job", 0},
	{"No one will ever hire me.", FindingSelfDeprecation, "No one will ever hire me", 0},
	{"Sorry for wasting your time.", FindingSelfDeprecation, "Sorry for wasting your time", 0},
	{"Clearly I’m useless at interviews.", FindingSelfDeprecation, "I’m useless", 8},
	{"I always mess everything up.", FindingSelfDeprecation, "I always mess everything up", 0},
}

func TestCheckToneFlags(t *testing.T) {
	for _, tc := range flagged {
		res := CheckTone(tc.text)
		if res.Verdict != VerdictRevise {
			t.Errorf("%q not flagged", tc.text)
			continue
		}
		want := Finding{Kind: tc.kind, Excerpt: tc.excerpt, Start: tc.start, End: tc.start + utf8.RuneCountInString(tc.excerpt)}
		found := false
		for _, f := range res.Findings {
			if f.Kind == want.Kind && f.Excerpt == want.Excerpt && f.Start == want.Start && f.End == want.End && f.Suggestion != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %+v among %+v", tc.text, want, res.Findings)
		}
		checkInvariants(t, tc.text, res)
	}
}

func TestCheckToneLeavesCourteousTextAlone(t *testing.T) {
	for _, text := range []string{
		"",
		"I was not able to attend the HTML workshop, but I have since completed it.",
		"Thank you for the detailed and fair process.",
		"Thank you for being fair and transparent throughout.",
		"I must say I enjoyed meeting the team.",
		"You must have had many strong candidates.",
		"Could you tell me what I might improve?",
		"Would you be open to sharing what I could improve? There is no pressure at all.",
		"My NASA and AWS experience may be useful for a future opening.",
		"Thank you so much!",
		"Thanks! I really enjoyed it. Have a great weekend! See you soon!",
		"I expect to finish my AWS course in May.",
		"I expect the team is busy after the launch.",
		"I worked with the CEO and CTO on our GDPR programme, using AWS RDS and SQL.",
		"Our B2B SaaS team shipped ISO27001 controls and NASA'S KPIS dashboards.",
		"It was a pleasure to speak with you; I hope our paths cross again.",
		"I told a joke in the interview and it landed well.",
		"I knew the team was growing fast, and I hope the new hire settles in well.",
		"I'm not sure I understood the last question, so I have been practising it.",
		"I would welcome another chance to apply when a role opens.",
		"I'm glad I applied, and I will keep improving my SQL.",
		"The decision makes sense, and I respect it.",
		"Thank you for your time and the update.",
		"I am a software engineer with a focus on reliability.",
		"Please let me know if there is anything I can send you.",
		"Attached is my CV (PDF) and a link to my portfolio.",
		"Best regards,\nDANA", // a four-letter signature in capitals is not shouting
	} {
		res := CheckTone(text)
		if res.Verdict != VerdictOK || len(res.Findings) != 0 {
			t.Errorf("%q flagged: %+v", text, res.Findings)
		}
	}
}

func TestCheckToneOffsetsAreCodePoints(t *testing.T) {
	text := "Zoë, you people are INCOMPETENT!!"
	got := CheckTone(text).Findings
	want := []Finding{
		{Kind: FindingHostile, Excerpt: "you people", Start: 5, End: 15},
		{Kind: FindingHostile, Excerpt: "INCOMPETENT", Start: 20, End: 31},
		{Kind: FindingShouting, Excerpt: "INCOMPETENT", Start: 20, End: 31},
		{Kind: FindingExcessivePunctuation, Excerpt: "!!", Start: 31, End: 33},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		got[i].Suggestion = ""
		if got[i] != want[i] {
			t.Errorf("finding %d: got %+v, want %+v", i, got[i], want[i])
		}
	}

	// A skin-tone emoji is two code points (and four UTF-16 units); offsets count code points.
	text = "Thanks 🙏🏽 but this was a waste of my time!!"
	res := CheckTone(text)
	if f := res.Findings[0]; f.Kind != FindingHostile || f.Start != 25 || f.End != 41 {
		t.Errorf("after an emoji: %+v", f)
	}
	checkInvariants(t, text, res)

	// Word boundaries respect non-ASCII letters, which Go's \b does not.
	if res := CheckTone("Cétunfair et Zoéyou people"); len(res.Findings) != 0 {
		t.Errorf("matched inside a word: %+v", res.Findings)
	}
	if res := CheckTone("C’est unfair."); len(res.Findings) != 1 || res.Findings[0].Start != 6 {
		t.Errorf("missed after an accented word: %+v", res.Findings)
	}

	// Invalid UTF-8 counts one code point per bad byte, as []rune and encoding/json do.
	text = "\xff\xfeyou people"
	if res := CheckTone(text); len(res.Findings) != 1 || res.Findings[0].Start != 2 || res.Findings[0].End != 12 {
		t.Errorf("after invalid bytes: %+v", res.Findings)
	} else {
		checkInvariants(t, text, res)
	}
}

func TestCheckToneEmptyText(t *testing.T) {
	res := CheckTone("")
	if res.WordCount != 0 || res.Verdict != VerdictOK || res.Findings == nil || len(res.Findings) != 0 {
		t.Fatalf("%+v", res)
	}
	b, _ := json.Marshal(res)
	if string(b) != `{"word_count":0,"verdict":"ok","findings":[]}` {
		t.Fatalf("JSON %s", b)
	}
}

func TestCheckToneLength(t *testing.T) {
	long := strings.Repeat("I really appreciated the chance to interview with the team. ", 25)
	res := CheckTone(long)
	if res.WordCount != 250 || res.Verdict != VerdictRevise || len(res.Findings) != 1 {
		t.Fatalf("%d words, %+v", res.WordCount, res.Findings)
	}
	f := res.Findings[0]
	if f.Kind != FindingTooLong || f.Start != 0 || f.End != utf8.RuneCountInString(long) || f.Suggestion == "" {
		t.Errorf("too_long finding %+v", f)
	}
	if f.Excerpt != "I really appreciated the chance to interview with the team. I really …" {
		t.Errorf("too_long excerpt %q", f.Excerpt)
	}
	checkInvariants(t, long, res)

	// 200 words is still fine; the 201st tips it over.
	at := strings.TrimSpace(strings.Repeat("I really appreciated the chance to interview with the team. ", 20))
	if res := CheckTone(at); res.WordCount != 200 || res.Verdict != VerdictOK {
		t.Errorf("200 words: %+v", res)
	}
	if res := CheckTone(at + " Thanks."); res.WordCount != 201 || res.Verdict != VerdictRevise {
		t.Errorf("201 words: %+v", res)
	}

	// A long text with other problems: too_long sorts with everything else by Start, then Kind.
	angry := "YOU PEOPLE are unfair!! " + long
	res = CheckTone(angry)
	var kinds []string
	for _, f := range res.Findings {
		kinds = append(kinds, f.Kind)
	}
	want := []string{FindingHostile, FindingShouting, FindingTooLong, FindingBlame, FindingExcessivePunctuation}
	if !slices.Equal(kinds, want) {
		t.Errorf("order %v, want %v", kinds, want)
	}
	checkInvariants(t, angry, res)
}

func TestCheckToneMergesOverlapsOfOneKind(t *testing.T) {
	// Two blame rules match overlapping passages: one finding.
	res := CheckTone("Your process is unfair.")
	if len(res.Findings) != 1 || res.Findings[0].Excerpt != "Your process is unfair" {
		t.Errorf("overlapping blame: %+v", res.Findings)
	}
	// A run of marks is one finding, and singles are only flagged past the limit.
	res = CheckTone("No!!!!! Really!")
	if len(res.Findings) != 2 || res.Findings[0].Excerpt != "!!!!!" || res.Findings[1].Start != 14 {
		t.Errorf("punctuation: %+v", res.Findings)
	}
	res = CheckTone("No!! Really!")
	if len(res.Findings) != 1 {
		t.Errorf("three marks in all flag only the run: %+v", res.Findings)
	}
	// The same phrase twice, apart, stays two findings.
	res = CheckTone("I demand an answer. I demand it now.")
	if len(res.Findings) != 2 || res.Findings[0].Start != 0 || res.Findings[1].Start != 20 {
		t.Errorf("separate demands: %+v", res.Findings)
	}
	// Insults about oneself are self-deprecation, not hostility.
	res = CheckTone("I'm so incompetent, honestly.")
	if len(res.Findings) != 1 || res.Findings[0].Kind != FindingSelfDeprecation || res.Findings[0].Excerpt != "I'm so incompetent" {
		t.Errorf("self-talk: %+v", res.Findings)
	}
}

func TestCheckToneOnTheLongestAcceptedText(t *testing.T) {
	unit := "You people!! I DEMAND AN ANSWER, it is unfair. I'm so stupid! "
	text := strings.Repeat(unit, MaxToneTextLength/len(unit))
	res := CheckTone(text)
	if res.Verdict != VerdictRevise || len(res.Findings) < 5*(MaxToneTextLength/len(unit)) {
		t.Fatalf("%d findings", len(res.Findings))
	}
	checkInvariants(t, text, res)
	bangs := strings.Repeat("! ", MaxToneTextLength/2)
	if res := CheckTone(bangs); len(res.Findings) != MaxToneTextLength/2 {
		t.Fatalf("%d findings for %d marks", len(res.Findings), MaxToneTextLength/2)
	}
}

func TestToneRules(t *testing.T) {
	rules := ToneRules()
	kinds := map[string]bool{}
	for _, r := range rules {
		kinds[r.Kind] = true
		if r.Pattern == "" || r.Reason == "" || r.Suggestion == "" {
			t.Errorf("incomplete rule %+v", r)
		}
		if end := strings.TrimRight(r.Suggestion, `"`); !strings.HasSuffix(r.Reason, ".") || !strings.HasSuffix(end, ".") && !strings.HasSuffix(end, "?") {
			t.Errorf("reason and suggestion should be full sentences: %+v", r)
		}
	}
	for _, k := range []string{FindingTooLong, FindingHostile, FindingBlame, FindingDemands, FindingShouting, FindingExcessivePunctuation, FindingSelfDeprecation} {
		if !kinds[k] {
			t.Errorf("no rule of kind %s", k)
		}
	}
	if len(kinds) != 7 {
		t.Errorf("unexpected kinds %v", kinds)
	}
	if !strings.Contains(rules[len(rules)-3].Pattern, "NASA") {
		t.Error("the shouting rule does not list its acronym allowlist")
	}
	rules[0].Pattern = "changed"
	if ToneRules()[0].Pattern == "changed" {
		t.Error("ToneRules shares its table")
	}
	// Every phrase rule is exercised by at least one sentence that must be flagged, and every
	// pattern carries word boundaries at both ends.
	for i, r := range phraseRules {
		if !strings.HasPrefix(r.Pattern, `\b`) || !strings.HasSuffix(r.Pattern, `\b`) {
			t.Errorf("rule %q is not anchored on word boundaries", r.Pattern)
		}
		hit := false
		for _, tc := range flagged {
			if phrasePatterns[i].MatchString(tc.text) {
				hit = true
				break
			}
		}
		if !hit {
			t.Errorf("no test sentence exercises rule %q", r.Pattern)
		}
		if _, err := regexp.Compile(r.Pattern); err != nil {
			t.Error(err)
		}
	}
}

// checkInvariants asserts what every result promises: a verdict that matches the findings,
// excerpts that are exactly the located passage, order by Start then Kind, and no two
// overlapping findings of one kind.
func checkInvariants(t *testing.T, text string, res ToneResult) {
	t.Helper()
	if (res.Verdict == VerdictRevise) != (len(res.Findings) > 0) || res.WordCount != WordCount(text) {
		t.Errorf("verdict %q with %d findings, %d words", res.Verdict, len(res.Findings), res.WordCount)
	}
	runes := []rune(text)
	lastEnd := map[string]int{}
	for i, f := range res.Findings {
		if f.Start < 0 || f.End > len(runes) || f.Start >= f.End || f.Suggestion == "" {
			t.Fatalf("bad finding %+v", f)
		}
		if f.Kind != FindingTooLong && string(runes[f.Start:f.End]) != f.Excerpt {
			t.Errorf("excerpt %q is not text[%d:%d] = %q", f.Excerpt, f.Start, f.End, string(runes[f.Start:f.End]))
		}
		if i > 0 {
			p := res.Findings[i-1]
			if p.Start > f.Start || p.Start == f.Start && p.Kind > f.Kind {
				t.Errorf("findings out of order: %+v before %+v", p, f)
			}
		}
		if end, ok := lastEnd[f.Kind]; ok && f.Start < end {
			t.Errorf("overlapping %s findings", f.Kind)
		}
		lastEnd[f.Kind] = f.End
	}
}
