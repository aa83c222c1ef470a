package messages

import (
	"slices"
	"strings"
)

// gender is what a contact's name says about how to address them. It is only ever known from
// an honorific the caller wrote ("Frau", "Mr", "Sra.", "Mme"), never guessed from a first
// name, because a wrong guess is worse than a neutral greeting.
type gender int

const (
	genderUnknown gender = iota
	genderFemale
	genderMale
)

// titleClass sorts the titles that can precede a name.
type titleClass int

const (
	// titleSocial is a courtesy title that may carry a gender: Mr, Frau, Sra., Mme, Mx.
	titleSocial titleClass = iota + 1
	// titleAcademic is Dr or Prof, which German and English keep in the salutation.
	titleAcademic
	// titleKept is a title that goes with the full name and is never rearranged (Sir, Dame,
	// Reverend): the greeting keeps the name exactly as written.
	titleKept
)

// honorific describes one title word, keyed in a language's Honorifics table by its
// lower-case form without a trailing dot ("dr", "frau", "sra").
type honorific struct {
	class  titleClass
	gender gender
	// canon identifies the title across languages, so each language can write it its own
	// way: "dr" and "prof" for academic titles, "mr", "mrs", "ms", "miss" and "mx" for the
	// English courtesy titles, "" for the others (their gender is what matters).
	canon string
	// hispanic marks the Spanish titles, whose bearers usually carry two surnames: after
	// "Sra." every word but the first given name is the family name ("Sra. Ana García
	// López" is "Sra. García López").
	hispanic bool
}

// personName is a contact's name taken apart for a greeting. Names are kept as the caller
// wrote them; titles are kept by their canonical form, so each language writes them its way
// ("Dr." in English and German, "Dra." for a woman in Spanish).
type personName struct {
	raw      string   // the whole name, whitespace collapsed
	social   string   // the canonical courtesy title ("mr", "ms", …), "" if none or not English
	titled   bool     // a social or academic title precedes the name
	academic []string // canonical academic titles ("prof", "dr"), in the order written
	kept     bool     // a titleKept title: greet by raw
	gender   gender
	given    string // the first given name, or "" when only a family name follows a title
	family   string // the family name, or "" when the name is a single given name
	names    string // every word after the titles: "Katrin Schulz"
}

// empty reports whether there is no name to greet at all (nothing, or a title alone).
func (p personName) empty() bool { return p.names == "" }

// parseName splits a contact's name into titles and names using every language's honorifics,
// since a German contact may be written to in English. "M." with its dot counts as Monsieur
// (so "M. Night Shyamalan" would be greeted as a Monsieur) and "M" without it as an initial;
// academic qualifiers after Dr ("Dr. med.", "Dr. rer. nat.") are
// dropped from the salutation as German does.
func parseName(full string) personName {
	p := personName{raw: oneLine(full)}
	words := strings.Fields(p.raw)
	hispanic := false
	i := 0
	for ; i < len(words); i++ {
		w := words[i]
		key := strings.ToLower(strings.TrimSuffix(w, "."))
		h, ok := lookupHonorific(key)
		if key == "m" && w != "M." {
			ok = false // "M" without its dot is an initial
		}
		if !ok {
			if len(p.academic) > 0 && isQualifier(w) {
				continue
			}
			break
		}
		switch h.class {
		case titleSocial:
			if p.social == "" {
				p.social = h.canon
			}
			p.titled = true
		case titleAcademic:
			if !slices.Contains(p.academic, h.canon) {
				p.academic = append(p.academic, h.canon)
			}
			p.titled = true
		case titleKept:
			p.kept = true
		}
		if h.gender != genderUnknown {
			p.gender = h.gender
		}
		hispanic = hispanic || h.hispanic
	}
	rest := words[i:]
	p.names = strings.Join(rest, " ")
	switch {
	case len(rest) == 0:
	case len(rest) == 1 && i > 0:
		p.family = rest[0]
	case len(rest) == 1:
		p.given = rest[0]
	case hispanic:
		p.given, p.family = rest[0], strings.Join(rest[1:], " ")
	default:
		p.given, p.family = rest[0], familyName(rest[1:])
	}
	return p
}

// familyName is the last word with the lower-case particles before it ("van der Berg",
// "de la Cruz", "von Arnim").
func familyName(words []string) string {
	start := len(words) - 1
	for start > 0 && particles[words[start-1]] {
		start--
	}
	return strings.Join(words[start:], " ")
}

// particles are the lower-case words that belong to a family name.
var particles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "du": true, "des": true, "la": true, "le": true, "dos": true, "das": true, "zu": true, "ten": true,
	"ter": true, "y": true, "bin": true, "al": true,
}

// isQualifier reports whether w is an academic qualifier such as "med." or "rer." that follows
// "Dr." and stays out of a salutation.
func isQualifier(w string) bool {
	base, ok := strings.CutSuffix(w, ".")
	return ok && base != "" && len(base) <= 5 && strings.ToLower(base) == base
}

// lookupHonorific finds a title word in any registered language.
func lookupHonorific(key string) (honorific, bool) {
	for _, lang := range registry.order {
		if h, ok := registry.langs[lang].Honorifics[key]; ok {
			return h, true
		}
	}
	return honorific{}, false
}

// hasAcademic reports whether the name carries the academic title canon ("dr", "prof").
func (p personName) hasAcademic(canon string) bool { return slices.Contains(p.academic, canon) }
