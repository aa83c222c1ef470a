package messages

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// draftInputs are realistic rejections, from the fullest to the emptiest, used by the tests
// that must hold for every kind.
var draftInputs = map[string]DraftInput{
	"final round, recruiter, link": {CandidateName: "Dana Whitfield", Company: "Northwind Analytics", RoleTitle: "Senior Backend Engineer", Stage: "final_round", ContactName: "Priya Raman", ContactRole: "recruiter", ResponseURL: "https://rebound.example/f/frt_abc123"},
	"application, no contact":      {CandidateName: "Sam Lee", Company: "Contoso", RoleTitle: "Data Analyst", Stage: "application"},
	"everything empty":             {},
	"non-ASCII, en-GB, phone":      {Locale: "en-GB", CandidateName: "Zoë Ångström", Company: "Fabrikam Søren & Co", RoleTitle: "Product Designer", Stage: "phone_screen", ContactName: "Søren Kierkegaard", ContactRole: "hiring_manager", ResponseURL: "[your response link]"},
	"offer stage, HR, honorific":   {Locale: "en", CandidateName: "Alex Morgan", Company: "Globex", RoleTitle: "Finance Manager", Stage: "offer", ContactName: "Dr. Dana Reyes", ContactRole: "hr"},
	"interview, interviewer":       {Company: "Initech", Stage: "interview", ContactName: "Bill", ContactRole: "interviewer"},
	"assessment, role only":        {RoleTitle: "Junior Accountant", Stage: "assessment", ContactRole: "other"},
	"screening, company only":      {Company: "Umbrella Health", Stage: "screening", CandidateName: "Jo"},
	"unknown stage, messy spacing": {Locale: " EN_us ", CandidateName: "  Ana\nSilva ", Company: " Acme\n Logistics ", RoleTitle: "Warehouse\tLead", Stage: " Panel ", ContactName: "\tMaría José  ", ContactRole: "Recruiter"},
}

func TestEveryDraftIsBriefCourteousAndPassesTheToneCheck(t *testing.T) {
	for name, in := range draftInputs {
		for _, kind := range Kinds() {
			t.Run(fmt.Sprintf("%s/%s", kind, name), func(t *testing.T) {
				d, err := Compose(kind, in)
				if err != nil {
					t.Fatal(err)
				}
				if d.WordCount != WordCount(d.Body) || d.WordCount < 30 || d.WordCount >= 150 {
					t.Errorf("%d words (WordCount says %d); want 30–149:\n%s", d.WordCount, WordCount(d.Body), d.Body)
				}
				if res := CheckTone(d.Body); res.Verdict != VerdictOK || len(res.Findings) != 0 {
					t.Errorf("fails its own tone check: %+v\n%s", res.Findings, d.Body)
				}
				if res := CheckTone(d.Subject); res.Verdict != VerdictOK {
					t.Errorf("subject fails the tone check: %+v", res.Findings)
				}
				if d.Subject == "" || strings.ContainsAny(d.Subject, "\n\t") || len(d.Subject) > 90 {
					t.Errorf("subject %q", d.Subject)
				}
				for _, bad := range []string{"{{", "}}", "<no value>", "  ", " ,", " .", "..", ",,", "\n\n\n", "the  ", " at .", "!"} {
					if strings.Contains(d.Body, bad) || strings.Contains(d.Subject, bad) {
						t.Errorf("contains %q:\nSubject: %s\n%s", bad, d.Subject, d.Body)
					}
				}
				if !strings.HasPrefix(d.Body, "Hi ") && !strings.HasPrefix(d.Body, "Hello,\n") {
					t.Errorf("no greeting:\n%s", d.Body)
				}
				if !strings.Contains(d.Body, "\n\nBest regards") {
					t.Errorf("no sign-off:\n%s", d.Body)
				}
				// Every sentence-opening paragraph starts with a capital letter.
				for _, para := range strings.Split(d.Body, "\n\n") {
					if first := []rune(para)[0]; first < 'A' || first > 'Z' {
						t.Errorf("paragraph %q does not start with a capital", para)
					}
				}
				again, _ := Compose(kind, in)
				if again != d {
					t.Error("Compose is not deterministic")
				}
			})
		}
	}
}

func TestDraftsAreFilledFromTheRejection(t *testing.T) {
	in := draftInputs["final round, recruiter, link"]
	want := map[Kind][]string{
		KindThankYou: {"Hi Priya,", "Senior Backend Engineer role at Northwind Analytics", "meeting me in the final round",
			"everyone I met", "keeping me informed", "I respect the decision", "Best regards,\nDana Whitfield"},
		KindFeedbackRequest: {"Hi Priya,", "Senior Backend Engineer role at Northwind Analytics", "meeting me in the final round",
			"the one thing that would have made my final-round interviews stronger?", "no pressure",
			"you can answer here; it takes about two minutes: https://rebound.example/f/frt_abc123", "Thank you", "Dana Whitfield"},
		KindContinuedInterest: {"Hi Priya,", "Senior Backend Engineer role at Northwind Analytics", "the Northwind Analytics team", "future openings"},
		KindCheckIn:           {"Hi Priya,", "Senior Backend Engineer role at Northwind Analytics", "brief hello", "I remain keen", "no need to reply"},
		KindContractInquiry:   {"Hi Priya,", "Senior Backend Engineer role at Northwind Analytics", "contract, part-time or project work"},
	}
	for kind, parts := range want {
		d, err := Compose(kind, in)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parts {
			if !strings.Contains(d.Body, p) {
				t.Errorf("%s lacks %q:\n%s", kind, p, d.Body)
			}
		}
		if !strings.HasSuffix(d.Body, "Best regards,\nDana Whitfield") {
			t.Errorf("%s is not signed:\n%s", kind, d.Body)
		}
	}

	fr, _ := Compose(KindFeedbackRequest, in)
	if n := strings.Count(fr.Body, "?"); n != 1 {
		t.Errorf("a feedback request asks exactly one question, found %d:\n%s", n, fr.Body)
	}
	if n := strings.Count(fr.Body, in.ResponseURL); n != 1 {
		t.Errorf("the response link appears %d times", n)
	}
	in.ResponseURL = ""
	fr, _ = Compose(KindFeedbackRequest, in)
	if strings.Contains(fr.Body, "two minutes") || strings.Contains(fr.Body, "answer here") {
		t.Errorf("a feedback request without a link still mentions one:\n%s", fr.Body)
	}
	for _, kind := range []Kind{KindThankYou, KindContinuedInterest, KindCheckIn, KindContractInquiry} {
		if d, _ := Compose(kind, in); strings.Contains(d.Body, "?") {
			t.Errorf("%s asks a question; only the feedback request should:\n%s", kind, d.Body)
		}
	}
	if d, _ := Compose(KindFeedbackRequest, DraftInput{Stage: "interview", ResponseURL: "https://x.example/f/1"}); !strings.Contains(d.Body, "https://x.example/f/1") {
		t.Errorf("the link is left out without a contact:\n%s", d.Body)
	}
	if d, _ := Compose(KindThankYou, DraftInput{ResponseURL: "https://x.example/f/1"}); strings.Contains(d.Body, "https://") {
		t.Errorf("only feedback requests carry the link:\n%s", d.Body)
	}
}

func TestDraftsFollowTheStage(t *testing.T) {
	for stage, want := range map[string]struct{ thanks, noun string }{
		"application":  {"considering my application", "my application"},
		"screening":    {"reviewing my application", "my application"},
		"phone_screen": {"speaking with me on the phone", "my phone interview"},
		"assessment":   {"reviewing my assessment", "my assessment"},
		"interview":    {"the time you spent interviewing me", "my interviews"},
		"final_round":  {"meeting me in the final round", "my final-round interviews"},
		"offer":        {"considering me right up to the offer stage", "my candidacy"},
		"":             {"your time", "my application"},
		"unheard_of":   {"your time", "my application"},
	} {
		d, _ := Compose(KindFeedbackRequest, DraftInput{Company: "Contoso", Stage: stage})
		if !strings.Contains(d.Body, "Thank you for "+want.thanks+".") || !strings.Contains(d.Body, "would have made "+want.noun+" stronger?") {
			t.Errorf("stage %q:\n%s", stage, d.Body)
		}
	}
	// Only a candidate who has spoken with people thanks them for the conversations.
	early, _ := Compose(KindThankYou, DraftInput{Company: "Contoso", Stage: "application"})
	late, _ := Compose(KindThankYou, DraftInput{Company: "Contoso", Stage: "interview"})
	if strings.Contains(early.Body, "conversations") || !strings.Contains(early.Body, "everyone who was involved") {
		t.Errorf("application-stage thank-you:\n%s", early.Body)
	}
	if !strings.Contains(late.Body, "I enjoyed our conversations") || !strings.Contains(late.Body, "everyone I met") {
		t.Errorf("interview-stage thank-you:\n%s", late.Body)
	}
}

func TestEmptyInputStillReadsNaturally(t *testing.T) {
	d, err := Compose(KindThankYou, DraftInput{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Hello,\n\n" +
		"Thank you for letting me know your decision about the role, and for your time. I appreciate the care that went into it.\n\n" +
		"Please pass my thanks on to everyone who was involved.\n\n" +
		"While I am disappointed, I respect the decision, and I hope our paths cross again. I wish you and your team every success.\n\n" +
		"Best regards"
	if d.Body != want {
		t.Errorf("got:\n%s\n\nwant:\n%s", d.Body, want)
	}
	if d.Subject != "Thank you for the update" {
		t.Errorf("subject %q", d.Subject)
	}
	for _, kind := range Kinds() {
		d, _ := Compose(kind, DraftInput{})
		if strings.Contains(d.Body, " at ") && strings.Contains(d.Body, " at ,") {
			t.Errorf("%s dangles an \"at\":\n%s", kind, d.Body)
		}
		if strings.Contains(d.Subject, " with ") || strings.HasSuffix(d.Subject, " at") {
			t.Errorf("%s subject mentions a missing company: %q", kind, d.Subject)
		}
	}
	// Company without role, and role without company.
	d, _ = Compose(KindContractInquiry, DraftInput{Company: "Contoso"})
	if !strings.Contains(d.Body, "I understand the role at Contoso has gone another way") || d.Subject != "Contract or project work with Contoso" {
		t.Errorf("company only:\n%s\n%s", d.Subject, d.Body)
	}
	d, _ = Compose(KindContinuedInterest, DraftInput{RoleTitle: "Data Analyst"})
	if !strings.Contains(d.Body, "Although the Data Analyst role did not work out") || !strings.Contains(d.Body, "interested in your team") {
		t.Errorf("role only:\n%s", d.Body)
	}
}

func TestGreetingAndSignature(t *testing.T) {
	for name, want := range map[string]string{
		"Priya Raman":        "Hi Priya,",
		"Dana":               "Hi Dana,",
		"":                   "Hello,",
		"   ":                "Hello,",
		"\tMaría José  ":     "Hi María,",
		"Dr. Dana Reyes":     "Hi Dr. Dana Reyes,",
		"Prof Ada  Lovelace": "Hi Prof Ada Lovelace,",
		"Mr.":                "Hi Mr.,", // a lone title is all we know
	} {
		d, _ := Compose(KindCheckIn, DraftInput{ContactName: name})
		if got, _, _ := strings.Cut(d.Body, "\n"); got != want {
			t.Errorf("contact %q: greeting %q, want %q", name, got, want)
		}
	}
	d, _ := Compose(KindCheckIn, DraftInput{CandidateName: " Ana\nSilva "})
	if !strings.HasSuffix(d.Body, "\n\nBest regards,\nAna Silva") {
		t.Errorf("signature:\n%s", d.Body)
	}
	d, _ = Compose(KindCheckIn, DraftInput{Company: "Acme\r\nBcc: x@example.com"})
	if strings.ContainsAny(d.Subject, "\r\n") {
		t.Errorf("a line break in the company reached the subject: %q", d.Subject)
	}
}

func TestComposeErrors(t *testing.T) {
	for _, kind := range []Kind{"", "apology", "Thank-You", "thank_you"} {
		if _, err := Compose(kind, DraftInput{}); !errors.Is(err, ErrUnknownKind) {
			t.Errorf("kind %q: %v", kind, err)
		}
	}
	for _, loc := range []string{"", "en", "EN", "en-GB", "en_US", " en-us "} {
		if _, err := Compose(KindThankYou, DraftInput{Locale: loc}); err != nil {
			t.Errorf("locale %q: %v", loc, err)
		}
	}
	for _, loc := range []string{"fr", "de-DE", "english", "pt_BR", "e"} {
		if _, err := Compose(KindThankYou, DraftInput{Locale: loc}); !errors.Is(err, ErrUnsupportedLocale) {
			t.Errorf("locale %q: %v", loc, err)
		}
	}
	// An unknown kind is reported as such even in an unsupported locale.
	if _, err := Compose("apology", DraftInput{Locale: "fr"}); !errors.Is(err, ErrUnknownKind) {
		t.Errorf("unknown kind in French: %v", err)
	}
}

func TestKindsAndParseKind(t *testing.T) {
	kinds := Kinds()
	want := []Kind{"thank-you", "feedback-request", "continued-interest", "check-in", "contract-inquiry"}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Fatalf("Kinds() = %v", kinds)
	}
	for _, k := range kinds {
		if got, ok := ParseKind(string(k)); !ok || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, ok)
		}
	}
	for _, s := range []string{"", "Thank-You", "thankyou", " check-in", "apology"} {
		if got, ok := ParseKind(s); ok || got != "" {
			t.Errorf("ParseKind(%q) = %q, %v", s, got, ok)
		}
	}
	kinds[0] = "changed"
	if Kinds()[0] != KindThankYou {
		t.Error("Kinds() shares its slice")
	}
}

// TestLocaleTables checks every table is complete, so a new language is caught by the tests
// rather than by a candidate.
func TestLocaleTables(t *testing.T) {
	if len(compiled) != len(localeTables) {
		t.Fatalf("%d tables, %d compiled", len(localeTables), len(compiled))
	}
	for lang, table := range localeTables {
		if lang != strings.ToLower(lang) || strings.ContainsAny(lang, "-_ ") {
			t.Errorf("locale key %q must be a lower-case primary language subtag", lang)
		}
		for _, kind := range Kinds() {
			if _, ok := table.Drafts[kind]; !ok {
				t.Errorf("%s lacks %s", lang, kind)
			}
		}
		if len(table.Drafts) != len(Kinds()) {
			t.Errorf("%s has drafts for unknown kinds", lang)
		}
		if _, ok := table.Stages[""]; !ok {
			t.Errorf("%s lacks the fallback stage", lang)
		}
		for stage := range stageFacts {
			if p, ok := table.Stages[stage]; !ok || p.Thanks == "" || p.Noun == "" {
				t.Errorf("%s lacks phrases for stage %s", lang, stage)
			}
		}
		for _, partial := range []string{"greeting", "role", "team", "signoff"} {
			for kind, tpl := range compiled[lang].drafts {
				if tpl.Lookup(partial) == nil {
					t.Errorf("%s/%s lacks the %q partial", lang, kind, partial)
				}
			}
		}
	}
}

func TestWordCount(t *testing.T) {
	for s, want := range map[string]int{
		"":                                  0,
		"   \n\t ":                          0,
		"Hello, world.":                     2,
		"Don't send the 1,000-word e-mail.": 5,
		"Answer here: https://rebound.example/f/frt_x?a=b": 3,
		"Thanks — really.":                2,
		"Zoë Ångström 🙂":                  2,
		"Best regards,\nDana Whitfield":   4,
		"one\ttwo\nthree  four\u00a0five": 5,
		strings.Repeat("word ", 250):      250,
	} {
		if got := WordCount(s); got != want {
			t.Errorf("WordCount(%q) = %d, want %d", s, got, want)
		}
	}
}
