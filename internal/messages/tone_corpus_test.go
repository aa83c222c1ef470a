package messages

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// showMisses prints every corpus entry the check gets wrong in the given split ("dev",
// "holdout", "dev2", "fresh" or "all"): go test ./internal/messages/ -run ToneCorpus -v -tone.misses=dev
var showMisses = flag.String("tone.misses", "", "print the corpus entries the tone check gets wrong: dev, holdout, dev2, fresh or all")

// The quality bar of the tone check, per language, over the whole corpus of that language.
const (
	minPrecision = 0.90
	minRecall    = 0.85
)

// corpusEntry is one labelled reply of testdata/tone/<lang>.jsonl.
type corpusEntry struct {
	Text     string   `json:"text"`
	Language string   `json:"language"`
	Kinds    []string `json:"kinds"`
	Split    string   `json:"split"`
}

func loadCorpus(t *testing.T, name string) []corpusEntry {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "tone", name+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var e corpusEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("%s.jsonl:%d: %v", name, line, err)
		}
		for _, k := range e.Kinds {
			if !slices.Contains(findingKinds, k) {
				t.Fatalf("%s.jsonl:%d: unknown kind %q", name, line, k)
			}
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// counts are the confusion counts of one kind (or of all kinds together).
type counts struct{ tp, fp, fn int }

func (c counts) precision() float64 {
	if c.tp+c.fp == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fp)
}

func (c counts) recall() float64 {
	if c.tp+c.fn == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fn)
}

// scores holds the counts of one language and split, per kind and overall, and how many polite
// replies were flagged at all.
type scores struct {
	perKind          map[string]*counts
	overall          counts
	polite, falseAlm int
	entries          int
}

func newScores() *scores {
	s := &scores{perKind: map[string]*counts{}}
	for _, k := range findingKinds {
		s.perKind[k] = &counts{}
	}
	return s
}

// add scores one entry: a kind found and expected is a true positive, found but not expected
// a false positive, expected but not found a false negative.
func (s *scores) add(want, got []string) {
	s.entries++
	if len(want) == 0 {
		s.polite++
		if len(got) > 0 {
			s.falseAlm++
		}
	}
	for _, k := range findingKinds {
		w, g := slices.Contains(want, k), slices.Contains(got, k)
		c := s.perKind[k]
		switch {
		case w && g:
			c.tp++
			s.overall.tp++
		case g:
			c.fp++
			s.overall.fp++
		case w:
			c.fn++
			s.overall.fn++
		}
	}
}

func kindsFound(res ToneResult) []string {
	var out []string
	for _, f := range res.Findings {
		if !slices.Contains(out, f.Kind) {
			out = append(out, f.Kind)
		}
	}
	slices.Sort(out)
	return out
}

// TestToneCorpus measures the tone check against the labelled corpus of every language and
// prints the table; it fails unless overall precision and recall reach the bar in every
// language.
func TestToneCorpus(t *testing.T) {
	for _, lang := range Languages() {
		entries := loadCorpus(t, lang)
		splits := map[string]*scores{"dev": newScores(), "holdout": newScores(), "dev2": newScores(), "fresh": newScores(), "all": newScores()}
		var misses []string
		for i, e := range entries {
			if e.Language != lang || splits[e.Split] == nil || e.Split == "all" {
				t.Fatalf("%s.jsonl:%d: language %q, split %q", lang, i+1, e.Language, e.Split)
			}
			res := CheckToneIn(e.Text, lang)
			got := kindsFound(res)
			want := slices.Clone(e.Kinds)
			slices.Sort(want)
			splits[e.Split].add(want, got)
			splits["all"].add(want, got)
			if !slices.Equal(want, got) && (*showMisses == "all" || *showMisses == e.Split) {
				misses = append(misses, fmt.Sprintf("%s:%d want %v got %v (checked in %q)\n    %q", lang, i+1, want, got, res.Language, e.Text))
			}
		}
		t.Log(scoreTable(lang, len(entries), splits))
		for _, m := range misses {
			t.Log(m)
		}
		all := splits["all"].overall
		if all.precision() < minPrecision || all.recall() < minRecall {
			t.Errorf("%s: overall precision %.1f%%, recall %.1f%%; want at least %.0f%% and %.0f%%",
				lang, 100*all.precision(), 100*all.recall(), 100*minPrecision, 100*minRecall)
		}
	}
}

// scoreTable formats the per-kind and overall precision and recall of one language.
func scoreTable(lang string, n int, splits map[string]*scores) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\ntone check, %s: %d replies (%d dev, %d holdout, %d dev2, %d fresh)\n", lang, n,
		splits["dev"].entries, splits["holdout"].entries, splits["dev2"].entries, splits["fresh"].entries)
	fmt.Fprintf(&b, "%-24s %5s %4s %4s %4s %9s %7s\n", "kind", "truth", "tp", "fp", "fn", "precision", "recall")
	all := splits["all"]
	for _, k := range findingKinds {
		c := all.perKind[k]
		fmt.Fprintf(&b, "%-24s %5d %4d %4d %4d %8.1f%% %6.1f%%\n", k, c.tp+c.fn, c.tp, c.fp, c.fn, 100*c.precision(), 100*c.recall())
	}
	for _, split := range []string{"dev", "holdout", "dev2", "fresh", "all"} {
		s := splits[split]
		c := s.overall
		fmt.Fprintf(&b, "%-24s %5d %4d %4d %4d %8.1f%% %6.1f%%   polite replies flagged: %d of %d\n",
			"overall ("+split+")", c.tp+c.fn, c.tp, c.fp, c.fn, 100*c.precision(), 100*c.recall(), s.falseAlm, s.polite)
	}
	return b.String()
}

// recognisedWords is the length from which the corpus expects the detector to recognise a
// reply's language. Shorter replies may stay undetermined (they are then checked in the
// language asked for), but must never be taken for another language.
const recognisedWords = 10

// TestToneCorpusLanguagesAreDetected checks the detector on the corpus: a reply of
// recognisedWords words or more is recognised as its language, and a shorter one is at worst
// undetermined, never taken for another language.
func TestToneCorpusLanguagesAreDetected(t *testing.T) {
	for _, lang := range Languages() {
		for i, e := range loadCorpus(t, lang) {
			got, sure := detectLanguage(e.Text)
			switch {
			case sure && got != lang:
				t.Errorf("%s.jsonl:%d detected as %q: %q", lang, i+1, got, e.Text)
			case !sure && WordCount(e.Text) >= recognisedWords:
				t.Errorf("%s.jsonl:%d (%d words) undetermined: %q", lang, i+1, WordCount(e.Text), e.Text)
			}
			// Checked without a language, the reply gets its own language's rules, or
			// English when it is too short to tell.
			res := CheckTone(e.Text)
			if res.Language != lang && !(res.Language == "en" && res.DetectedLanguage == "und") {
				t.Errorf("%s.jsonl:%d checked in %q: %q", lang, i+1, res.Language, e.Text)
			}
		}
	}
}

// TestToneUnsupportedLanguages checks that replies in languages without rules are answered
// unsupported_language, whatever language the caller asks for, rather than a false "ok".
func TestToneUnsupportedLanguages(t *testing.T) {
	for i, e := range loadCorpus(t, "unsupported") {
		for _, asked := range []string{"", "en", e.Language, "de-AT"} {
			res := CheckToneIn(e.Text, asked)
			if res.Verdict != VerdictUnsupportedLanguage || len(res.Findings) != 0 || res.Language != "" {
				t.Errorf("unsupported.jsonl:%d (%s) asked %q: verdict %q in %q, detected %q, %d findings: %q",
					i+1, e.Language, asked, res.Verdict, res.Language, res.DetectedLanguage, len(res.Findings), e.Text)
			}
		}
	}
}
