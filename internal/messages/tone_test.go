package messages

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// flagged are sentences that must be flagged: the finding of the given kind must quote
// excerpt, starting at start (in code points), when checked in lang.
var flagged = []struct {
	lang, text, kind, excerpt string
	start                     int
}{
	{"en", "Honestly, you people never read a CV properly.", FindingHostile, "you people", 10},
	{"en", "How dare you reject me after four rounds.", FindingHostile, "How dare you", 0},
	{"en", "Rejecting me at this stage is ridiculous.", FindingHostile, "ridiculous", 30},
	{"en", "This whole process was a waste of my time.", FindingHostile, "waste of my time", 25},
	{"en", "I'll have you know I have ten years of experience.", FindingHostile, "I'll have you know", 0},
	{"en", "Frankly, I’ll have you know I led the migration.", FindingHostile, "I’ll have you know", 9},
	{"en", "Frankly, the take-home test was a joke.", FindingHostile, "was a joke", 28},
	{"en", "You must be joking.", FindingHostile, "You must be joking", 0},
	{"en", "It's your loss, not mine.", FindingHostile, "It's your loss", 0},
	{"en", "You're all amateurs over there.", FindingHostile, "You're all amateurs", 0},
	{"en", "That was a stupid decision.", FindingHostile, "stupid decision", 11},
	{"en", "You never gave me a chance to show my skills.", FindingBlame, "You never gave me a chance", 0},
	{"en", "The whole thing was rigged for an internal candidate.", FindingBlame, "rigged", 20},
	{"en", "I think the panel was biased against me.", FindingBlame, "biased against me", 22},
	{"en", "I demand to know who you hired.", FindingDemands, "I demand", 0},
	{"en", "I expect an explanation by Friday.", FindingDemands, "I expect an explanation", 0},
	{"en", "I expect an explanation by Friday.", FindingPushyFollowUp, "expect an explanation by", 2},
	{"en", "You owe me at least a phone call.", FindingDemands, "You owe me", 0},
	{"en", "Hi Sam. Tell me who got the job.", FindingDemands, "Tell me who", 8},
	{"en", "Please respond immediately.", FindingPushyFollowUp, "respond immediately", 7},
	{"en", "This is my third email about this.", FindingPushyFollowUp, "This is my third email", 0},
	{"en", "I ask that you reconsider your decision.", FindingBegging, "reconsider", 15},
	{"en", "Thanks for nothing.", FindingSarcasm, "Thanks for nothing", 0},
	{"en", "As per my last email, I sent the references.", FindingSarcasm, "As per my last", 0},
	{"en", "I will be speaking to my lawyer.", FindingLegalThreat, "speaking to my lawyer", 10},
	{"en", "I am VERY DISAPPOINTED with this outcome.", FindingShouting, "VERY DISAPPOINTED", 5},
	{"en", "Regards, ZOË ÅNGSTRÖM", FindingShouting, "ZOË ÅNGSTRÖM", 9},
	{"en", "Why would you do this?!", FindingExcessivePunctuation, "?!", 21},
	{"en", "Great! Thanks! Bye! See you!", FindingExcessivePunctuation, "!", 5},
	{"en", "Thanks!! I guess.", FindingExcessivePunctuation, "!!", 6},
	{"en", "Honestly I am a complete failure.", FindingSelfDeprecation, "I am a complete failure", 9},
	{"en", "Clearly I’m useless at interviews.", FindingSelfDeprecation, "I’m useless at interviews", 8},
	{"es", "Exijo una explicación inmediata.", FindingDemands, "Exijo", 0},
	{"es", "La decisión fue injusta, la verdad.", FindingBlame, "injusta", 16},
	{"es", "Me parece que ni siquiera leyeron mi currículum.", FindingBlame, "ni siquiera leyeron", 14},
	{"es", "¡¡Qué vergüenza!!", FindingExcessivePunctuation, "¡¡", 0},
	{"fr", "Franchement, merci pour rien.", FindingSarcasm, "merci pour rien", 13},
	{"fr", "Je saisirai les prud’hommes.", FindingLegalThreat, "prud’hommes", 16},
	{"fr", "C’est INACCEPTABLE !", FindingShouting, "INACCEPTABLE", 6},
	{"de", "Das Verfahren war völlig unfair.", FindingBlame, "unfair", 25},
	{"de", "Ich bin so ein Versager.", FindingSelfDeprecation, "Ich bin so ein Versager", 0},
	{"de", "Ich setze Ihnen eine Frist bis Montag.", FindingPushyFollowUp, "setze Ihnen eine Frist", 4},
	// Rules the corpus happens not to exercise.
	{"en", "You have got to be kidding me.", FindingHostile, "You have got to be kidding", 0},
	{"en", "I expect you to call me back.", FindingDemands, "I expect you to call", 0},
	{"en", "I deserved this job more than anyone.", FindingDemands, "I deserved this job", 0},
	{"en", "You should reverse your decision.", FindingDemands, "reverse your decision", 11},
	{"es", "Estoy desesperada, la verdad.", FindingBegging, "Estoy desesperada", 0},
	{"fr", "Franchement, vous vous foutez de moi.", FindingHostile, "vous vous foutez", 13},
	{"fr", "Je suis désespérée depuis ce refus.", FindingBegging, "Je suis désespérée", 0},
	{"de", "Ich bin völlig verzweifelt.", FindingBegging, "Ich bin völlig verzweifelt", 0},
}

func TestCheckToneFlags(t *testing.T) {
	for _, tc := range flagged {
		res := CheckToneIn(tc.text, tc.lang)
		want := Finding{Kind: tc.kind, Excerpt: tc.excerpt, Start: tc.start, End: tc.start + utf8.RuneCountInString(tc.excerpt)}
		found := false
		for _, f := range res.Findings {
			if f.Kind == want.Kind && f.Excerpt == want.Excerpt && f.Start == want.Start && f.End == want.End && f.Suggestion != "" {
				found = true
			}
		}
		if !found || res.Language != tc.lang {
			t.Errorf("%s %q: want %+v among %+v (checked in %q)", tc.lang, tc.text, want, res.Findings, res.Language)
		}
		checkInvariants(t, tc.text, res)
	}
}

func TestCheckToneLeavesCourteousTextAlone(t *testing.T) {
	for _, text := range []string{
		"",
		"I was not able to attend the HTML workshop, but I have since completed it.",
		"Thank you for the detailed and fair process.",
		"I must say I enjoyed meeting the team.",
		"You must have had many strong candidates.",
		"Would you be open to sharing what I could improve? There is no pressure at all.",
		"My NASA and AWS experience may be useful for a future opening.",
		"Thank you so much!",
		"THANK YOU, I really enjoyed it.",
		"Thank you so much!! It was a pleasure.",
		"Thanks! I really enjoyed it. Have a great weekend! See you soon!",
		"I expect to finish my AWS course in May.",
		"I expect the team is busy after the launch.",
		"I worked with the CEO and CTO on our GDPR programme, using AWS RDS and SQL.",
		"Our B2B SaaS team shipped ISO27001 controls and NASA'S KPIS dashboards.",
		"I told a joke in the interview and it landed well.",
		"I knew the team was growing fast, and I hope the new hire settles in well.",
		"I would welcome another chance to apply when a role opens.",
		"I don't demand anything; I just wanted to say thank you.",
		"It's ridiculous how much I learned in two hours.",
		"The decision makes sense, and I respect it.",
		"Thank you for your time and the update.",
		"Please let me know if there is anything I can send you.",
		"Attached is my CV (PDF) and a link to my portfolio.",
		"Best regards,\nDANA", // a four-letter signature in capitals is not shouting
	} {
		res := CheckTone(text)
		if res.Verdict != VerdictOK || len(res.Findings) != 0 || res.Language != "en" {
			t.Errorf("%q: %s in %q, %+v", text, res.Verdict, res.Language, res.Findings)
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
	if res := CheckToneIn("Cétunfair and Zoéyou people", "en"); len(res.Findings) != 0 {
		t.Errorf("matched inside a word: %+v", res.Findings)
	}
	if res := CheckToneIn("Zoë’s review was unfair.", "en"); len(res.Findings) != 1 || res.Findings[0].Start != 17 {
		t.Errorf("missed after an accented word: %+v", res.Findings)
	}
	// A Spanish phrase ending in an accented letter is found before punctuation, and one glued
	// to further letters is not.
	if res := CheckToneIn("Tenía prejuicios contra mí.", "es"); len(res.Findings) != 1 || res.Findings[0].Excerpt != "prejuicios contra mí" {
		t.Errorf("accented end: %+v", res.Findings)
	}
	if res := CheckToneIn("Es una injustamentería.", "es"); len(res.Findings) != 0 {
		t.Errorf("inside a word: %+v", res.Findings)
	}

	// Invalid UTF-8 counts one code point per bad byte, as []rune and encoding/json do.
	text = "\xff\xfeyou people"
	if res := CheckToneIn(text, "en"); len(res.Findings) != 1 || res.Findings[0].Start != 2 || res.Findings[0].End != 12 {
		t.Errorf("after invalid bytes: %+v", res.Findings)
	} else {
		checkInvariants(t, text, res)
	}
}

func TestCheckToneNegation(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		flagged    bool
	}{
		{"en", "I don't think the decision was unfair.", false},
		{"en", "I don't want to be rude, but that was unfair.", true},
		{"en", "I'm not asking you to reconsider.", false},
		{"en", "I demand nothing, of course.", false},
		{"en", "I can't believe how unprofessional that was.", true},
		{"en", "I'm not threatening to sue, but I know my rights.", true},
		{"es", "No creo que el proceso haya sido injusto.", false},
		{"es", "No quiero ser maleducado, pero fue una tomadura de pelo.", true},
		{"fr", "Je ne dis pas que c’était injuste.", false},
		{"fr", "Je n’exige rien, bien sûr.", false},
		{"de", "Ich finde den Prozess keineswegs unfair.", false},
		{"de", "Ich will nicht behaupten, dass es unfair war.", false},
		{"de", "Ich verlange keine Erklärung.", false},
		{"de", "Ihr Pech, nicht meins.", true},
	} {
		res := CheckToneIn(c.text, c.lang)
		if (len(res.Findings) > 0) != c.flagged {
			t.Errorf("%s %q: %+v", c.lang, c.text, res.Findings)
		}
	}
}

func TestCheckToneInChoosesTheLanguage(t *testing.T) {
	for _, c := range []struct {
		text, asked, verdict, lang, detected string
	}{
		{"Danke für nichts.", "en", VerdictRevise, "de", "de"},      // the text wins
		{"Thanks for nothing.", "fr-CA", VerdictRevise, "en", "en"}, // the text wins
		{"Im Ernst??", "de-AT", VerdictRevise, "de", "und"},         // too short: as asked
		{"Im Ernst??", "", VerdictRevise, "en", "und"},              // too short, nothing asked: English
		{"OK.", "it", VerdictUnsupportedLanguage, "", "und"},        // too short, asked for an unsupported one
		{"Grazie per niente.", "es", VerdictUnsupportedLanguage, "", "it"},
		{"Спасибо, но это несправедливо.", "", VerdictUnsupportedLanguage, "", "und"},
		{"Merci pour votre retour, c’était un plaisir.", "", VerdictOK, "fr", "fr"},
	} {
		res := CheckToneIn(c.text, c.asked)
		if res.Verdict != c.verdict || res.Language != c.lang || res.DetectedLanguage != c.detected {
			t.Errorf("%q asked %q: %s in %q, detected %q; want %s in %q, detected %q",
				c.text, c.asked, res.Verdict, res.Language, res.DetectedLanguage, c.verdict, c.lang, c.detected)
		}
		checkInvariants(t, c.text, res)
	}
	// Suggestions come in the language the text was checked in.
	if res := CheckToneIn("Exijo una explicación por esta decisión del equipo.", "en"); res.Language != "es" || len(res.Findings) == 0 || !strings.Contains(res.Findings[0].Suggestion, "«") {
		t.Errorf("Spanish suggestion: %+v", res)
	}
}

func TestCheckToneEmptyText(t *testing.T) {
	res := CheckTone("")
	if res.WordCount != 0 || res.Verdict != VerdictOK || res.Findings == nil || len(res.Findings) != 0 {
		t.Fatalf("%+v", res)
	}
	b, _ := json.Marshal(res)
	if string(b) != `{"word_count":0,"verdict":"ok","language":"en","detected_language":"und","findings":[]}` {
		t.Fatalf("JSON %s", b)
	}
	b, _ = json.Marshal(CheckTone("Спасибо за всё"))
	if string(b) != `{"word_count":3,"verdict":"unsupported_language","language":"","detected_language":"und","findings":[]}` {
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
	res := CheckTone("You didn't even listen to a word I said.")
	if len(res.Findings) != 1 || res.Findings[0].Excerpt != "You didn't even listen to a word" {
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
	var demands []Finding
	for _, f := range res.Findings {
		if f.Kind == FindingDemands {
			demands = append(demands, f)
		}
	}
	if len(demands) != 2 || demands[0].Start != 0 || demands[1].Start != 20 {
		t.Errorf("separate demands: %+v", res.Findings)
	}
	// Insults about oneself are self-deprecation, not hostility.
	res = CheckTone("I'm such an idiot, honestly.")
	if len(res.Findings) != 1 || res.Findings[0].Kind != FindingSelfDeprecation || res.Findings[0].Excerpt != "I'm such an idiot" {
		t.Errorf("self-talk: %+v", res.Findings)
	}
}

// TestCheckToneOnTheLongestAcceptedText checks that the check stays bounded: every phrase and
// rule runs over the longest text the API accepts, with thousands of findings.
func TestCheckToneOnTheLongestAcceptedText(t *testing.T) {
	for _, c := range []struct{ lang, unit string }{
		{"en", "You people!! I DEMAND AN ANSWER, it is unfair. I'm so stupid! "},
		{"de", "Sie sind INKOMPETENT!! Ich verlange eine Erklärung, das ist unfair. "},
	} {
		text := strings.Repeat(c.unit, MaxToneTextLength/utf8.RuneCountInString(c.unit))
		res := CheckToneIn(text, c.lang)
		if res.Verdict != VerdictRevise || res.Language != c.lang || len(res.Findings) < 4*(MaxToneTextLength/len(c.unit)) {
			t.Fatalf("%s: %d findings in %q", c.lang, len(res.Findings), res.Language)
		}
		checkInvariants(t, text, res)
	}
	bangs := strings.Repeat("! ", MaxToneTextLength/2)
	if res := CheckTone(bangs); len(res.Findings) != MaxToneTextLength/2 {
		t.Fatalf("%d findings for %d marks", len(res.Findings), MaxToneTextLength/2)
	}
}

// TestCheckToneIsDeterministic is a property test: texts spliced from corpus replies (from a
// fixed seed) always give the same result, which keeps the result's promises.
func TestCheckToneIsDeterministic(t *testing.T) {
	var pieces []string
	for _, lang := range Languages() {
		for _, e := range loadCorpus(t, lang) {
			pieces = append(pieces, e.Text)
		}
	}
	rng := rand.New(rand.NewPCG(20, 25))
	for range 400 {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			p := pieces[rng.IntN(len(pieces))]
			r := []rune(p)
			b.WriteString(string(r[rng.IntN(len(r)):]))
			b.WriteString([]string{" ", "\n", "!! ", "", " NOT "}[rng.IntN(5)])
		}
		text := b.String()
		lang := []string{"", "en", "es", "fr", "de", "it"}[rng.IntN(6)]
		first := CheckToneIn(text, lang)
		for range 3 {
			if again := CheckToneIn(text, lang); !reflect.DeepEqual(first, again) {
				t.Fatalf("%q: %+v then %+v", text, first, again)
			}
		}
		checkInvariants(t, text, first)
	}
}

func TestToneRules(t *testing.T) {
	codeKinds := []string{FindingShouting, FindingExcessivePunctuation, FindingTooLong}
	for _, lang := range Languages() {
		rules := ToneRulesIn(lang)
		kinds := map[string]bool{}
		for _, r := range rules {
			kinds[r.Kind] = true
			if r.Pattern == "" || r.Reason == "" || r.Suggestion == "" || r.Language != lang {
				t.Errorf("%s: incomplete rule %+v", lang, r)
			}
			end := strings.TrimRight(r.Suggestion, `"»“”« `)
			if !strings.HasSuffix(r.Reason, ".") || !strings.HasSuffix(end, ".") && !strings.HasSuffix(end, "?") && !strings.HasSuffix(end, "…") {
				t.Errorf("%s: reason and suggestion should be full sentences: %+v", lang, r)
			}
			if r.Negatable && (!negatableKinds[r.Kind] || slices.Contains(codeKinds, r.Kind)) {
				t.Errorf("%s: rule %q negatable %v", lang, r.Pattern, r.Negatable)
			}
		}
		for _, k := range findingKinds {
			if !kinds[k] {
				t.Errorf("%s has no rule of kind %s", lang, k)
			}
		}
		if len(kinds) != len(findingKinds) {
			t.Errorf("%s: unexpected kinds %v", lang, kinds)
		}
		// The legal-threat advice sends the complaint to its own channel rather than suggesting
		// a rephrasing.
		separately := map[string]string{"en": "separately", "es": "por separado", "fr": "séparément", "de": "getrennt"}
		for _, r := range rules {
			if r.Kind == FindingLegalThreat && !strings.Contains(r.Suggestion, separately[lang]) {
				t.Errorf("%s: legal-threat advice %q does not send the complaint elsewhere", lang, r.Suggestion)
			}
		}
		// Every phrase rule is exercised by a reply of the language's corpus or by a flagged
		// example, so no rule is dead weight; every phrase pattern marks its word boundaries;
		// and a pattern's needles never hide a match.
		texts := []string{}
		for _, e := range loadCorpus(t, lang) {
			texts = append(texts, e.Text)
		}
		for _, f := range flagged {
			if f.lang == lang {
				texts = append(texts, f.text)
			}
		}
		for _, p := range registry.langs[lang].tone.phrases {
			if !strings.Contains(p.rule.Pattern, `\b`) {
				t.Errorf("%s: rule %q marks no word boundary", lang, p.rule.Pattern)
			}
			hit := false
			for _, text := range texts {
				if p.re.MatchString(text) {
					hit = true
					if !containsAny(strings.ToLower(text), p.needles) {
						t.Errorf("%s: needles %q of %q miss %q", lang, p.needles, p.rule.Pattern, text)
					}
				}
			}
			if !hit {
				t.Errorf("%s: no corpus reply or example exercises rule %q", lang, p.rule.Pattern)
			}
		}
	}
	rules := ToneRules()
	if rules[0].Language != "en" || !strings.Contains(rules[len(rules)-3].Pattern, "NASA") {
		t.Error("ToneRules is not the English table with its acronym allowlist")
	}
	rules[0].Pattern = "changed"
	if ToneRules()[0].Pattern == "changed" {
		t.Error("ToneRules shares its table")
	}
	if got := ToneRulesIn("pt-BR"); got[0].Language != "en" {
		t.Errorf("unsupported language rules in %q", got[0].Language)
	}
	if k := FindingKinds(); !slices.Equal(k, findingKinds) || &k[0] == &findingKinds[0] {
		t.Error("FindingKinds")
	}
}

// TestEnumsTagsListEveryValue keeps the OpenAPI enums of the result types in step with the
// constants.
func TestEnumsTagsListEveryValue(t *testing.T) {
	kind, _ := reflect.TypeOf(Finding{}).FieldByName("Kind")
	if got := kind.Tag.Get("enums"); got != strings.Join(findingKinds, ",") {
		t.Errorf("Finding.Kind enums %q", got)
	}
	verdict, _ := reflect.TypeOf(ToneResult{}).FieldByName("Verdict")
	if got := verdict.Tag.Get("enums"); got != strings.Join([]string{VerdictOK, VerdictRevise, VerdictUnsupportedLanguage}, ",") {
		t.Errorf("ToneResult.Verdict enums %q", got)
	}
	lang, _ := reflect.TypeOf(ToneResult{}).FieldByName("Language")
	if got := lang.Tag.Get("enums"); got != strings.Join(Languages(), ",")+"," {
		t.Errorf("ToneResult.Language enums %q", got)
	}
	locale, _ := reflect.TypeOf(Draft{}).FieldByName("Locale")
	if got := locale.Tag.Get("enums"); got != strings.Join(Languages(), ",") {
		t.Errorf("Draft.Locale enums %q", got)
	}
}

// checkInvariants asserts what every result promises: a verdict that matches the findings,
// excerpts that are exactly the located passage, order by Start then Kind, and no two
// overlapping findings of one kind.
func checkInvariants(t *testing.T, text string, res ToneResult) {
	t.Helper()
	wantVerdict := VerdictOK
	switch {
	case res.Language == "":
		wantVerdict = VerdictUnsupportedLanguage
	case len(res.Findings) > 0:
		wantVerdict = VerdictRevise
	}
	if res.Verdict != wantVerdict || res.WordCount != WordCount(text) || res.Findings == nil {
		t.Errorf("verdict %q with %d findings in %q, %d words", res.Verdict, len(res.Findings), res.Language, res.WordCount)
	}
	if !regexp.MustCompile(`^(?:[a-z]{2}|und)$`).MatchString(res.DetectedLanguage) {
		t.Errorf("detected language %q", res.DetectedLanguage)
	}
	runes := []rune(text)
	lastEnd := map[string]int{}
	for i, f := range res.Findings {
		if f.Start < 0 || f.End > len(runes) || f.Start >= f.End || f.Suggestion == "" || !slices.Contains(findingKinds, f.Kind) {
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
