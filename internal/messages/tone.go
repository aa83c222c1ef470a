package messages

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/reboundhq/rebound/internal/locale"
)

// Finding kinds of the tone check. They are the values of Finding.Kind and Rule.Kind, named
// after the habit each one catches so a client can group or translate them. Every language
// the check supports has rules of every kind.
const (
	// FindingTooLong flags a message over LongMessageWords words.
	FindingTooLong = "too_long"
	// FindingHostile flags insults, contempt and ill wishes aimed at the people or the company
	// ("you people", "incompetent", "I hope your startup fails"), and threats other than legal
	// ones ("you'll regret this", "I'll tell everyone how you treat people").
	FindingHostile = "hostile_or_accusatory"
	// FindingBlame flags holding the employer responsible for the outcome or accusing the
	// process of unfairness, bias or carelessness ("unfair", "rigged", "you didn't even read
	// my CV").
	FindingBlame = "blame"
	// FindingDemands flags orders and claims of entitlement to an explanation or an action
	// ("I demand", "you owe me", "I expect an explanation", "tell me who you hired").
	FindingDemands = "demands"
	// FindingShouting flags words in capitals that read as shouting; warm capitals ("THANK
	// YOU") are not shouting.
	FindingShouting = "shouting"
	// FindingExcessivePunctuation flags stacked "!" and "?" and a shower of "!"; a doubled "!"
	// after sincere thanks is not flagged.
	FindingExcessivePunctuation = "excessive_punctuation"
	// FindingSelfDeprecation flags sweeping harsh judgements the candidate makes about
	// themselves, and apologies for having applied ("I'm useless", "sorry for wasting your
	// time").
	FindingSelfDeprecation = "self_deprecation"
	// FindingSarcasm flags sarcasm and passive aggression: mock thanks ("thanks for
	// nothing"), mock congratulations, ironic praise and pointed reminders of unanswered
	// messages ("as per my last email").
	FindingSarcasm = "sarcasm"
	// FindingBegging flags pleading for the job or for the decision to be reversed ("please
	// reconsider", "I'll do anything", "I really need this job").
	FindingBegging = "begging"
	// FindingPushyFollowUp flags pressure on when or whether the employer replies: deadlines,
	// ultimatums, "ASAP", "I'm still waiting", counting one's own messages.
	FindingPushyFollowUp = "pushy_follow_up"
	// FindingLegalThreat flags lawyers, lawsuits, tribunals and formal complaints in a reply,
	// even when denied ("I'm not threatening to sue, but…"). Its advice differs from the rest:
	// if the candidate believes they were treated unlawfully, that belongs in a separate
	// complaint through the proper channel, not in this message.
	FindingLegalThreat = "legal_threat"
)

// findingKinds lists every kind, in the order of the constants.
var findingKinds = []string{FindingTooLong, FindingHostile, FindingBlame, FindingDemands, FindingShouting,
	FindingExcessivePunctuation, FindingSelfDeprecation, FindingSarcasm, FindingBegging, FindingPushyFollowUp,
	FindingLegalThreat}

// FindingKinds lists every finding kind, so clients can offer a filter or a legend. Each
// call returns a new slice.
func FindingKinds() []string { return append([]string(nil), findingKinds...) }

// Verdicts of the tone check.
const (
	// VerdictOK means no rule matched. The rules are precise rather than exhaustive: on
	// replies written after the rules (the "fresh" split of testdata/tone) they flagged almost
	// no courteous text but found only a fifth to a half of the problems, so "ok" is not a
	// guarantee that a message reads well.
	VerdictOK = "ok"
	// VerdictRevise means at least one finding deserves another look before sending.
	VerdictRevise = "revise"
	// VerdictUnsupportedLanguage means the text is in a language the check has no rules for
	// (see CheckToneIn), so it cannot vouch for it; there are no findings.
	VerdictUnsupportedLanguage = "unsupported_language"
)

// Limits of the tone check.
const (
	// MaxToneTextLength is the longest text, in characters (Unicode code points), the API
	// accepts for a tone check. It bounds the work per request; CheckTone itself accepts any
	// length, so callers must enforce the limit.
	MaxToneTextLength = 20000
	// LongMessageWords is the word count above which a reply to a rejection is no longer
	// brief: long replies tend to argue, and they are rarely read to the end.
	LongMessageWords = 200
	// MaxExclamationMarks is how many "!" a message may hold in total before each one is
	// flagged; a single, warm "Thank you!" is fine.
	MaxExclamationMarks = 3
)

// Finding is one passage the tone check suggests revising, with a fix.
//
// Start and End locate the passage in the checked text as offsets in Unicode code points
// (runes), not bytes or UTF-16 units, with End exclusive; in Go, []rune(text)[Start:End]. For
// every kind except too_long, Excerpt is exactly that passage. A too_long finding spans the
// whole text (Start 0, End its length in runes), and its Excerpt is only the text's opening
// words followed by "…", so the response does not repeat the whole message.
type Finding struct {
	// Kind says which habit the passage shows; see ToneRules for each kind's reasons.
	Kind string `json:"kind" enums:"too_long,hostile_or_accusatory,blame,demands,shouting,excessive_punctuation,self_deprecation,sarcasm,begging,pushy_follow_up,legal_threat" example:"demands"`
	// Excerpt is the flagged passage as written.
	Excerpt string `json:"excerpt" example:"I demand"`
	// Start is the offset, in code points, of the passage's first character.
	Start int `json:"start" example:"31"`
	// End is the offset, in code points, just after the passage's last character.
	End int `json:"end" example:"39"`
	// Suggestion is a concrete way to rephrase or what to do instead, in the language the
	// text was checked in.
	Suggestion string `json:"suggestion" example:"Ask instead: \"Would you be open to sharing…?\""`
} //	@name	ToneFinding

// ToneResult is the verdict on a message, returned to API clients as is.
type ToneResult struct {
	// WordCount is WordCount(text), the measure used by the too_long rule.
	WordCount int `json:"word_count" example:"57"`
	// Verdict is "revise" when there is at least one finding, "unsupported_language" when the
	// text is in a language the check has no rules for, otherwise "ok".
	Verdict string `json:"verdict" enums:"ok,revise,unsupported_language" example:"revise"`
	// Language is the language whose rules were applied (en, es, fr or de), or "" when the
	// verdict is unsupported_language. It can differ from the language asked for when the
	// text is clearly written in another supported language; see CheckToneIn.
	Language string `json:"language" enums:"en,es,fr,de," example:"en"`
	// DetectedLanguage is the language the text itself appears to be written in, as an ISO
	// 639-1 code (en, es, fr, de, and it, pt, nl, pl, sv, da, ro, tr, cs or ca among the
	// unsupported ones), or "und" when the text is too short to tell or matches no known
	// language.
	DetectedLanguage string `json:"detected_language" example:"en"`
	// Findings are sorted by Start, then Kind; overlapping findings of the same kind are
	// merged into one. Never nil, so it is encoded as [] rather than null.
	Findings []Finding `json:"findings"`
} //	@name	ToneCheck

// Rule is one explainable rule of the tone check: what it matches, why that hurts a
// candidate, and what to write instead. ToneRules publishes the table so clients and docs
// can show the reasoning instead of an opaque score.
type Rule struct {
	// Kind is the Finding kind the rule produces.
	Kind string `json:"kind" example:"demands"`
	// Language is the language the rule applies to.
	Language string `json:"language" example:"en"`
	// Pattern is a Go regular expression, matched case-insensitively and only at word
	// boundaries; for the rules checked in code (shouting, punctuation, length) it is a
	// plain-English description instead.
	Pattern string `json:"pattern" example:"\\bi (?:demand|insist)\\b"`
	// Negatable says whether a negation just before the match in the same clause ("I don't
	// demand anything") or just after it ("I demand nothing") cancels it. Sarcasm and legal
	// threats are never cancelled: "I'm not threatening to sue, but…" still reads as a threat.
	Negatable bool `json:"negatable" example:"true"`
	// Reason explains why the phrasing works against the candidate, in the rule's language.
	Reason string `json:"reason" example:"A demand leaves the reader no gracious way to say yes."`
	// Suggestion is what to write instead, in the rule's language; findings carry it.
	Suggestion string `json:"suggestion" example:"Ask instead: \"Would you be open to sharing…?\""`
} //	@name	ToneRule

// ToneRules lists every English rule of the tone check, the phrase patterns first and then
// the rules checked in code (shouting, punctuation, length), described in words. It returns
// a copy, so callers may keep or change it freely. ToneRulesIn lists another language's.
func ToneRules() []Rule { return ToneRulesIn(locale.English) }

// ToneRulesIn lists the tone check's rules for a language (a BCP 47 tag, resolved like
// Compose's locale; an unsupported one gives the English rules).
func ToneRulesIn(lang string) []Rule {
	code, _ := resolve(lang)
	t := registry.langs[code].tone
	out := make([]Rule, 0, len(t.phrases)+3)
	for _, p := range t.phrases {
		out = append(out, p.rule)
	}
	return append(out, t.codeRules()...)
}

// CheckTone reviews a message a candidate wrote after a rejection and lists the passages
// worth revising, each with a suggestion. It detects the text's language (see CheckToneIn
// with an empty language); a text too short to tell is checked in English. It never fails:
// any string, including an empty one, gets a result. It runs in time roughly linear in the
// text's length; callers should still cap input at MaxToneTextLength.
func CheckTone(text string) ToneResult { return CheckToneIn(text, "") }

// CheckToneIn checks a message in a given language, a BCP 47 tag such as the candidate's
// locale ("" to detect it). The text has the last word, because the rules only work in the
// language they were written for:
//
//   - Text clearly written in a supported language is checked in that language, even when
//     another one was asked for; Language then says which rules were applied.
//   - Text clearly written in another language (Italian, Portuguese, Dutch, Polish, Russian,
//     …) gets the verdict unsupported_language and no findings, rather than a false "ok".
//   - Text too short to tell (see detectLanguage) is checked in the language asked for, or
//     English when none was; when the language asked for is not supported, the verdict is
//     unsupported_language.
func CheckToneIn(text, lang string) ToneResult {
	words := WordCount(text)
	res := ToneResult{WordCount: words, Findings: []Finding{}}
	detected, confident := detectLanguage(text)
	res.DetectedLanguage = detected
	var check string
	switch {
	case confident && registry.langs[detected] != nil:
		check = detected
	case confident:
		check = ""
	case strings.TrimSpace(lang) == "":
		check = locale.Default
	default:
		if code, fallback := locale.Resolve(lang); !fallback && registry.langs[code] != nil {
			check = code
		}
	}
	if check == "" {
		res.Verdict = VerdictUnsupportedLanguage
		return res
	}
	res.Language = check
	res.Findings = registry.langs[check].tone.check(text, words)
	res.Verdict = VerdictOK
	if len(res.Findings) > 0 {
		res.Verdict = VerdictRevise
	}
	return res
}

// checker collects findings for one text, keeping byte offsets (what regexp reports) until
// the end, when they are converted to code points.
type checker struct {
	text     string
	lower    string // strings.ToLower(text) when it has the same byte length, else text
	runeAt   []int  // runeAt[b] is the code point offset of byte offset b, for b in [0, len(text)]
	findings []byteFinding
}

// byteFinding is a finding located by byte offsets.
type byteFinding struct {
	kind, suggestion string
	start, end       int
}

func newChecker(text string) *checker {
	runeAt := make([]int, len(text)+1)
	n := 0
	for b := range text {
		// Bytes inside a multi-byte character map to that character's offset.
		for i := b; i < len(text) && (i == b || !utf8.RuneStart(text[i])); i++ {
			runeAt[i] = n
		}
		n++
	}
	runeAt[len(text)] = n
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		lower = text // a few characters change byte length when lowered; offsets must hold
	}
	return &checker{text: text, lower: lower, runeAt: runeAt}
}

func (c *checker) add(kind string, start, end int, suggestion string) {
	c.findings = append(c.findings, byteFinding{kind: kind, suggestion: suggestion, start: start, end: end})
}

// atWordBoundaries reports whether text[start:end] is not glued to a letter or digit on either
// side. Go's \b only knows ASCII, so this makes the rules respect accented and other
// non-ASCII letters too ("éunfair" is not "unfair").
func (c *checker) atWordBoundaries(start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(c.text[:start])
		if isWordRune(r) && isWordRune(firstRune(c.text[start:end])) {
			return false
		}
	}
	if end < len(c.text) {
		r, _ := utf8.DecodeRuneInString(c.text[end:])
		last, _ := utf8.DecodeLastRuneInString(c.text[start:end])
		if isWordRune(r) && isWordRune(last) {
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// result converts the findings to code point offsets, drops hostile matches that are really
// about the writer ("I'm such an idiot" is self-deprecation, not an insult), merges
// overlapping findings of the same kind and sorts them by Start, then Kind.
func (c *checker) result() []Finding {
	var selfTalk []byteFinding
	for _, f := range c.findings {
		if f.kind == FindingSelfDeprecation {
			selfTalk = append(selfTalk, f)
		}
	}
	kept := make([]byteFinding, 0, len(c.findings))
	for _, f := range c.findings {
		if f.kind != FindingHostile || !within(f, selfTalk) {
			kept = append(kept, f)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].start != kept[j].start {
			return kept[i].start < kept[j].start
		}
		return kept[i].kind < kept[j].kind
	})
	// Within one kind, findings are now sorted by start; each can only overlap the last one
	// kept of its kind, which therefore absorbs it.
	out := make([]Finding, 0, len(kept))
	lastOfKind := map[string]int{}
	for _, f := range kept {
		if k, ok := lastOfKind[f.kind]; ok && c.runeAt[f.start] < out[k].End {
			out[k].End = max(out[k].End, c.runeAt[f.end])
			continue
		}
		lastOfKind[f.kind] = len(out)
		out = append(out, Finding{Kind: f.kind, Start: c.runeAt[f.start], End: c.runeAt[f.end], Suggestion: f.suggestion})
	}
	runes := []rune(c.text)
	for i := range out {
		if out[i].Kind == FindingTooLong {
			out[i].Excerpt = opening(c.text, 12)
		} else {
			out[i].Excerpt = string(runes[out[i].Start:out[i].End])
		}
	}
	return out
}

// within reports whether f lies inside one of the spans.
func within(f byteFinding, spans []byteFinding) bool {
	for _, g := range spans {
		if g.start <= f.start && f.end <= g.end {
			return true
		}
	}
	return false
}

// opening returns the first n words of text followed by "…", to stand for a long text.
func opening(text string, n int) string {
	fields := strings.Fields(text)
	if len(fields) <= n {
		return strings.Join(fields, " ")
	}
	return strings.Join(fields[:n], " ") + " …"
}
