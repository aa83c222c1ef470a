package recovery

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Prompt kinds. The kind decides how an answer is validated and normalised, so clients can
// render the right control (a 1–5 scale, a text box, a list or a yes/no) without knowing the keys.
const (
	// PromptScale answers are whole numbers from 1 to 5; ScaleLabels say what 1 and 5 mean.
	PromptScale = "scale_1_5"
	// PromptText answers are free text of at most MaxTextAnswer characters.
	PromptText = "text"
	// PromptList answers are lists of at most MaxListItems short strings.
	PromptList = "list"
	// PromptBoolean answers are true or false.
	PromptBoolean = "boolean"
)

// Answer bounds. They keep a reflection small enough to store, return and feed to the plan rules
// cheaply, while leaving plenty of room for an honest answer.
const (
	// MaxTextAnswer is the most characters (Unicode code points, after trimming) a text answer may have.
	MaxTextAnswer = 2000
	// MaxListItems is the most non-empty items a list answer may have.
	MaxListItems = 20
	// MaxListItemLength is the most characters (after trimming) one list item may have.
	MaxListItemLength = 200
)

// CurrentPromptVersion is the catalogue version new reflections answer when they name none.
// A published version is never edited: wording or key changes get a new version, so answers
// stored against an older one keep validating and meaning what they meant.
const CurrentPromptVersion = "2026-11-01"

// ScaleLabels say what the two ends of a scale prompt mean, so that clients label 1 and 5 and the
// candidate never has to guess which end is "good".
type ScaleLabels struct {
	Low  string `json:"low" example:"Very low"`
	High string `json:"high" example:"Very good"`
} //	@name	ScaleLabels

// Prompt is one question of the reflection catalogue. Clients render the catalogue rather than
// hard-coding questions, so the wording can improve in a new version without a client release.
type Prompt struct {
	Key         string       `json:"key" example:"mood"`
	Question    string       `json:"question" example:"How are you feeling about this rejection right now?"`
	Help        string       `json:"help" example:"Disappointment, frustration or feeling flat are all normal after a no, so answer honestly."`
	Kind        string       `json:"kind" enums:"scale_1_5,text,list,boolean" example:"scale_1_5"`
	Required    bool         `json:"required" example:"true"`
	ScaleLabels *ScaleLabels `json:"scale_labels,omitempty"`
} //	@name	ReflectionPrompt

// Catalogue is one versioned set of prompts. A reflection records the version it answered, so
// its answers are always validated and read against the questions the candidate actually saw.
type Catalogue struct {
	Object  string   `json:"object" example:"reflection_prompt_catalogue"`
	Version string   `json:"version" example:"2026-11-01"`
	Prompts []Prompt `json:"prompts"`
} //	@name	ReflectionPromptCatalogue

// promptSpec is one prompt of a published catalogue version, without its wording: the wording
// comes from the language tables under "prompt.<text>.question", ".help", and for a scale
// ".low" and ".high", where text is the spec's Text (its Key unless a later version rewords it).
type promptSpec struct {
	Key      string
	Kind     string
	Required bool
	Text     string
}

// catalogueSpecs holds every published version. The plan rules read the keys of the current one
// (see Reflection), so keys and kinds must not change within a version, and a version's wording
// keys must not be edited once published: a rewording gets a new version with new Text keys.
var catalogueSpecs = map[string][]promptSpec{
	"2026-11-01": {
		{Key: "mood", Kind: PromptScale, Required: true},
		{Key: "preparation", Kind: PromptScale},
		{Key: "surprise_questions", Kind: PromptList},
		{Key: "skill_gaps", Kind: PromptList},
		{Key: "answer_clarity", Kind: PromptScale},
		{Key: "company_research", Kind: PromptScale},
		{Key: "nerves", Kind: PromptScale},
		{Key: "went_well", Kind: PromptText},
		{Key: "do_differently", Kind: PromptText},
		{Key: "role_fit", Kind: PromptBoolean},
		{Key: "new_directions", Kind: PromptList},
	},
}

// CurrentCatalogue returns the catalogue new reflections answer, in English. It is a copy, so
// callers may modify it without affecting validation.
func CurrentCatalogue() Catalogue { return CurrentCatalogueIn("en") }

// CurrentCatalogueIn returns the current catalogue worded in the language of a BCP 47 tag
// (English when the language is not supported; see locale.Resolve). Keys, kinds and the
// version are the same in every language.
func CurrentCatalogueIn(tag string) Catalogue {
	c, _ := CatalogueIn(CurrentPromptVersion, tag)
	return c
}

// CatalogueFor returns the catalogue of a published version in English, so that stored
// reflections can be shown and edited with the questions they answered; ok is false for an
// unknown version. The result is a copy.
func CatalogueFor(version string) (Catalogue, bool) { return CatalogueIn(version, "en") }

// CatalogueIn is CatalogueFor worded in the language of a BCP 47 tag.
func CatalogueIn(version, tag string) (Catalogue, bool) {
	specs, ok := catalogueSpecs[version]
	if !ok {
		return Catalogue{}, false
	}
	lang := resolveLang(tag)
	c := Catalogue{Object: "reflection_prompt_catalogue", Version: version, Prompts: make([]Prompt, 0, len(specs))}
	for _, sp := range specs {
		text := sp.Text
		if text == "" {
			text = sp.Key
		}
		p := Prompt{Key: sp.Key, Kind: sp.Kind, Required: sp.Required,
			Question: tr(lang, "prompt."+text+".question"), Help: tr(lang, "prompt."+text+".help")}
		if sp.Kind == PromptScale {
			p.ScaleLabels = &ScaleLabels{Low: tr(lang, "prompt."+text+".low"), High: tr(lang, "prompt."+text+".high")}
		}
		c.Prompts = append(c.Prompts, p)
	}
	return c, true
}

// catalogue returns a version's prompts for validation (keys, kinds, required).
func catalogue(version string) (Catalogue, bool) {
	specs, ok := catalogueSpecs[version]
	if !ok {
		return Catalogue{}, false
	}
	c := Catalogue{Version: version, Prompts: make([]Prompt, len(specs))}
	for i, sp := range specs {
		c.Prompts[i] = Prompt{Key: sp.Key, Kind: sp.Kind, Required: sp.Required}
	}
	return c, true
}

// AnswerError is one problem with submitted answers. Key names the prompt so the API can point at
// "/answers/<key>"; it is "" for a problem with the answers as a whole (an unknown prompt
// version), which the API reports against the prompt version.
type AnswerError struct {
	Key    string `json:"key" example:"mood"`
	Detail string `json:"detail" example:"must be an integer from 1 to 5"`
}

// Error formats the problem for logs, so an AnswerError can travel as an error value too.
func (e AnswerError) Error() string {
	if e.Key == "" {
		return "answers: " + e.Detail
	}
	return "answers." + e.Key + ": " + e.Detail
}

// ValidateAnswers checks a complete set of answers (a reflection being created) against a
// catalogue version. On success it returns the answers normalised — scale → int, text → trimmed
// string, list → []string of trimmed non-empty items, boolean → bool — and nil errors. An explicit
// null for an optional prompt means "not answered" and is left out. On failure it returns nil
// answers and every problem found, sorted by key and then detail, so the response is the same for
// the same input.
func ValidateAnswers(version string, answers map[string]json.RawMessage) (map[string]any, []AnswerError) {
	cat, ok := catalogue(version)
	if !ok {
		return nil, []AnswerError{unknownVersion(version)}
	}
	out := make(map[string]any, len(answers))
	var errs []AnswerError
	for key, raw := range answers {
		p, ok := cat.prompt(key)
		if !ok {
			errs = append(errs, unknownKey(key, version))
			continue
		}
		if isNull(raw) {
			if p.Required {
				errs = append(errs, AnswerError{key, "is required and cannot be null"})
			}
			continue
		}
		v, detail := decodeAnswer(p, raw)
		if detail != "" {
			errs = append(errs, AnswerError{key, detail})
			continue
		}
		out[key] = v
	}
	for _, p := range cat.Prompts {
		if _, given := answers[p.Key]; p.Required && !given {
			errs = append(errs, AnswerError{p.Key, "is required"})
		}
	}
	if len(errs) > 0 {
		sortAnswerErrors(errs)
		return nil, errs
	}
	return out, nil
}

// ValidatePartialAnswers checks a JSON merge-patch of answers (RFC 7396) on its own, without the
// stored answers: set holds the normalised new values (as ValidateAnswers normalises them), clear
// the sorted keys whose value is null, meaning "remove this answer". Absent keys are untouched,
// so a required prompt may be missing from a patch but may not be cleared. On failure set and
// clear are nil and errs lists every problem, sorted by key and then detail.
//
// It is split from ApplyAnswerPatch so a caller can tell which answers a patch changes (for
// example to report them) before it merges.
func ValidatePartialAnswers(version string, patch map[string]json.RawMessage) (set map[string]any, clear []string, errs []AnswerError) {
	cat, ok := catalogue(version)
	if !ok {
		return nil, nil, []AnswerError{unknownVersion(version)}
	}
	set = make(map[string]any, len(patch))
	clear = []string{}
	for key, raw := range patch {
		p, ok := cat.prompt(key)
		if !ok {
			errs = append(errs, unknownKey(key, version))
			continue
		}
		if isNull(raw) {
			if p.Required {
				errs = append(errs, AnswerError{key, "is required and cannot be cleared"})
			} else {
				clear = append(clear, key)
			}
			continue
		}
		v, detail := decodeAnswer(p, raw)
		if detail != "" {
			errs = append(errs, AnswerError{key, detail})
			continue
		}
		set[key] = v
	}
	if len(errs) > 0 {
		sortAnswerErrors(errs)
		return nil, nil, errs
	}
	sort.Strings(clear)
	return set, clear, nil
}

// ApplyAnswerPatch validates a merge-patch with ValidatePartialAnswers and applies it to a copy of
// the stored answers (current is never modified): null clears an answer, other values replace
// it, absent keys keep theirs. It returns the new full set of answers, or nil and the problems.
// It also reports a required prompt that the result would lack, which can only happen when the
// stored answers were already incomplete.
func ApplyAnswerPatch(version string, current map[string]any, patch map[string]json.RawMessage) (map[string]any, []AnswerError) {
	set, clear, errs := ValidatePartialAnswers(version, patch)
	if errs != nil {
		return nil, errs
	}
	out := make(map[string]any, len(current)+len(set))
	for k, v := range current {
		out[k] = v
	}
	for _, k := range clear {
		delete(out, k)
	}
	for k, v := range set {
		out[k] = v
	}
	cat, _ := catalogue(version)
	for _, p := range cat.Prompts {
		if v, ok := out[p.Key]; p.Required && (!ok || v == nil) {
			errs = append(errs, AnswerError{p.Key, "is required"})
		}
	}
	if len(errs) > 0 {
		sortAnswerErrors(errs)
		return nil, errs
	}
	return out, nil
}

// ReflectionFromAnswers decodes stored answers into the typed Reflection the plan rules and the
// insights read. It accepts answers as ValidateAnswers returns them and as they come back from a
// JSON column (numbers as float64, lists as []any). A value of the wrong type or out of range is
// treated as unanswered rather than guessed at.
func ReflectionFromAnswers(id string, createdAt time.Time, answers map[string]any) Reflection {
	return Reflection{
		ID:                id,
		CreatedAt:         createdAt,
		Mood:              scaleAnswer(answers["mood"]),
		Preparation:       scaleAnswer(answers["preparation"]),
		SurpriseQuestions: listAnswer(answers["surprise_questions"]),
		SkillGaps:         listAnswer(answers["skill_gaps"]),
		AnswerClarity:     scaleAnswer(answers["answer_clarity"]),
		CompanyResearch:   scaleAnswer(answers["company_research"]),
		Nerves:            scaleAnswer(answers["nerves"]),
		WentWell:          textAnswer(answers["went_well"]),
		DoDifferently:     textAnswer(answers["do_differently"]),
		RoleFit:           boolAnswer(answers["role_fit"]),
		NewDirections:     listAnswer(answers["new_directions"]),
	}
}

func (c Catalogue) prompt(key string) (Prompt, bool) {
	for _, p := range c.Prompts {
		if p.Key == key {
			return p, true
		}
	}
	return Prompt{}, false
}

func unknownVersion(version string) AnswerError {
	return AnswerError{"", fmt.Sprintf("unknown prompt_version %q; the current version is %s", version, CurrentPromptVersion)}
}

func unknownKey(key, version string) AnswerError {
	return AnswerError{key, "is not a prompt of catalogue version " + version}
}

func sortAnswerErrors(errs []AnswerError) {
	sort.Slice(errs, func(i, j int) bool {
		if errs[i].Key != errs[j].Key {
			return errs[i].Key < errs[j].Key
		}
		return errs[i].Detail < errs[j].Detail
	})
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// jsonType names the JSON type of a valid value by its first byte.
func jsonType(raw []byte) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 0
	}
	switch c := raw[0]; c {
	case '"', '[', '{', 't', 'f', 'n':
		return c
	}
	return '0' // a number
}

// decodeAnswer validates one non-null answer and returns its normalised value, or a detail.
func decodeAnswer(p Prompt, raw json.RawMessage) (any, string) {
	if !json.Valid(raw) {
		return nil, "is not valid JSON"
	}
	typ := jsonType(raw)
	switch p.Kind {
	case PromptScale:
		var f float64
		if typ != '0' || json.Unmarshal(raw, &f) != nil || f != math.Trunc(f) {
			return nil, "must be an integer from 1 to 5"
		}
		if f < 1 || f > 5 {
			return nil, fmt.Sprintf("must be from 1 to 5, not %v", f)
		}
		return int(f), ""
	case PromptText:
		var s string
		if typ != '"' || json.Unmarshal(raw, &s) != nil {
			return nil, "must be a string"
		}
		s = strings.TrimSpace(s)
		if n := utf8.RuneCountInString(s); n > MaxTextAnswer {
			return nil, fmt.Sprintf("must be at most %d characters, not %d", MaxTextAnswer, n)
		}
		if strings.ContainsRune(s, 0) {
			return nil, "must not contain NUL characters"
		}
		return s, ""
	case PromptList:
		var items []json.RawMessage
		if typ != '[' || json.Unmarshal(raw, &items) != nil {
			return nil, "must be an array of strings"
		}
		out := make([]string, 0, len(items))
		for i, item := range items {
			var s string
			if jsonType(item) != '"' || json.Unmarshal(item, &s) != nil {
				return nil, fmt.Sprintf("item %d must be a string", i+1)
			}
			s = strings.TrimSpace(s)
			if n := utf8.RuneCountInString(s); n > MaxListItemLength {
				return nil, fmt.Sprintf("item %d must be at most %d characters, not %d", i+1, MaxListItemLength, n)
			}
			if strings.ContainsRune(s, 0) {
				return nil, fmt.Sprintf("item %d must not contain NUL characters", i+1)
			}
			if s != "" {
				out = append(out, s)
			}
		}
		if len(out) > MaxListItems {
			return nil, fmt.Sprintf("must have at most %d items, not %d", MaxListItems, len(out))
		}
		return out, ""
	case PromptBoolean:
		var b bool
		if typ != 't' && typ != 'f' || json.Unmarshal(raw, &b) != nil {
			return nil, "must be true or false"
		}
		return b, ""
	}
	return nil, "has an unknown kind " + p.Kind
}

func scaleAnswer(v any) *int {
	var f float64
	switch n := v.(type) {
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	case float64:
		f = n
	case json.Number:
		x, err := n.Float64()
		if err != nil {
			return nil
		}
		f = x
	default:
		return nil
	}
	if f != math.Trunc(f) || f < 1 || f > 5 {
		return nil
	}
	i := int(f)
	return &i
}

func listAnswer(v any) []string {
	var out []string
	switch l := v.(type) {
	case []string:
		for _, s := range l {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	case []any:
		for _, it := range l {
			if s, ok := it.(string); ok {
				if s = strings.TrimSpace(s); s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func textAnswer(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

func boolAnswer(v any) *bool {
	b, ok := v.(bool)
	if !ok {
		return nil
	}
	return &b
}
