package messages

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Finding kinds of the tone check. They are the values of Finding.Kind and Rule.Kind, named
// after the habit each one catches so a client can group or translate them.
const (
	// FindingTooLong flags a message over LongMessageWords words.
	FindingTooLong = "too_long"
	// FindingHostile flags insults and contempt ("you people", "incompetent").
	FindingHostile = "hostile_or_accusatory"
	// FindingBlame flags blaming the employer for the outcome ("unfair", "rigged").
	FindingBlame = "blame"
	// FindingDemands flags orders and claims of entitlement ("I demand", "you owe me").
	FindingDemands = "demands"
	// FindingShouting flags words in capitals that read as shouting.
	FindingShouting = "shouting"
	// FindingExcessivePunctuation flags stacked or repeated "!" and "?".
	FindingExcessivePunctuation = "excessive_punctuation"
	// FindingSelfDeprecation flags harsh words the candidate uses about themselves.
	FindingSelfDeprecation = "self_deprecation"
)

// Verdicts of the tone check.
const (
	// VerdictOK means no rule matched and the message can be sent as is.
	VerdictOK = "ok"
	// VerdictRevise means at least one finding deserves another look before sending.
	VerdictRevise = "revise"
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
	Kind string `json:"kind" enums:"too_long,hostile_or_accusatory,blame,demands,shouting,excessive_punctuation,self_deprecation" example:"demands"`
	// Excerpt is the flagged passage as written.
	Excerpt string `json:"excerpt" example:"I demand"`
	// Start is the offset, in code points, of the passage's first character.
	Start int `json:"start" example:"31"`
	// End is the offset, in code points, just after the passage's last character.
	End int `json:"end" example:"39"`
	// Suggestion is a concrete way to rephrase or what to do instead.
	Suggestion string `json:"suggestion" example:"Ask instead: \"Would you be open to sharing…?\""`
} //	@name	ToneFinding

// ToneResult is the verdict on a message, returned to API clients as is.
type ToneResult struct {
	// WordCount is WordCount(text), the measure used by the too_long rule.
	WordCount int `json:"word_count" example:"57"`
	// Verdict is "revise" when there is at least one finding, otherwise "ok".
	Verdict string `json:"verdict" enums:"ok,revise" example:"revise"`
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
	// Pattern is a Go regular expression, matched case-insensitively and only at word
	// boundaries; for the rules checked in code (shouting, punctuation, length) it is a
	// plain-English description instead.
	Pattern string `json:"pattern" example:"\\bi (?:demand|insist)\\b"`
	// Reason explains why the phrasing works against the candidate.
	Reason string `json:"reason" example:"A demand leaves the reader no gracious way to say yes."`
	// Suggestion is what to write instead; findings carry it.
	Suggestion string `json:"suggestion" example:"Ask instead: \"Would you be open to sharing…?\""`
} //	@name	ToneRule

// ToneRules lists every rule of the tone check, the phrase patterns first and then the rules
// checked in code (shouting, punctuation, length), described in words. It returns a copy, so
// callers may keep or change it freely.
func ToneRules() []Rule {
	out := make([]Rule, 0, len(phraseRules)+len(codeRules))
	out = append(out, phraseRules...)
	return append(out, codeRules...)
}

// CheckTone reviews a message a candidate wrote after a rejection and lists the passages
// worth revising, each with a suggestion. It never fails: any string, including an empty one,
// gets a result, and the verdict is "revise" exactly when there is a finding. It runs in time
// roughly linear in the text's length; callers should still cap input at MaxToneTextLength.
func CheckTone(text string) ToneResult {
	c := newChecker(text)
	for i, re := range phrasePatterns {
		rule := phraseRules[i]
		for _, m := range re.FindAllStringIndex(text, -1) {
			if c.atWordBoundaries(m[0], m[1]) {
				c.add(rule.Kind, m[0], m[1], rule.Suggestion)
			}
		}
	}
	c.checkShouting()
	c.checkPunctuation()
	words := WordCount(text)
	if words > LongMessageWords {
		c.add(FindingTooLong, 0, len(text), codeRules[ruleTooLong].Suggestion)
	}
	findings := c.result()
	verdict := VerdictOK
	if len(findings) > 0 {
		verdict = VerdictRevise
	}
	return ToneResult{WordCount: words, Verdict: verdict, Findings: findings}
}

// checker collects findings for one text, keeping byte offsets (what regexp reports) until
// the end, when they are converted to code points.
type checker struct {
	text     string
	runeAt   []int // runeAt[b] is the code point offset of byte offset b, for b in [0, len(text)]
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
	return &checker{text: text, runeAt: runeAt}
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
		if isWordRune(r) {
			return false
		}
	}
	if end < len(c.text) {
		r, _ := utf8.DecodeRuneInString(c.text[end:])
		if isWordRune(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// capsToken is one word of the text for the shouting rule, located by byte offsets.
type capsToken struct {
	start, end int
	letters    int  // number of letters
	caps       bool // has letters, all upper case, and no digits
	shouty     bool // caps, at least 3 letters, and not an allowed acronym
}

// checkShouting flags capitals. A phrase of consecutive all-caps words (separated only by
// spaces, tabs, commas or dashes) is shouting when it holds two or more "shouty" words: words
// of at least three letters that are not known acronyms. The finding then covers the whole
// phrase, acronyms and short words included, except a trailing one-letter word ("THANK YOU, I
// …"), which usually starts the next clause. Otherwise a single shouty word of five or more
// letters is shouting on its own. Words with digits (B2B, S3, ISO27001) are codes, never
// shouting.
func (c *checker) checkShouting() {
	toks := c.words()
	for i := 0; i < len(toks); {
		if !toks[i].caps {
			i++
			continue
		}
		j := i // toks[i..j] is a contiguous sequence of caps words
		for j+1 < len(toks) && toks[j+1].caps && onlySeparators(c.text[toks[j].end:toks[j+1].start]) {
			j++
		}
		var shouty []int
		for k := i; k <= j; k++ {
			if toks[k].shouty {
				shouty = append(shouty, k)
			}
		}
		switch {
		case len(shouty) >= 2:
			last := j
			for toks[last].letters == 1 {
				last--
			}
			c.add(FindingShouting, toks[i].start, toks[last].end, codeRules[ruleShouting].Suggestion)
		case len(shouty) == 1 && toks[shouty[0]].letters >= 5:
			k := shouty[0]
			c.add(FindingShouting, toks[k].start, toks[k].end, codeRules[ruleShouting].Suggestion)
		}
		i = j + 1
	}
}

// words splits the text into runs of letters, digits and inner apostrophes, and classifies
// each for the shouting rule.
func (c *checker) words() []capsToken {
	var toks []capsToken
	start := -1
	flush := func(end int) {
		w := strings.TrimRight(c.text[start:end], "'’")
		end = start + len(w)
		t := capsToken{start: start, end: end, caps: true}
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				t.letters++
				if !unicode.IsUpper(r) {
					t.caps = false
				}
			case unicode.IsDigit(r):
				t.caps = false
			}
		}
		t.caps = t.caps && t.letters > 0
		t.shouty = t.caps && t.letters >= 3 && !isAcronym(w)
		toks = append(toks, t)
		start = -1
	}
	for b, r := range c.text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && (r == '\'' || r == '’'))
		switch {
		case inWord && start < 0:
			start = b
		case !inWord && start >= 0:
			flush(b)
		}
	}
	if start >= 0 {
		flush(len(c.text))
	}
	return toks
}

// onlySeparators reports whether the gap between two words keeps them in one shouted phrase.
func onlySeparators(gap string) bool {
	for _, r := range gap {
		if r == '\n' || r == '\r' || !(unicode.IsSpace(r) || strings.ContainsRune(",-–—", r)) {
			return false
		}
	}
	return true
}

// isAcronym reports whether an all-caps word is on the allowlist, ignoring a possessive or
// plural "S" ("NASA'S", "KPIS").
func isAcronym(w string) bool {
	w = strings.ToUpper(w)
	if acronyms[w] {
		return true
	}
	for _, suffix := range []string{"'S", "’S", "S"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && acronyms[base] {
			return true
		}
	}
	return false
}

// punctuationRun matches two or more "!" or "?" in a row ("!!", "??", "?!").
var punctuationRun = regexp.MustCompile(`[!?]{2,}`)

// checkPunctuation flags every run of stacked "!" and "?", and, when the text holds more than
// MaxExclamationMarks exclamation marks in all, each remaining single "!" as well, so a client
// can highlight them where they are.
func (c *checker) checkPunctuation() {
	suggestion := codeRules[rulePunctuation].Suggestion
	runs := punctuationRun.FindAllStringIndex(c.text, -1)
	for _, m := range runs {
		c.add(FindingExcessivePunctuation, m[0], m[1], suggestion)
	}
	if strings.Count(c.text, "!") <= MaxExclamationMarks {
		return
	}
	next := 0 // index into runs of the first run not yet passed
	for b := 0; b < len(c.text); b++ {
		for next < len(runs) && runs[next][1] <= b {
			next++
		}
		inRun := next < len(runs) && runs[next][0] <= b
		if c.text[b] == '!' && !inRun {
			c.add(FindingExcessivePunctuation, b, b+1, suggestion)
		}
	}
}

// result converts the findings to code point offsets, drops hostile matches that are really
// about the writer ("I'm incompetent" is self-deprecation, not an insult), merges overlapping
// findings of the same kind and sorts them by Start, then Kind.
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
