package messages

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Language detection for the tone check. The rules of one language say nothing about a text
// in another, so before checking, the text's language is guessed from its most frequent small
// words, a few telling words such as the word for "thanks", and letters only some languages
// use (ñ, ß, ł, ã). It is deliberately small and deterministic: a score per language, no
// statistics learnt from data.
//
// Scoring: every word a language lists as a stop word counts 1, as a marker 2; a word listed
// by several languages is shared equally between them ("de" is Spanish, French, Portuguese,
// Dutch, Romanian and Catalan). A word with a telling ending ("-ción", "-ung") adds
// detectEndingWeight, shared the same way. Each telling letter adds detectLetterWeight,
// shared too, at most detectLetterCap per language. A capital "I" standing alone counts for English.
//
// Threshold: the best language wins when it scores at least detectMinScore and at least
// detectMargin times the runner-up. Otherwise the text is undetermined ("und"), which is the normal case
// for two or three words without a telling one ("Im Ernst??", "Go to hell."); an
// undetermined text of at least detectNoSignalWords words that scores below 1 in every
// language matches none we know and counts as clearly unsupported, and so does a text
// written mostly in a script other than Latin (Cyrillic, Greek, Arabic, Han, …).
const (
	detectMinScore      = 1.5
	detectMargin        = 1.5
	detectLetterWeight  = 0.3
	detectEndingWeight  = 0.5
	detectLetterCap     = 1.5
	detectNoSignalWords = 8
)

// otherLanguages are languages the check does not support, listed so that a text in one of
// them is recognised as such instead of being checked with the wrong rules. Once a language
// has its own locale file, its entry here is ignored (and can be deleted).
var otherLanguages = map[string]struct{ stop, markers, endings []string }{
	"it": {
		stop: strings.Fields(`il lo la i gli le di del della dei delle che e è non per un una uno sono ho ha hanno mi ti ci vi si ma
			anche questo questa molto con come al alla nel nella sul da dal io voi vostro vostra essere stato perché più già se niente
			me siete ancora adesso allora altro altra bene cosa così dopo dove due era fare giorno loro mai male meno mio mia noi nostro nostra ogni ora poco prima proprio quando quanto quello quella qui sempre senza solo stata sua suo tanto tempo tra tutti tutto tutta volta`),
		markers: strings.Fields("grazie buongiorno cordiali saluti distinti gentile ringrazio colloquio spiegazione"),
		endings: strings.Fields("zione zioni ità iamo ggio"),
	},
	"pt": {
		stop: strings.Fields(`o os a as e é não que de do da dos das em no na nos nas um uma para com por muito muita meu minha sua
			seu mas também ao pelo pela foi está estou isso isto ele ela nós já se mais como ou são ter tenho vocês você uns umas me
			sobre até ainda agora aqui bem cada coisa depois dia disse dois eles elas essa esse esta este estão fazer fica gente há hoje lá mesmo muitos nada nem nunca onde outra outro pode porque pouco quando quem qual seja sem sempre ser seus suas tem têm tempo todo toda todos tudo vai vez`),
		markers: strings.Fields("obrigado obrigada olá atenciosamente agradeço gostaria cumprimentos vaga equipa explicação decisão"),
		endings: strings.Fields("ção ções ões iam inha inho"),
	},
	"nl": {
		stop: strings.Fields(`de het een en van ik je u niet dat die is op te met voor zijn naar maar om ook als bij mijn uw wij we
			hebben heb heeft nog kunnen zou er dit deze over jullie ze al alle alles altijd andere dan daar dus echt eens even geen gewoon goed hier hoe iets jaar kan laat maken meer moet na nee niets nooit nu of omdat ons onze ook toch tot uit veel waar wat wie wil worden zal zo zonder`),
		markers: strings.Fields("bedankt dank wel groet groeten vriendelijke gesprek alstublieft graag verklaring"),
		endings: strings.Fields("lijk ijk heid tje ijn"),
	},
	"pl": {
		stop: strings.Fields(`jesteście jesteśmy i w z na nie się to że do jest jak ale o za od po czy dla tak mnie mi pan pani bardzo
			oraz który która które jestem był była także już tylko tej ten ta te są mogę państwo`),
		markers: strings.Fields("dziękuję dziekuje pozdrawiam proszę szanowni szanowny szanowna rozmowę żądam"),
		endings: strings.Fields("ość ych ów ami ście"),
	},
	"sv": {
		stop:    strings.Fields("och att det som en på är för med jag inte till av om har de ett men så vi ni mycket var den här"),
		markers: strings.Fields("tack hälsningar intervjun kräver"),
	},
	"da": {
		stop:    strings.Fields("og at det som en på er for med jeg ikke til af om har de et men så vi jer meget var den"),
		markers: strings.Fields("tak hilsen venlig samtalen"),
	},
	"ro": {
		stop:    strings.Fields("și în de la cu pe nu că o un este sunt pentru mai din care vă mă acest această ce am ați"),
		markers: strings.Fields("mulțumesc multumesc bună stimate stimată"),
		endings: strings.Fields("ului ilor ție ția"),
	},
	"tr": {
		stop:    strings.Fields("ve bir bu için çok ile de da ne ben siz mi ama daha gibi olarak var yok"),
		markers: strings.Fields("teşekkür teşekkürler ederim merhaba saygılarımla istiyorum"),
		endings: strings.Fields("ler lar yor iyorum"),
	},
	"cs": {
		stop:    strings.Fields("a v se na je že s z do to o k i za ale jsem jako pro by už jak mi mě váš vaše"),
		markers: strings.Fields("děkuji dekuji dobrý vážený vážená pohovor"),
	},
	"ca": {
		stop:    strings.Fields("el la els les i de del que en un una per amb no és es al als molt meu meva seu però també aquest aquesta m l d n això aquí ara bé cap com dia doncs ell ella ells elles encara era fer fins hi ho jo mai més nosaltres on perquè poc qui res sempre sense ser sóc tot tots tota totes us vostè vosaltres"),
		markers: strings.Fields("gràcies moltes bon bona salutacions"),
		endings: strings.Fields("ció cions eix"),
	},
}

// detectLetters are letters that only some languages use, with those languages.
var detectLetters = map[rune][]string{
	'ñ': {"es"}, '¿': {"es"}, '¡': {"es"},
	'ß': {"de"}, 'ä': {"de", "sv"}, 'ö': {"de", "sv", "tr"}, 'ü': {"de", "tr"},
	'é': {"es", "fr", "pt", "it", "ca"}, 'í': {"es", "pt", "ca", "cs"}, 'ó': {"es", "pt", "ca", "pl"}, 'ú': {"es", "pt", "ca", "cs"},
	'á': {"es", "pt", "cs"}, 'â': {"fr", "pt", "ro"}, 'î': {"fr", "ro"}, 'ô': {"fr", "pt"}, 'ë': {"fr", "nl"}, 'ï': {"fr", "nl", "ca"},
	'œ': {"fr"}, 'ç': {"fr", "pt", "ca", "tr"}, 'ê': {"fr", "pt"}, 'è': {"fr", "it", "ca"}, 'à': {"fr", "it", "ca", "pt"}, 'ù': {"fr", "it"},
	'ã': {"pt"}, 'õ': {"pt"},
	'ł': {"pl"}, 'ą': {"pl"}, 'ę': {"pl"}, 'ś': {"pl"}, 'ź': {"pl"}, 'ż': {"pl"}, 'ć': {"pl"}, 'ń': {"pl"},
	'ș': {"ro"}, 'ț': {"ro"}, 'ă': {"ro"},
	'ğ': {"tr"}, 'ş': {"tr"}, 'ı': {"tr"},
	'ř': {"cs"}, 'ě': {"cs"}, 'ů': {"cs"},
	'å': {"sv", "da"}, 'æ': {"da"}, 'ø': {"da"},
}

// detectEndings maps every listed word ending to the languages listing it, built on first use.
var detectEndings = func() func() map[string][]string {
	var endings map[string][]string
	return func() map[string][]string {
		if endings != nil {
			return endings
		}
		endings = map[string][]string{}
		for _, lang := range registry.order {
			for _, e := range registry.langs[lang].Endings {
				endings[e] = append(endings[e], lang)
			}
		}
		for lang, l := range otherLanguages {
			if registry.langs[lang] != nil {
				continue
			}
			for _, e := range l.endings {
				endings[e] = append(endings[e], lang)
			}
		}
		for e := range endings {
			sort.Strings(endings[e])
		}
		return endings
	}
}()

// detectWord is one word's owners: the languages listing it and how much each listing weighs.
type detectWord map[string]float64

// detectWords maps every listed word to its owners, built on first use from the registered
// languages and otherLanguages.
var detectWords = func() func() map[string]detectWord {
	var words map[string]detectWord
	return func() map[string]detectWord {
		if words != nil {
			return words
		}
		words = map[string]detectWord{}
		addAll := func(lang string, list []string, weight float64) {
			for _, w := range list {
				w = strings.ToLower(w)
				if words[w] == nil {
					words[w] = detectWord{}
				}
				words[w][lang] = max(words[w][lang], weight)
			}
		}
		for _, lang := range registry.order {
			addAll(lang, registry.langs[lang].StopWords, 1)
			addAll(lang, registry.langs[lang].Markers, 2)
		}
		for lang, l := range otherLanguages {
			if registry.langs[lang] == nil { // a language with its own table uses that
				addAll(lang, l.stop, 1)
				addAll(lang, l.markers, 2)
			}
		}
		return words
	}
}()

// detectLanguage guesses the language of text. It returns an ISO 639-1 code and true when it
// is sure, "und" and true when the text is clearly in no language it knows, and "und" and
// false when the text is too short or too ambiguous to tell.
func detectLanguage(text string) (string, bool) {
	scores, words, latinShare := detectScores(text)
	if latinShare < 0.5 {
		return "und", true
	}
	ranked := make([]string, 0, len(scores))
	for lang := range scores {
		ranked = append(ranked, lang)
	}
	// Highest score first; ties broken by code so the result never depends on map order.
	sort.Slice(ranked, func(i, j int) bool {
		if scores[ranked[i]] != scores[ranked[j]] {
			return scores[ranked[i]] > scores[ranked[j]]
		}
		return ranked[i] < ranked[j]
	})
	best, second := 0.0, 0.0
	if len(ranked) > 0 {
		best = scores[ranked[0]]
	}
	if len(ranked) > 1 {
		second = scores[ranked[1]]
	}
	switch {
	case best >= detectMinScore && best >= detectMargin*second:
		return ranked[0], true
	case words >= detectNoSignalWords && best < 1:
		return "und", true
	}
	return "und", false
}

// detectScores scores text for every language it might be written in, and counts its words
// and the share of its letters that are Latin (1 for a text without letters).
func detectScores(text string) (scores map[string]float64, words int, latinShare float64) {
	latin, other := 0, 0
	scores = map[string]float64{}
	letterBonus := map[string]float64{}
	for _, r := range text {
		if !unicode.IsLetter(r) {
			if langs, ok := detectLetters[r]; ok { // ¿ and ¡
				for _, l := range langs {
					letterBonus[l] += detectLetterWeight
				}
			}
			continue
		}
		if unicode.Is(unicode.Latin, r) {
			latin++
		} else {
			other++
		}
		if langs, ok := detectLetters[unicode.ToLower(r)]; ok {
			for _, l := range langs {
				letterBonus[l] += detectLetterWeight / float64(len(langs))
			}
		}
	}
	known, endings := detectWords(), detectEndings()
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		if w == "I" {
			scores["en"]++
			continue
		}
		lw := strings.ToLower(w)
		owners := known[lw]
		for lang, weight := range owners {
			scores[lang] += weight / float64(len(owners))
		}
		// A telling ending ("-ción", "-ung") counts for the languages that have it: the longest
		// listed ending of the word, tried from six bytes down to two, and only in a word
		// longer than the ending.
		for k := min(6, len(lw)-1); k >= 2; k-- {
			if !utf8.RuneStart(lw[len(lw)-k]) {
				continue
			}
			if langs, ok := endings[lw[len(lw)-k:]]; ok {
				for _, l := range langs {
					scores[l] += detectEndingWeight / float64(len(langs))
				}
				break
			}
		}
	}
	for lang, b := range letterBonus {
		scores[lang] += min(b, detectLetterCap)
	}
	latinShare = 1
	if latin+other > 0 {
		latinShare = float64(latin) / float64(latin+other)
	}
	return scores, words, latinShare
}
