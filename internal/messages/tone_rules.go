package messages

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// toneTable is one language's tone check: phrase patterns, and the words the generic parts of
// the check need (negations, clause breaks, warm words). Each locale_<code>.go file fills one.
type toneTable struct {
	// Advice gives, for every finding kind, the reason a passage of that kind hurts the
	// candidate and the suggestion shown with it. A phrase may override either.
	Advice map[string]advice
	// Phrases are the phrase rules, tried in order.
	Phrases []phrase
	// Negators are words that cancel a negatable phrase when they come before it in the same
	// clause ("not", "never", "nicht").
	Negators []string
	// NegatorSuffixes and NegatorPrefixes make any word ending or starting with them a
	// negator: English "n't" ("don't", "wasn't"), French "n'" ("n'ai", "n'exige").
	NegatorSuffixes, NegatorPrefixes []string
	// NegatorsAfter are words that cancel a negatable phrase when they follow it at once
	// ("I demand nothing", "Ich verlange keine Erklärung").
	NegatorsAfter []string
	// NotNegation are phrases that contain a negator but do not negate what follows ("can't
	// believe", "not only"); they are ignored when looking for a negation.
	NotNegation []string
	// ClauseBreaks are words that start a new clause, so a negation before them does not
	// reach past them ("but", "aber").
	ClauseBreaks []string
	// Subordinators are words that continue a clause across a comma, so "Ich will nicht
	// sagen, dass es unfair war" is still negated.
	Subordinators []string
	// Warm are lower-case words of thanks and enthusiasm. A run of capitals made of warm words
	// (and fillers) is enthusiasm, not shouting ("THANK YOU SO MUCH"), and a doubled or tripled
	// "!" in a sentence with a warm word is not excessive punctuation ("Thank you so much!!").
	// A leading "~" makes the entry a stem, for inflected languages ("~toll" is "toll",
	// "tolle", "tolles").
	Warm []string
	// WarmFillers are words that go with warm ones in capitals ("YOU", "MUCH") but are not warm
	// by themselves: "VERY MUCH" alone is still shouting, and "so unfair!!" is not warm.
	WarmFillers []string
	// Acronyms are upper-case abbreviations of the language, allowed in capitals besides the
	// shared list.
	Acronyms []string
	// Code words the rules checked in code (shouting, punctuation, length).
	Shouting, Punctuation, TooLong advice
}

// advice is the reason and suggestion of a rule, in the rule's language.
type advice struct{ Reason, Suggestion string }

// phrase is one phrase rule of a language's table.
type phrase struct {
	// Kind is the finding kind.
	Kind string
	// Pattern is a Go regular expression, matched case-insensitively. When it has a capture
	// group, the finding covers the group rather than the whole match (so a pattern can
	// look at the start of a sentence without flagging the punctuation before it).
	Pattern string
	// Unless is an optional pattern: when it matches anywhere in the sentence of a match, the
	// match does not count. It keeps kind uses of strong words apart ("it's ridiculous how
	// much I learned", "unfair of me to ask").
	Unless string
	// NoNegation keeps a negation from cancelling the phrase even though its kind is
	// negatable, for phrases whose negation is the point ("is there nothing I can do to change
	// your mind", "don't make me chase you").
	NoNegation bool
	// Reason and Suggestion override the kind's advice when set.
	Reason, Suggestion string
}

// negatableKinds are the kinds whose phrases a negation cancels. Sarcasm and legal threats
// read the same with a negation ("I'm not threatening to sue, but I know my rights").
var negatableKinds = map[string]bool{
	FindingHostile: true, FindingBlame: true, FindingDemands: true, FindingBegging: true,
	FindingPushyFollowUp: true, FindingSelfDeprecation: true,
}

// compiledTone is a toneTable ready to run: patterns compiled, words in sets.
type compiledTone struct {
	lang          string
	table         toneTable
	phrases       []compiledPhrase
	negators      map[string]bool
	negatorsAfter map[string]bool
	clauseBreaks  map[string]bool
	subordinators map[string]bool
	warm          wordSet
	fillers       map[string]bool
	acronyms      map[string]bool
	notNegation   []string
}

type compiledPhrase struct {
	re, unless *regexp.Regexp
	// needles are lower-case literals one of which any match must contain, found by reading
	// the pattern; a text holding none of them cannot match, so the pattern is not run. nil
	// when the pattern has no such literal.
	needles []string
	rule    Rule
}

// compileTone compiles a language's table, panicking on a broken pattern or a kind without
// advice, since both are mistakes in a table file.
func compileTone(lang string, t toneTable) compiledTone {
	c := compiledTone{lang: lang, table: t, negators: set(t.Negators), negatorsAfter: set(t.NegatorsAfter),
		clauseBreaks: set(t.ClauseBreaks), subordinators: set(t.Subordinators), warm: newWordSet(t.Warm), fillers: set(t.WarmFillers),
		acronyms: set(append(append([]string(nil), sharedAcronyms...), t.Acronyms...)), notNegation: t.NotNegation}
	for _, p := range t.Phrases {
		a, ok := t.Advice[p.Kind]
		if !ok {
			panic(fmt.Sprintf("messages: %s tone phrase %q has a kind without advice", lang, p.Pattern))
		}
		if p.Reason != "" {
			a.Reason = p.Reason
		}
		if p.Suggestion != "" {
			a.Suggestion = p.Suggestion
		}
		re := regexp.MustCompile(`(?i)` + unicodeBoundaries(p.Pattern))
		// Leftmost-longest, so "coule|couler" finds "couler" rather than a "coule" that the
		// word-boundary check would then reject.
		re.Longest()
		cp := compiledPhrase{re: re, needles: needlesOf(unicodeBoundaries(p.Pattern)),
			rule: Rule{Kind: p.Kind, Language: lang, Pattern: p.Pattern, Negatable: negatableKinds[p.Kind] && !p.NoNegation, Reason: a.Reason, Suggestion: a.Suggestion}}
		if p.Unless != "" {
			cp.unless = regexp.MustCompile(`(?i)` + unicodeBoundaries(p.Unless))
		}
		c.phrases = append(c.phrases, cp)
	}
	return c
}

// unicodeBoundaries removes the \b assertions from a pattern before it is compiled. Go's \b
// only knows ASCII letters, so "injusto\b" would not match before a full stop after an accented
// letter ("mí."), and "\bmí" would match inside a word. The check instead tests both ends of
// every match against Unicode letters (checker.atWordBoundaries), so the \b in the tables
// document where a phrase must start and end and are enforced there.
func unicodeBoundaries(pattern string) string { return strings.ReplaceAll(pattern, `\b`, "") }

// needlesOf reads a pattern and returns lower-case literals one of which every match must
// contain, or nil when it cannot tell. It keeps the check fast: most texts contain none of a
// pattern's needles, and a plain substring search is far cheaper than running the pattern.
func needlesOf(pattern string) []string {
	re, err := syntax.Parse(`(?i)`+pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	return required(re.Simplify())
}

// required returns literals one of which a match of re must contain: for a sequence, the best
// set among its parts; for an alternation, the union of every branch's set (nil if any branch
// has none); for a repetition, its body's set when it must occur at least once.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if s := required(sub); s != nil && (best == nil || shortest(s) > shortest(best)) {
				best = s
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			s := required(sub)
			if s == nil {
				return nil
			}
			all = append(all, s...)
		}
		return all
	}
	return nil
}

// shortest is the length of the shortest needle, the measure of how selective a set is.
func shortest(needles []string) int {
	n := -1
	for _, s := range needles {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// containsAny reports whether s contains one of the needles; a nil list lets everything pass.
func containsAny(s string, needles []string) bool {
	if needles == nil {
		return true
	}
	for _, n := range needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// wordSet holds lower-case words and stems (entries written with a leading "~").
type wordSet struct {
	words map[string]bool
	stems []string
}

func newWordSet(entries []string) wordSet {
	s := wordSet{words: map[string]bool{}}
	for _, e := range entries {
		if stem, ok := strings.CutPrefix(strings.ToLower(e), "~"); ok {
			s.stems = append(s.stems, stem)
		} else {
			s.words[strings.ToLower(e)] = true
		}
	}
	return s
}

// has reports whether the lower-case word w is in the set or starts with one of its stems.
func (s wordSet) has(w string) bool {
	if s.words[w] {
		return true
	}
	for _, stem := range s.stems {
		if strings.HasPrefix(w, stem) {
			return true
		}
	}
	return false
}

func set(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[strings.ToLower(w)] = true
	}
	return m
}

// codeRules describe, in the table's language, the rules checked in code.
func (t compiledTone) codeRules() []Rule {
	return []Rule{
		{Kind: FindingShouting, Language: t.lang,
			Pattern: "Two or more ALL-CAPS words of at least 3 letters in one phrase, or a single ALL-CAPS word of at least 5 letters, unless every such word is a word of thanks or enthusiasm (a leading ~ marks a stem: " +
				strings.Join(t.table.Warm, ", ") + ", with " + strings.Join(t.table.WarmFillers, ", ") + "). Words containing digits and these acronyms (also with a plural or possessive S) are allowed: " + strings.Join(t.sortedAcronyms(), ", ") + ".",
			Reason: t.table.Shouting.Reason, Suggestion: t.table.Shouting.Suggestion},
		{Kind: FindingExcessivePunctuation, Language: t.lang,
			Pattern: `Two or more "!", "?", "¡" or "¿" in a row ("!!", "??", "?!"), or more than 3 "!" in the whole text (each is then flagged). A run of two or three "!" right after a word of thanks or enthusiasm is allowed, unless the sentence is sarcastic.`,
			Reason:  t.table.Punctuation.Reason, Suggestion: t.table.Punctuation.Suggestion},
		{Kind: FindingTooLong, Language: t.lang, Pattern: fmt.Sprintf("More than %d words.", LongMessageWords),
			Reason: t.table.TooLong.Reason, Suggestion: t.table.TooLong.Suggestion},
	}
}

func (t compiledTone) sortedAcronyms() []string {
	out := make([]string, 0, len(t.acronyms))
	for a := range t.acronyms {
		out = append(out, strings.ToUpper(a))
	}
	slices.Sort(out)
	return out
}

// check runs every rule of the language over text.
func (t compiledTone) check(text string, words int) []Finding {
	c := newChecker(text)
	lower := strings.ToLower(text)
	for _, p := range t.phrases {
		if !containsAny(lower, p.needles) {
			continue
		}
		for _, m := range p.re.FindAllStringSubmatchIndex(text, -1) {
			start, end := m[0], m[1]
			if len(m) >= 4 && m[2] >= 0 {
				start, end = m[2], m[3]
			}
			if start == end || !c.atWordBoundaries(start, end) {
				continue
			}
			if p.unless != nil {
				s, e := sentenceAround(text, m[0], m[1])
				if p.unless.MatchString(text[s:e]) {
					continue
				}
			}
			if p.rule.Negatable && t.negated(c, start, end) {
				continue
			}
			c.add(p.rule.Kind, start, end, p.rule.Suggestion)
		}
	}
	t.checkShouting(c)
	t.checkPunctuation(c)
	if words > LongMessageWords {
		c.add(FindingTooLong, 0, len(text), t.table.TooLong.Suggestion)
	}
	return c.result()
}

// sentenceBreak reports whether r ends a sentence for the purposes of Unless and the warm
// words: a full stop, question or exclamation mark, or a line break.
func sentenceBreak(r rune) bool { return strings.ContainsRune(".!?¡¿\n", r) }

// maxSentence bounds, in bytes, how far the check looks around a match for the sentence or
// clause it belongs to, so the work per match stays constant however long the text is.
const maxSentence = 400

// sentenceAround returns the byte span of the sentence holding text[start:end], looking at
// most maxSentence bytes either way.
func sentenceAround(text string, start, end int) (int, int) {
	from := runeFloor(text, start-maxSentence)
	s := from + strings.LastIndexFunc(text[from:start], sentenceBreak) + 1
	to := runeFloor(text, min(len(text), end+maxSentence))
	e := strings.IndexFunc(text[end:to], sentenceBreak)
	if e < 0 {
		return s, to
	}
	return s, end + e
}

// runeFloor moves a byte offset back to the start of a character, clamping at 0.
func runeFloor(text string, i int) int {
	if i <= 0 {
		return 0
	}
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// negationWindow is how many words before a match a negation may stand.
const negationWindow = 8

// negated reports whether a negation cancels the passage text[start:end]: a negator among the
// few words before it in the same clause, or one of NegatorsAfter right after it.
func (t compiledTone) negated(c *checker, start, end int) bool {
	before := t.clauseBefore(c.text, start)
	lower := strings.ToLower(before)
	for _, nn := range t.notNegation {
		lower = strings.ReplaceAll(lower, nn, " ")
	}
	ws := wordsOf(lower)
	if len(ws) > negationWindow {
		ws = ws[len(ws)-negationWindow:]
	}
	for _, w := range ws {
		if t.negators[w] {
			return true
		}
		for _, suf := range t.table.NegatorSuffixes {
			if strings.HasSuffix(w, suf) {
				return true
			}
		}
		for _, pre := range t.table.NegatorPrefixes {
			if strings.HasPrefix(w, pre) {
				return true
			}
		}
	}
	rest := c.text[end:runeFloor(c.text, min(len(c.text), end+40))]
	if i := strings.IndexAny(rest, ".,;:!?\n"); i >= 0 {
		rest = rest[:i] // "Ihr Pech, nicht meins": a negation after a comma is another clause
	}
	after := wordsOf(strings.ToLower(rest))
	for i, w := range after {
		if i >= 2 {
			break
		}
		if t.negatorsAfter[w] {
			return true
		}
	}
	return false
}

// clauseBefore returns the text between the start of the clause holding offset start and
// start itself. A clause starts after a sentence break, a semicolon or colon, a comma (unless
// a subordinator follows it, which keeps the clause going) or a clause-break word.
func (t compiledTone) clauseBefore(text string, start int) string {
	base := runeFloor(text, start-maxSentence)
	from := base
	for i, r := range text[base:start] {
		i += base
		switch {
		case sentenceBreak(r) || r == ';' || r == ':':
			from = i + utf8.RuneLen(r)
		case r == ',':
			next := wordsOf(strings.ToLower(text[i+1 : runeFloor(text, min(start, i+30))]))
			if len(next) == 0 || !t.subordinators[next[0]] {
				from = i + 1
			}
		}
	}
	clause := text[from:start]
	ws := wordsWithOffsets(clause)
	for i := len(ws) - 1; i >= 0; i-- {
		if t.clauseBreaks[strings.ToLower(ws[i].word)] {
			return clause[ws[i].end:]
		}
	}
	return clause
}

// wordsOf splits s into words: runs of letters, digits and inner apostrophes.
func wordsOf(s string) []string {
	var out []string
	for _, w := range wordsWithOffsets(s) {
		out = append(out, w.word)
	}
	return out
}

type wordAt struct {
	word       string
	start, end int
}

func wordsWithOffsets(s string) []wordAt {
	var out []wordAt
	start := -1
	for i, r := range s {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || start >= 0 && (r == '\'' || r == '’')
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, wordAt{strings.TrimRight(s[start:i], "'’"), start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, wordAt{strings.TrimRight(s[start:], "'’"), start, len(s)})
	}
	return out
}

// capsToken is one word of the text for the shouting rule, located by byte offsets.
type capsToken struct {
	start, end int
	word       string
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
// shouting, and a phrase whose shouty words are all warm ("THANK YOU SO MUCH", "LOVED") is
// enthusiasm.
func (t compiledTone) checkShouting(c *checker) {
	toks := t.capsTokens(c.text)
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
		warm, anyWarm := true, false
		for k := i; k <= j; k++ {
			if toks[k].shouty {
				shouty = append(shouty, k)
				w := strings.ToLower(toks[k].word)
				warm = warm && (t.warm.has(w) || t.fillers[w])
				anyWarm = anyWarm || t.warm.has(w)
			}
		}
		switch {
		case len(shouty) > 0 && warm && anyWarm:
		case len(shouty) >= 2:
			last := j
			for toks[last].letters == 1 {
				last--
			}
			c.add(FindingShouting, toks[i].start, toks[last].end, t.table.Shouting.Suggestion)
		case len(shouty) == 1 && toks[shouty[0]].letters >= 5:
			k := shouty[0]
			c.add(FindingShouting, toks[k].start, toks[k].end, t.table.Shouting.Suggestion)
		}
		i = j + 1
	}
}

// capsTokens splits the text into words and classifies each for the shouting rule.
func (t compiledTone) capsTokens(text string) []capsToken {
	var toks []capsToken
	for _, w := range wordsWithOffsets(text) {
		tok := capsToken{start: w.start, end: w.end, word: w.word, caps: true}
		for _, r := range w.word {
			switch {
			case unicode.IsLetter(r):
				tok.letters++
				if !unicode.IsUpper(r) {
					tok.caps = false
				}
			case unicode.IsDigit(r):
				tok.caps = false
			}
		}
		tok.caps = tok.caps && tok.letters > 0
		tok.shouty = tok.caps && tok.letters >= 3 && !t.isAcronym(w.word)
		toks = append(toks, tok)
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
func (t compiledTone) isAcronym(w string) bool {
	w = strings.ToLower(w)
	if t.acronyms[w] {
		return true
	}
	for _, suffix := range []string{"'s", "’s", "s"} {
		if base, ok := strings.CutSuffix(w, suffix); ok && t.acronyms[base] {
			return true
		}
	}
	return false
}

// punctuationRun matches two or more "!", "?", "¡" or "¿" in a row ("!!", "??", "?!", "¡¡").
var punctuationRun = regexp.MustCompile(`[!?¡¿]{2,}`)

// checkPunctuation flags every run of stacked marks, except a run of two or three "!" (or
// "¡") that belongs to a warm sentence ("Thank you so much!!") not marked as sarcastic, and,
// when the text holds more than MaxExclamationMarks other exclamation marks in all, each
// remaining single "!" as well, so a client can highlight them where they are.
func (t compiledTone) checkPunctuation(c *checker) {
	suggestion := t.table.Punctuation.Suggestion
	var sarcastic []byteFinding
	for _, f := range c.findings {
		if f.kind == FindingSarcasm || f.kind == FindingHostile {
			sarcastic = append(sarcastic, f)
		}
	}
	exempt := 0
	runs := punctuationRun.FindAllStringIndex(c.text, -1)
	for _, m := range runs {
		if t.warmRun(c.text, m[0], m[1], sarcastic) {
			exempt += m[1] - m[0]
			continue
		}
		c.add(FindingExcessivePunctuation, m[0], m[1], suggestion)
	}
	if strings.Count(c.text, "!")-exempt <= MaxExclamationMarks {
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

// warmRun reports whether the run text[start:end] is a doubled or tripled exclamation in a
// sentence of thanks or enthusiasm, with no sarcasm or hostility touching that sentence.
func (t compiledTone) warmRun(text string, start, end int, sarcastic []byteFinding) bool {
	run := text[start:end]
	if strings.ContainsAny(run, "?¿") || utf8.RuneCountInString(run) > 3 {
		return false
	}
	// The sentence the run closes (before it) and, for an opening "¡¡", the one it opens.
	s, e := sentenceAround(text, start, end)
	if !strings.ContainsRune(run, '¡') {
		e = end
	}
	warm := false
	for _, w := range wordsOf(strings.ToLower(text[s:e])) {
		warm = warm || t.warm.has(w)
	}
	if !warm {
		return false
	}
	for _, f := range sarcastic {
		if f.start < end+40 && f.end > s {
			return false
		}
	}
	return true
}

// sharedAcronyms are upper-case words that are names or abbreviations, not shouting, in any
// language. The list is a pragmatic allowlist of terms common in CVs and job searches;
// unknown acronyms of three or four letters are safe anyway, since a single word needs five
// letters to count as shouting.
var sharedAcronyms = []string{
	"ACCA", "AI", "API", "APAC", "ASAP", "AWS", "BBC", "CAD", "CEO", "CFA", "CFO", "CIO", "CISSP", "CMO",
	"CNC", "COO", "CPA", "CPO", "CPR", "CRM", "CSR", "CSS", "CSV", "CTO", "CV", "DNS", "EMEA", "EMT", "ERP",
	"ESA", "ESG", "ETA", "ETL", "EU", "FAQ", "FDA", "FMCG", "FYI", "GCP", "GDPR", "GIS", "GPU", "HIPAA", "HR",
	"HTML", "HTTP", "HTTPS", "HVAC", "IBM", "ICU", "IEEE", "ISO", "IT", "ITIL", "JSON", "JWT", "KPI",
	"LATAM", "LLC", "LLM", "MBA", "MIT", "ML", "MSC", "NASA", "NASDAQ", "NATO", "NGO", "NHS", "NLP", "NYC",
	"NYSE", "OKR", "OSHA", "PDF", "PHD", "PHP", "PMI", "PMP", "PTO", "QA", "REST", "ROI", "SAAS", "SAP",
	"SCRUM", "SDK", "SEC", "SEO", "SLA", "SMB", "SME", "SMS", "SOC", "SQL", "SRE", "SSO", "TBD", "UCLA",
	"UI", "UK", "UN", "UNESCO", "UNICEF", "URL", "USA", "USB", "UX", "VP", "XML", "YAML",
}
