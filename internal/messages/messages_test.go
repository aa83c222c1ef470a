package messages

import (
	"strings"
	"testing"
)

func TestEveryDraftIsBriefAndPassesTheToneCheck(t *testing.T) {
	inputs := []DraftInput{
		{CandidateName: "Dana Whitfield", Company: "Northwind Analytics", RoleTitle: "Senior Backend Engineer", Stage: "final_round", ContactName: "Priya Raman", ContactRole: "hiring_manager"},
		{Company: "Contoso", RoleTitle: "Data Analyst", Stage: "application"},
		{},
		{CandidateName: "Zoë Ångström", Company: "Fabrikam", Stage: "phone_screen", ContactName: "Sam", ResponseURL: "https://rebound.example/f/frt_x", Locale: "en-GB"},
	}
	for _, kind := range Kinds() {
		for _, in := range inputs {
			d, err := Compose(kind, in)
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			if d.Subject == "" || d.WordCount < 20 || d.WordCount > 150 || d.WordCount != WordCount(d.Body) {
				t.Errorf("%s %+v: subject %q, %d words", kind, in, d.Subject, d.WordCount)
			}
			if res := CheckTone(d.Body); res.Verdict != "ok" {
				t.Errorf("%s draft fails its own tone check: %+v\n%s", kind, res.Findings, d.Body)
			}
			for _, bad := range []string{"{{", "<no value>", "  ", " ,", "the  role"} {
				if strings.Contains(d.Body, bad) || strings.Contains(d.Subject, bad) {
					t.Errorf("%s draft has %q:\n%s", kind, bad, d.Body)
				}
			}
			if strings.Count(d.Body, "!") > 1 {
				t.Errorf("%s draft overuses exclamation marks", kind)
			}
		}
	}
}

func TestDraftsAreSpecific(t *testing.T) {
	in := DraftInput{CandidateName: "Dana Whitfield", Company: "Northwind Analytics", RoleTitle: "Senior Backend Engineer", Stage: "final_round", ContactName: "Priya Raman", ResponseURL: "https://rebound.example/f/frt_abc"}
	d, _ := Compose(KindFeedbackRequest, in)
	for _, want := range []string{"Hi Priya,", "Senior Backend Engineer", "Northwind Analytics", "final-round", "https://rebound.example/f/frt_abc", "no pressure", "Dana Whitfield"} {
		if !strings.Contains(d.Body, want) {
			t.Errorf("feedback request lacks %q:\n%s", want, d.Body)
		}
	}
	if strings.Count(d.Body, "?") != 1 {
		t.Errorf("a feedback request asks exactly one question:\n%s", d.Body)
	}
	thanks, _ := Compose(KindThankYou, DraftInput{Company: "Contoso", Stage: "application"})
	if !strings.HasPrefix(thanks.Body, "Hello,") || strings.Contains(thanks.Body, "enjoyed meeting") {
		t.Errorf("an application-stage thank-you without a contact:\n%s", thanks.Body)
	}
	if _, err := Compose("apology", in); err != ErrUnknownKind {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := Compose(KindThankYou, DraftInput{Locale: "fr"}); err != ErrUnsupportedLocale {
		t.Errorf("unsupported locale: %v", err)
	}
	if k, ok := ParseKind("check-in"); !ok || k != KindCheckIn {
		t.Error("ParseKind")
	}
}

func TestToneCheckFlags(t *testing.T) {
	cases := []struct {
		text, kind, excerpt string
	}{
		{"Honestly, you people never read CVs properly.", FindingHostile, "you people"},
		{"This whole process was a waste of my time.", FindingHostile, "waste of my time"},
		{"I'll have you know I have ten years of experience.", FindingHostile, "I'll have you know"},
		{"Rejecting me at this stage is ridiculous.", FindingHostile, "ridiculous"},
		{"Your interviewers were incompetent.", FindingHostile, "incompetent"},
		{"You never gave me a chance to show my skills.", FindingBlame, "You never gave me a chance"},
		{"Your process is broken and everyone knows it.", FindingBlame, "Your process is broken"},
		{"The decision was unfair.", FindingBlame, "unfair"},
		{"You clearly didn't read my portfolio.", FindingBlame, "You clearly didn't read"},
		{"I demand to know who you hired.", FindingDemands, "I demand"},
		{"I expect an explanation by Friday.", FindingDemands, "I expect an explanation"},
		{"Please respond immediately.", FindingDemands, "respond immediately"},
		{"I ask that you reconsider your decision.", FindingDemands, "reconsider your decision"},
		{"You owe me at least a phone call.", FindingDemands, "You owe me"},
		{"I am VERY DISAPPOINTED with this outcome.", FindingShouting, "VERY DISAPPOINTED"},
		{"This is UNACCEPTABLE.", FindingShouting, "UNACCEPTABLE"},
		{"Why would you do this?!", FindingExcessivePunctuation, "?!"},
		{"Thanks!! I guess.", FindingExcessivePunctuation, "!!"},
		{"Great! Thanks! Bye! See you!", FindingExcessivePunctuation, "! Thanks! Bye! See you!"},
		{"I'm so stupid for thinking I had a shot.", FindingSelfDeprecation, "I'm so stupid"},
		{"I knew I wasn't good enough for this team.", FindingSelfDeprecation, "I knew I wasn't good enough"},
		{"I'll never get a job at this rate.", FindingSelfDeprecation, "I'll never get a job"},
		{"Sorry for wasting your time.", FindingSelfDeprecation, "Sorry for wasting your time"},
	}
	for _, tc := range cases {
		res := CheckTone(tc.text)
		if res.Verdict != "revise" {
			t.Errorf("%q not flagged", tc.text)
			continue
		}
		found := false
		for _, f := range res.Findings {
			if f.Kind == tc.kind && f.Excerpt == tc.excerpt {
				found = true
				if string([]rune(tc.text)[f.Start:f.End]) != f.Excerpt || f.Suggestion == "" {
					t.Errorf("%q: offsets %d..%d do not match the excerpt", tc.text, f.Start, f.End)
				}
			}
		}
		if !found {
			t.Errorf("%q: want %s %q, got %+v", tc.text, tc.kind, tc.excerpt, res.Findings)
		}
	}
}

func TestToneCheckLeavesCourteousTextAlone(t *testing.T) {
	for _, text := range []string{
		"I was not able to attend the HTML workshop, but I have since completed it.",
		"Thank you for the detailed and fair process.",
		"I must say I enjoyed meeting the team.",
		"Could you tell me what I might improve?",
		"My NASA and AWS experience may be useful for a future opening.",
		"Thank you so much!",
		"I expect to finish my AWS course in May.",
		"I worked with the CEO and CTO on our GDPR programme.",
		"",
		"It was a pleasure to speak with you; I hope our paths cross again.",
	} {
		if res := CheckTone(text); res.Verdict != "ok" || len(res.Findings) != 0 {
			t.Errorf("%q flagged: %+v", text, res.Findings)
		}
	}
}

func TestToneCheckOffsetsAreCodePoints(t *testing.T) {
	text := "Zoë, you people are INCOMPETENT!!"
	res := CheckTone(text)
	kinds := map[string]Finding{}
	for _, f := range res.Findings {
		if _, seen := kinds[f.Kind]; !seen {
			kinds[f.Kind] = f
		}
	}
	if f := kinds[FindingHostile]; f.Start != 5 || f.End != 15 || f.Excerpt != "you people" {
		t.Fatalf("hostile finding %+v", f)
	}
	if f := kinds[FindingShouting]; f.Excerpt != "INCOMPETENT" {
		t.Fatalf("shouting finding %+v", f)
	}
	if f := kinds[FindingExcessivePunctuation]; f.Start != 31 || f.End != 33 {
		t.Fatalf("punctuation finding %+v", f)
	}
}

func TestToneCheckLength(t *testing.T) {
	long := strings.Repeat("I really appreciated the chance to interview with the team. ", 25)
	res := CheckTone(long)
	if res.WordCount != 250 || res.Verdict != "revise" || res.Findings[len(res.Findings)-1].Kind != FindingTooLong {
		t.Fatalf("long text: %d words, %+v", res.WordCount, res.Findings)
	}
	if len(ToneRules()) < 20 {
		t.Fatal("the rule table is not exposed")
	}
}
