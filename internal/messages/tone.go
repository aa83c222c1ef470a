package messages

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Finding kinds of the tone check.
const (
	FindingTooLong              = "too_long"
	FindingHostile              = "hostile_or_accusatory"
	FindingBlame                = "blame"
	FindingDemands              = "demands"
	FindingShouting             = "shouting"
	FindingExcessivePunctuation = "excessive_punctuation"
	FindingSelfDeprecation      = "self_deprecation"
)

// Limits of the tone check.
const (
	// MaxToneTextLength is the longest text (in characters) the check accepts.
	MaxToneTextLength = 20000
	// LongMessageWords is where a reply to a rejection stops being brief.
	LongMessageWords = 200
)

// Finding is one passage the check suggests revising. Start and End are offsets in Unicode
// code points (not bytes) into the text, End exclusive.
type Finding struct {
	Kind       string `json:"kind" enums:"too_long,hostile_or_accusatory,blame,demands,shouting,excessive_punctuation,self_deprecation" example:"demands"`
	Excerpt    string `json:"excerpt" example:"I demand an explanation"`
	Start      int    `json:"start" example:"42"`
	End        int    `json:"end" example:"65"`
	Suggestion string `json:"suggestion" example:"Ask instead: \"Would you be open to sharing what I could improve?\""`
} //	@name	ToneFinding

// ToneResult is the verdict on a draft.
type ToneResult struct {
	WordCount int       `json:"word_count" example:"57"`
	Verdict   string    `json:"verdict" enums:"ok,revise" example:"revise"`
	Findings  []Finding `json:"findings"`
} //	@name	ToneCheck

// Rule is one explainable pattern of the tone check.
type Rule struct {
	Kind       string `json:"kind"`
	Pattern    string `json:"pattern"`
	Reason     string `json:"reason"`
	Suggestion string `json:"suggestion"`
}

// rules is the phrase table. Patterns are case-insensitive and anchored on word boundaries, so
// "I must say I enjoyed" is not a demand and "unfairly" is only matched as the word "unfair".
var rules = []Rule{
	{FindingHostile, `\byou people\b`, "Addresses the team as a group to blame; it reads as contempt.", "Address the person by name and keep to your own experience."},
	{FindingHostile, `\bhow dare you\b`, "An outburst closes the door on any future opening.", "Leave it out; a short thank-you keeps the relationship."},
	{FindingHostile, `\b(ridiculous|absurd|pathetic|disgraceful|insulting)\b`, "Judging the decision makes the reader defensive.", "Describe what you would like to learn instead of judging the decision."},
	{FindingHostile, `\b(incompetent|clueless|idiots?|stupid decision)\b`, "Calling people incompetent burns the bridge for good.", "Remove it; recruiters and managers move between companies and remember tone."},
	{FindingHostile, `\bunprofessional\b`, "An accusation of unprofessionalism rarely changes anything and is remembered.", "If something went wrong, mention it neutrally and briefly, or not at all."},
	{FindingHostile, `\bwaste of (my|our) time\b`, "Tells the reader their effort was worthless.", "Thank them for their time instead; it costs nothing and is remembered."},
	{FindingHostile, `\bi'?ll have you know\b`, "A lecturing opening signals an argument is coming.", "Open with thanks, and keep any point to one calm sentence."},
	{FindingHostile, `\b(a joke|a farce|a scam)\b`, "Mocks the process the reader is part of.", "Leave the process unjudged; ask one constructive question instead."},
	{FindingBlame, `\byou (never|didn'?t even) (gave|give) me a (fair )?chance\b`, "Blames the reader for the outcome.", "Speak about what you would do differently, not about what they did."},
	{FindingBlame, `\byour (process|hiring process|system) (is|was) (broken|flawed|unfair|biased)\b`, "Criticising their process puts them on the defensive.", "If you have process feedback, offer it later and only if asked."},
	{FindingBlame, `\bunfair(ly)?\b`, "Calling the decision unfair assumes bad faith.", "Assume a professional decision; ask what would have strengthened your application."},
	{FindingBlame, `\b(rigged|fixed from the start)\b`, "Alleging a rigged process accuses people of dishonesty.", "Leave it out; an internal or stronger candidate is a common, honest reason."},
	{FindingBlame, `\byou (clearly|obviously) (didn'?t|did not) (read|look at|understand)\b`, "Accuses the reader of not doing their job.", "Restate briefly the strength you want them to remember, without blame."},
	{FindingBlame, `\b(it'?s|it is|this is) (all )?your fault\b`, "Assigns fault for a hiring decision.", "Focus on next steps rather than fault."},
	{FindingDemands, `\bi demand\b`, "Demands leave no room to say yes graciously.", "Ask instead: \"Would you be open to sharing…?\""},
	{FindingDemands, `\bi expect (an? )?(explanation|answer|response|reply)\b`, "Nobody owes a rejected candidate an explanation; expecting one sounds entitled.", "Ask for feedback as a favour: \"If you have a moment…\""},
	{FindingDemands, `\byou must\b`, "Orders the reader about.", "Use a request: \"Could you…\" or \"Would you be willing to…\""},
	{FindingDemands, `\byou owe me\b`, "Claims a debt that does not exist.", "Thank them for their time and ask one optional question."},
	{FindingDemands, `\b(respond|reply|answer) (immediately|right away|asap|at once)\b`, "Deadlines put pressure on a favour.", "Make replying optional and unhurried."},
	{FindingDemands, `\breconsider (your|the) decision\b`, "Asking them to reverse a decision rarely works and strains goodwill.", "Express continued interest in future openings instead."},
	{FindingSelfDeprecation, `\bi'?m (so )?(stupid|useless|worthless|a failure|hopeless|an idiot)\b`, "Harsh words about yourself undersell you to the reader, and to yourself.", "Name one thing you will work on; a rejection is a result, not a verdict on you."},
	{FindingSelfDeprecation, `\bi knew i (wasn'?t|was not) good enough\b`, "Turns one decision into a judgement of your worth.", "Say what you learned and what you will do next."},
	{FindingSelfDeprecation, `\bi'?m not good enough\b`, "Undersells you; they did consider you seriously.", "Leave it out; point to a strength you showed instead."},
	{FindingSelfDeprecation, `\bi'?ll never (get|find) a job\b`, "Despair in a professional note worries the reader and does not help you.", "Keep the message forward-looking; talk to a friend or coach about the hard feelings."},
	{FindingSelfDeprecation, `\b(sorry for wasting your time|i wasted your time)\b`, "Apologising for applying signals you did not belong there.", "Thank them for their time instead."},
}

// compiled rules, built once.
var compiled = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(rules))
	for i, r := range rules {
		out[i] = regexp.MustCompile(`(?i)` + r.Pattern)
	}
	return out
}()

// ToneRules lists every rule with its reason, for the docs and for clients that explain
// findings themselves. Shouting, punctuation and length are checked by code, described here too.
func ToneRules() []Rule {
	out := append([]Rule{}, rules...)
	out = append(out,
		Rule{FindingShouting, "two or more consecutive ALL-CAPS words of 3+ letters, or one ALL-CAPS word of 5+ letters that is not a known acronym", "Capitals read as shouting.", "Write in sentence case; use one word in italics or bold if you need emphasis."},
		Rule{FindingExcessivePunctuation, `repeated "!!", "??" or "?!", or more than three "!" in the text`, "Stacked punctuation reads as agitation.", "One full stop or question mark is enough."},
		Rule{FindingTooLong, "more than 200 words", "A reply to a rejection should be read in seconds; long ones tend to argue.", "Cut it to three or four sentences: thanks, one question or wish, sign-off."},
	)
	return out
}

// acronyms are all-caps words that are not shouting.
var acronyms = map[string]bool{
	"HTML": true, "CSS": true, "NASA": true, "AWS": true, "GCP": true, "SQL": true, "CEO": true, "CTO": true, "CFO": true,
	"USA": true, "UK": true, "EU": true, "JSON": true, "API": true, "APIS": true, "HTTP": true, "HTTPS": true, "REST": true,
	"GDPR": true, "KPI": true, "KPIS": true, "SaaS": true, "B2B": true, "B2C": true, "NATO": true, "UNESCO": true, "UNICEF": true,
	"IEEE": true, "ASAP": true, "MBA": true, "PHD": true, "CV": true, "HR": true, "QA": true, "UX": true, "UI": true, "ML": true, "AI": true,
	"SOC": true, "ISO": true, "PMP": true, "CPA": true, "OKR": true, "OKRS": true, "NGO": true, "IBM": true, "SAP": true, "CRM": true, "ERP": true,
}

var (
	capsWord   = regexp.MustCompile(`\b[\p{Lu}][\p{Lu}']*\b`)
	punctRuns  = regexp.MustCompile(`[!?]{2,}`)
	exclaimOne = regexp.MustCompile(`!`)
)

// CheckTone reviews a candidate's draft and says what to revise and why.
func CheckTone(text string) ToneResult {
	words := WordCount(text)
	var found []Finding
	runeOffset := byteToRune(text)
	add := func(kind string, start, end int, suggestion string) {
		found = append(found, Finding{Kind: kind, Excerpt: text[start:end], Start: runeOffset(start), End: runeOffset(end), Suggestion: suggestion})
	}
	for i, re := range compiled {
		for _, m := range re.FindAllStringIndex(text, -1) {
			add(rules[i].Kind, m[0], m[1], rules[i].Suggestion)
		}
	}
	shoutSuggestion := "Write in sentence case; capitals read as shouting."
	caps := capsWord.FindAllStringIndex(text, -1)
	for i := 0; i < len(caps); {
		j := i
		// Extend over consecutive shouted words separated only by spaces or light punctuation.
		for j+1 < len(caps) && isShouty(text[caps[j+1][0]:caps[j+1][1]], 3) && isShouty(text[caps[j][0]:caps[j][1]], 3) && onlySpace(text[caps[j][1]:caps[j+1][0]]) {
			j++
		}
		first := text[caps[i][0]:caps[i][1]]
		switch {
		case j > i:
			add(FindingShouting, caps[i][0], caps[j][1], shoutSuggestion)
		case isShouty(first, 5):
			add(FindingShouting, caps[i][0], caps[i][1], shoutSuggestion)
		}
		i = j + 1
	}
	for _, m := range punctRuns.FindAllStringIndex(text, -1) {
		add(FindingExcessivePunctuation, m[0], m[1], "One full stop or question mark is enough.")
	}
	if bangs := exclaimOne.FindAllStringIndex(text, -1); len(bangs) > 3 && len(punctRuns.FindAllStringIndex(text, -1)) == 0 {
		add(FindingExcessivePunctuation, bangs[0][0], bangs[len(bangs)-1][1], "Keep exclamation marks to one at most.")
	}
	if words > LongMessageWords {
		add(FindingTooLong, 0, len(text), "Cut it to three or four sentences: thanks, one question or wish, sign-off.")
	}
	found = mergeFindings(found)
	runes := []rune(text)
	for i := range found {
		found[i].Excerpt = string(runes[found[i].Start:found[i].End])
	}
	res := ToneResult{WordCount: words, Verdict: "ok", Findings: found}
	if len(found) > 0 {
		res.Verdict = "revise"
	}
	return res
}

// isShouty reports whether w is an all-caps word of at least min letters that is not an acronym.
func isShouty(w string, min int) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters >= min && !acronyms[strings.ToUpper(w)]
}

func onlySpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != ',' {
			return false
		}
	}
	return len(s) > 0
}

// byteToRune converts byte offsets of text into code point offsets.
func byteToRune(text string) func(int) int {
	return func(b int) int { return utf8.RuneCountInString(text[:b]) }
}

// mergeFindings sorts findings and merges overlapping ones of the same kind.
func mergeFindings(in []Finding) []Finding {
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].Start != in[j].Start {
			return in[i].Start < in[j].Start
		}
		return in[i].Kind < in[j].Kind
	})
	out := make([]Finding, 0, len(in))
	for _, f := range in {
		merged := false
		for k := range out {
			if out[k].Kind == f.Kind && f.Start < out[k].End && out[k].Start < f.End {
				merged = true
				if f.End > out[k].End {
					out[k].End = f.End
				}
				break
			}
		}
		if !merged {
			out = append(out, f)
		}
	}
	return out
}
