package messages

import "strings"

// Spanish, in the formal register (usted). The candidate's own gender is never known, so the
// drafts avoid adjectives that would agree with it ("interesado/a", "agradecido/a") and use
// turns such as "mi interés sigue intacto" instead. The role partial has no article, so the
// templates can contract "de el" and "a el" themselves ("del puesto", "al puesto").

func init() { register(&spanish) }

var spanish = language{
	Code: "es",
	Name: "Español",

	Honorifics: map[string]honorific{
		"sr":        {class: titleSocial, gender: genderMale, hispanic: true},
		"señor":     {class: titleSocial, gender: genderMale, hispanic: true},
		"sra":       {class: titleSocial, gender: genderFemale, hispanic: true},
		"señora":    {class: titleSocial, gender: genderFemale, hispanic: true},
		"srta":      {class: titleSocial, gender: genderFemale, hispanic: true},
		"señorita":  {class: titleSocial, gender: genderFemale, hispanic: true},
		"dña":       {class: titleSocial, gender: genderFemale, hispanic: true},
		"doña":      {class: titleSocial, gender: genderFemale, hispanic: true},
		"dra":       {class: titleAcademic, gender: genderFemale, canon: "dr", hispanic: true},
		"doctora":   {class: titleAcademic, gender: genderFemale, canon: "dr", hispanic: true},
		"profesor":  {class: titleAcademic, gender: genderMale, canon: "prof", hispanic: true},
		"profesora": {class: titleAcademic, gender: genderFemale, canon: "prof", hispanic: true},
	},
	Greet: greetSpanish,

	Drafts: draftTable{
		Partials: `
{{- define "role"}}puesto{{if .Role}} de {{.Role}}{{end}}{{if .Company}} en {{.Company}}{{end}}{{end}}
{{- define "team"}}{{if .Company}}el equipo de {{.Company}}{{else}}su equipo{{end}}{{end}}
{{- define "del_team"}}{{if .Company}}del equipo de {{.Company}}{{else}}de su equipo{{end}}{{end}}
{{- define "al_team"}}{{if .Company}}al equipo de {{.Company}}{{else}}a su equipo{{end}}{{end}}
{{- define "signoff"}}Un cordial saludo{{if .Candidate}},
{{.Candidate}}{{end}}{{end}}`,

		Stages: map[string]stagePhrases{
			"":             {Thanks: "su tiempo", Noun: "mi candidatura", Ref: "que presenté mi candidatura al"},
			"application":  {Thanks: "tener en cuenta mi candidatura", Noun: "mi candidatura", Ref: "que presenté mi candidatura al"},
			"screening":    {Thanks: "revisar mi candidatura", Noun: "mi candidatura", Ref: "que presenté mi candidatura al"},
			"phone_screen": {Thanks: "la conversación telefónica", Noun: "mi entrevista telefónica", Ref: "nuestra entrevista telefónica para el"},
			"assessment":   {Thanks: "revisar mi prueba", Noun: "mi prueba", Ref: "que entregué la prueba para el"},
			"interview":    {Thanks: "el tiempo dedicado a las entrevistas", Noun: "mis entrevistas", Ref: "mi entrevista para el"},
			"final_round":  {Thanks: "recibirme en la ronda final", Noun: "mis entrevistas finales", Ref: "las entrevistas finales para el"},
			"offer":        {Thanks: "haber contado conmigo hasta la fase de oferta", Noun: "mi candidatura", Ref: "nuestras conversaciones sobre una oferta para el"},
		},

		Contacts: map[string]string{
			"recruiter": "Gracias también por haberme tenido al tanto en todo momento.",
			"hr":        "Gracias también por haberme tenido al tanto en todo momento.",
		},

		Reasons: map[string]string{
			"skills_gap":     "Mientras tanto, ya estoy trabajando en las competencias que mencionó.",
			"experience_gap": "Mientras tanto, sigo ganando la experiencia que mencionó.",
		},

		Flex: map[string]flexPhrases{
			SectorGeneral:    {Subject: "Colaboración por proyectos o a tiempo parcial", Offer: "un contrato temporal, una jornada parcial o un proyecto concreto"},
			SectorMedicine:   {Subject: "Sustituciones y guardias", Offer: "sustituciones o guardias"},
			SectorNursing:    {Subject: "Suplencias y turnos de refuerzo", Offer: "suplencias o turnos de refuerzo"},
			SectorTeaching:   {Subject: "Sustituciones", Offer: "sustituciones o interinidades"},
			SectorSocialCare: {Subject: "Suplencias y turnos de refuerzo", Offer: "suplencias o turnos de refuerzo"},
		},

		Numbers: []string{"cero", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce"},

		Templates: map[Kind]draftTemplate{
			KindThankYou: {
				Subject: `{{if .Ghosted}}Gracias por su tiempo{{if .Role}} en el proceso de {{.Role}}{{end}}{{else}}Gracias por informarme{{if .Role}} sobre el puesto de {{.Role}}{{end}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Muchas gracias por {{.Stage.Thanks}}. Valoro mucho la oportunidad de haber participado en el proceso de selección del {{template "role" .}}.
{{- else if .Cancelled}}Muchas gracias por comunicarme que el {{template "role" .}} finalmente no se va a cubrir, y por {{.Stage.Thanks}}.
{{- else if eq .Channel "phone"}}Muchas gracias por llamarme para comunicarme su decisión sobre el {{template "role" .}}, y por {{.Stage.Thanks}}. Aprecio la consideración con la que se ha llevado todo el proceso.
{{- else if eq .Channel "in_person"}}Muchas gracias por comunicarme en persona su decisión sobre el {{template "role" .}}, y por {{.Stage.Thanks}}. Aprecio la consideración con la que se ha llevado todo el proceso.
{{- else}}Muchas gracias por comunicarme su decisión sobre el {{template "role" .}}, y por {{.Stage.Thanks}}. Aprecio la consideración con la que se ha llevado todo el proceso.{{end}}
{{if .Spoke}}
Disfruté de nuestras conversaciones y aprendí mucho sobre {{template "team" .}}. Le ruego que transmita mi agradecimiento a todas las personas con las que hablé.
{{else}}
Le ruego que transmita mi agradecimiento a todas las personas que participaron en el proceso.
{{end}}
{{if not .Ghosted}}{{.ContactLine}}{{end}}

{{if .Ghosted}}Espero que nuestros caminos vuelvan a cruzarse, y les deseo a usted y {{template "al_team" .}} mucho éxito.
{{- else if .Cancelled}}Entiendo que los planes cambian, y espero que nuestros caminos vuelvan a cruzarse. Les deseo a usted y {{template "al_team" .}} mucho éxito.
{{- else}}Aunque la noticia me decepciona, respeto su decisión y espero que nuestros caminos vuelvan a cruzarse. Les deseo a usted y {{template "al_team" .}} mucho éxito.{{end}}

{{template "signoff" .}}`,
			},

			KindFeedbackRequest: {
				Subject: `Una breve pregunta sobre {{if .Role}}el puesto de {{.Role}}{{else}}mi candidatura{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Muchas gracias por {{.Stage.Thanks}}. Todavía no he tenido noticias sobre el {{template "role" .}}.

Si han decidido no seguir adelante con mi candidatura, ¿podría indicarme un aspecto de {{.Stage.Noun}} que podría haber mejorado?
{{- else if .Cancelled}}Muchas gracias por {{.Stage.Thanks}}. Entiendo que el {{template "role" .}} finalmente no se va a cubrir, y aun así me gustaría aprender de la experiencia.

Si dispone de un momento, ¿podría indicarme un aspecto de {{.Stage.Noun}} que podría mejorar de cara a futuras ocasiones?
{{- else}}Muchas gracias por {{.Stage.Thanks}}. Respeto su decisión sobre el {{template "role" .}} y me gustaría aprender de ella.

Si dispone de un momento, ¿podría indicarme un aspecto de {{.Stage.Noun}} que podría haber mejorado?{{end}} Con una o dos frases me ayudaría muchísimo, y por supuesto no hay ningún compromiso si no le es posible.
{{if .ResponseURL}}
Si le resulta más cómodo, puede responder aquí; solo le llevará unos dos minutos: {{.ResponseURL}}
{{end}}
Gracias de nuevo por su tiempo.

{{template "signoff" .}}`,
			},

			KindContinuedInterest: {
				Subject: `Futuras oportunidades{{if .Company}} en {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Muchas gracias por {{.Stage.Thanks}}. Sea cual sea el resultado del proceso para el {{template "role" .}}, mi interés por {{template "team" .}} sigue intacto.
{{- else if .Cancelled}}Gracias de nuevo por {{.Stage.Thanks}}. Entiendo que el {{template "role" .}} finalmente no se va a cubrir; aun así, lo que conocí me ha dejado con muchas ganas de formar parte {{template "del_team" .}}.
{{- else}}Gracias de nuevo por {{.Stage.Thanks}}. Aunque esta vez el {{template "role" .}} no ha podido ser, el proceso ha aumentado aún más mi interés por {{template "team" .}}.{{if .ReasonLine}} {{.ReasonLine}}{{end}}{{end}}

{{if .Cancelled}}Si el puesto vuelve a abrirse o surge otra vacante acorde con mi perfil, me gustaría que me tuvieran en cuenta, y seguiré con atención sus ofertas de empleo.
{{- else}}Me gustaría que me tuvieran en cuenta para futuras vacantes acordes con mi perfil, y seguiré con atención sus ofertas de empleo. Si surge un puesto adecuado, será un placer saber de ustedes.{{end}}

{{template "signoff" .}}`,
			},

			KindCheckIn: {
				Subject: `Un breve saludo{{if .Company}} para el equipo de {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

Espero que estas últimas semanas le hayan ido muy bien. {{if .Spoke}}Hablamos hace un tiempo sobre el {{template "role" .}}{{else if .Ghosted}}Hace un tiempo presenté mi candidatura al {{template "role" .}}{{else}}Estuvimos en contacto hace un tiempo a propósito del {{template "role" .}}{{end}}, y quería enviarle un breve saludo.

Sigo teniendo mucho interés en {{template "team" .}} y en el trabajo que realizan. {{if .Cancelled}}Si el puesto vuelve a abrirse o surge una necesidad parecida, me alegrará saber de ustedes; si no, no hace falta que me responda.{{else}}No hace falta que me responda; solo quería mantener el contacto.{{end}}

{{template "signoff" .}}`,
			},

			KindContractInquiry: {
				Subject: `{{.Flex.Subject}}{{if .Company}} en {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Muchas gracias por {{.Stage.Thanks}}. Sea cual sea el resultado del proceso para el {{template "role" .}}, quería comentarle que también me gustaría colaborar con {{template "team" .}} de una forma más flexible, por ejemplo mediante {{.Flex.Offer}}.
{{- else if .Cancelled}}Gracias de nuevo por {{.Stage.Thanks}}. Entiendo que el {{template "role" .}} finalmente no se va a cubrir. Si el trabajo sigue siendo necesario, me gustaría colaborar con {{template "team" .}} mediante {{.Flex.Offer}}.
{{- else}}Gracias de nuevo por {{.Stage.Thanks}}. Entiendo que esta vez el {{template "role" .}} no ha podido ser, y quería comentarle que me gustaría colaborar con {{template "team" .}} de una forma más flexible, por ejemplo mediante {{.Flex.Offer}}.{{end}}

Si surge una necesidad así, con mucho gusto lo hablamos cuando le venga bien.

{{template "signoff" .}}`,
			},

			KindStatusFollowUp: {
				Subject: `Seguimiento de mi candidatura{{if .Role}} al puesto de {{.Role}}{{end}}`,
				Body: `{{.Greeting}}

Espero que se encuentre bien. {{if .Weeks}}{{if eq .Weeks 1}}Ha pasado una semana{{else}}Han pasado {{.WeeksWord}} semanas{{end}} desde {{.Stage.Ref}} {{template "role" .}}, así que me permito escribirle brevemente.{{else}}Le escribo brevemente para interesarme por el proceso de selección del {{template "role" .}}.{{end}}

Sé que estas decisiones pueden llevar tiempo y que los planes a veces cambian. Cuando tenga un momento, ¿podría indicarme en qué punto se encuentra el proceso? Si finalmente no cuentan conmigo, también le agradecería una breve respuesta.

Mi interés por {{template "team" .}} sigue intacto, y me gustaría que me tuvieran en cuenta en futuras vacantes.

{{template "signoff" .}}`,
			},

			KindFeedbackThanks: {
				Subject: `Gracias por sus comentarios{{if .Role}} sobre el puesto de {{.Role}}{{end}}`,
				Body: `{{.Greeting}}

Muchas gracias por dedicar su tiempo a compartir sus comentarios sobre {{.Stage.Noun}} para el {{template "role" .}}. No es habitual recibir una opinión tan sincera, y se lo agradezco de verdad.

Sus observaciones me dan algo concreto en lo que trabajar, y las tendré muy en cuenta al preparar mis próximas candidaturas.

Espero que nuestros caminos vuelvan a cruzarse, y les deseo a usted y {{template "al_team" .}} mucho éxito.

{{template "signoff" .}}`,
			},
		},
	},

	Misfits: map[misfit]string{
		misfitUnknownKind:      "No existe ningún borrador de este tipo.",
		misfitNoDecisionYet:    "La empresa todavía no le ha comunicado su decisión, así que aún no hay nada que agradecerle. Envíe en su lugar un único mensaje de seguimiento (status-follow-up).",
		misfitAskStatusFirst:   "La empresa aún no ha respondido. Pregunte una vez en qué punto está el proceso (status-follow-up) y pida su opinión cuando le contesten.",
		misfitFeedbackReceived: "Ya ha recibido sus comentarios. Agradézcaselos (feedback-thanks) en lugar de volver a pedirlos.",
		misfitFeedbackDeclined: "Han indicado que prefieren no dar su opinión. Insistir desgasta la relación; un mensaje de interés en futuras vacantes (continued-interest) mantiene la puerta abierta.",
		misfitRoleCancelled:    "El puesto se canceló, así que el resultado dice poco de su candidatura. Le conviene más un mensaje de interés en futuras vacantes (continued-interest) o un ofrecimiento de colaboración flexible (contract-inquiry).",
		misfitNoFeedbackYet:    "Todavía no ha llegado ningún comentario. Pídalo primero (feedback-request).",
		misfitDecisionSent:     "La empresa ya le ha comunicado su decisión. El mensaje de seguimiento es solo para cuando no ha recibido respuesta; le conviene más un agradecimiento (thank-you).",
		misfitAwaitingReply:    "La empresa aún no ha respondido. Limítese a un único mensaje de seguimiento (status-follow-up); más mensajes antes de que contesten se perciben como presión.",
		misfitNoRelationship:   "La empresa aún no le ha respondido, así que pedirle otro tipo de trabajo presupone una relación que todavía no existe. Pregunte primero, una sola vez, por el estado del proceso (status-follow-up).",
		misfitNotMetYet:        "Todavía no ha hablado con nadie de la empresa, así que un mensaje para mantener el contacto tiene poca base. Un mensaje de interés en futuras vacantes (continued-interest) transmite lo mismo sin presuponer una relación.",
	},

	SectorWords: map[string][]string{
		SectorMedicine: {"médico", "médica", "facultativo", "facultativa", "cirujano", "cirujana", "pediatra", "anestesista",
			"anestesiólogo", "anestesióloga", "psiquiatra", "radiólogo", "radióloga", "cardiólogo", "cardióloga",
			"médico residente", "mir", "farmacéutico", "farmacéutica", "odontólogo", "odontóloga", "dentista",
			"veterinario", "veterinaria"},
		SectorNursing: {"enfermero", "enfermera", "enfermería", "matrona", "auxiliar de enfermería", "tcae",
			"fisioterapeuta", "técnico de radiología", "técnica de radiología", "técnico sanitario", "técnica sanitaria"},
		SectorTeaching: {"profesor", "profesora", "maestro", "maestra", "docente", "educador infantil", "educadora infantil"},
		SectorSocialCare: {"cuidador", "cuidadora", "gerocultor", "gerocultora", "auxiliar de ayuda a domicilio",
			"trabajador social", "trabajadora social", "educador social", "educadora social", "atención sociosanitaria"},
	},

	Page: PageText{
		CandidateFallback:  "la persona candidata",
		FormTitle:          "Comentarios para {candidate}",
		Lead:               "{candidate} participó en el proceso de selección para el puesto de {role} en {company} y le agradecería unas palabras sinceras sobre cómo mejorar. Solo le llevará unos dos minutos.",
		Requirements:       "Todos los campos son opcionales, pero indique al menos un punto fuerte, una sugerencia o un comentario, o elija «Preferimos no dar nuestra opinión».",
		NoteLabel:          "Mensaje de la persona candidata:",
		ErrorsHeading:      "Revise el formulario:",
		StrengthsLegend:    "Lo que salió bien",
		ImprovementsLegend: "Qué habría hecho más sólida la candidatura",
		StrengthArea:       "Punto fuerte {n} — área",
		StrengthDetail:     "Punto fuerte {n} — detalle",
		ImprovementArea:    "Aspecto a mejorar {n} — área",
		ImprovementDetail:  "Aspecto a mejorar {n} — sugerencia",
		SummaryLabel:       "Otros comentarios",
		AuthorNameLabel:    "Su nombre (opcional)",
		AuthorRoleLabel:    "Su cargo (opcional)",
		SubmitButton:       "Enviar comentarios",
		DeclineButton:      "Preferimos no dar nuestra opinión",
		Categories: []PageOption{
			{"skills", "Competencias"}, {"experience", "Experiencia"}, {"interview_performance", "Desempeño en la entrevista"},
			{"communication", "Comunicación"}, {"preparation", "Preparación"}, {"culture_fit", "Encaje con el equipo"},
			{"technical_depth", "Profundidad técnica"}, {"motivation", "Motivación"}, {"compensation", "Expectativas salariales"},
			{"other", "Otro"},
		},
		LanguageLabel:          "Idioma",
		Footer:                 "Esta solicitud se envió a través de Rebound en nombre de la persona candidata. Rebound guarda su respuesta y la hace llegar a la persona candidata a través de la plataforma de empleo que utiliza, que la recibe mediante la API y los webhooks de Rebound.",
		RespondedTitle:         "Gracias",
		RespondedMessage:       "Sus comentarios llegarán a {candidate} a través de su plataforma de empleo. Gracias por dedicarle su tiempo: de verdad marca la diferencia.",
		DeclinedTitle:          "Gracias",
		DeclinedMessage:        "Entendido: {candidate} sabrá, a través de su plataforma de empleo, que prefieren no dar su opinión. Gracias por haberlo considerado.",
		AlreadyAnsweredTitle:   "Solicitud ya respondida",
		AlreadyAnsweredMessage: "Esta solicitud de comentarios ya se ha respondido. Gracias: no hace falta hacer nada más.",
		ExpiredTitle:           "El enlace ya no es válido",
		ExpiredMessage:         "Este enlace ha caducado o se ha retirado. No es necesario responder.",
		NotFoundTitle:          "Enlace no encontrado",
		NotFoundMessage:        "Este enlace no es válido. Compruebe que ha copiado el enlace completo.",
		TooLongTitle:           "Respuesta demasiado larga",
		TooLongMessage:         "No se ha podido leer el formulario; acorte la respuesta y vuelva a intentarlo.",
		ReloadTitle:            "Vuelva a cargar la página",
		ReloadMessage:          "Este formulario ha caducado o no procede de esta página. Vuelva a abrir el enlace e inténtelo de nuevo.",
		ErrorCategory:          "Elija un área de la lista.",
		ErrorNothingGiven:      "Escriba al menos un punto fuerte, una sugerencia o un comentario, o elija «Preferimos no dar nuestra opinión».",
		ErrorInvalidField:      "Algún campo es demasiado largo o no es válido. Revise sus respuestas e inténtelo de nuevo.",
	},

	Tone: spanishTone,
	StopWords: strings.Fields(`el la los las de del y que en un una por para con no es se su sus lo le les al me mi mis muy pero como
		más este esta esto ese esa estoy está están han he ha hemos ya también porque cuando todo nos sobre sin hay fue ser sido
		puede podría mucho muchas muchos nada siempre ni o si sí desde hasta después entre a hace ante dos tres soy eres somos son era eran tiene tienen tengo cada cual qué quién donde así aquí ahora bien mejor otra otro todos
		algo alguien algún alguna antes año años bueno buena casi cosa cosas creo cuenta día días durante ellos ellas
		entonces eso esos esas estas estos estaba estar estado estamos fueron gran hacer hacia hecho hoy hubo luego
		mal menos mes mientras mismo misma momento mucha nadie nuestra nuestro nunca otros otras parte pasado poco
		poder primera primero pues puedo quiero sea según siento solo sólo tan tanto tener tiempo todas todavía tu tú
		uno va vamos van vez voy
		haber ir ver decir hablar volver queda quedar gente persona`),
	Markers: strings.Fields(`gracias saludo saludos atentamente estimado estimada muchísimas usted ustedes hola buenos puesto
		proceso respuesta correo trabajo selección decisión oportunidad agradezco agradecería`),
	Endings: strings.Fields("ción ciones dad dades ía ían aría ería rme rle rles rlo rla rnos ísimo ísima ísimos ísimas"),
}

// spanishTone is the Spanish tone check, in the same spirit as the English one: strong words
// only count when aimed at the employer, and the polite formulas of Spanish letters ("le
// ruego que transmita…") are not pleading.
var spanishTone = toneTable{
	Advice: map[string]advice{
		FindingHostile: {"Los insultos y el desprecio cierran la puerta para siempre; las personas de selección cambian de empresa y recuerdan el tono.",
			"Elimínelo; si algo salió mal, menciónelo una sola vez, de forma breve y neutral, o no lo mencione."},
		FindingBlame: {"Culpar a la empresa presupone mala fe; la mayoría de las decisiones de selección son ajustadas y profesionales, no personales.",
			"Hable de lo que haría de otra manera, o pregunte qué habría reforzado su candidatura."},
		FindingDemands: {"Nadie le debe una explicación a un candidato; una exigencia no deja a quien lee una forma amable de decir que sí.",
			"Pídalo como un favor: «¿Estaría dispuesto a compartir…?»"},
		FindingSelfDeprecation: {"Hablar tan duramente de usted le resta valor ante quien lee, y ante usted; un rechazo es una decisión, no un juicio sobre su valía.",
			"Elimínelo, o mencione algo concreto en lo que ya está trabajando."},
		FindingSarcasm: {"La ironía y los recordatorios con segundas suenan a desprecio, y quien lee responderá al tono, no a las palabras.",
			"Diga con sencillez lo que necesita: «¿Podría decirme en qué punto está el proceso?»"},
		FindingBegging: {"Suplicar pone a quien lee en un compromiso y rara vez cambia una decisión ya tomada.",
			"Diga que sigue con interés y que le encantaría optar a futuras vacantes; así la puerta queda abierta con dignidad."},
		FindingPushyFollowUp: {"Los plazos y la insistencia presionan sobre lo que es una cortesía, y hacen menos probable una respuesta.",
			"Haga un único seguimiento, sin plazos: «Cuando tenga un momento, ¿podría decirme en qué punto está el proceso?»"},
		FindingLegalThreat: {"Una amenaza legal en una respuesta rompe la relación y no se escuchará como usted quiere; una reclamación tiene sus propias vías.",
			"Mantenga este mensaje cordial, o no lo envíe. Si cree que le han tratado de forma ilegal, plantéelo por separado por la vía adecuada: el canal de reclamaciones de la empresa, una asesoría laboral o un abogado."},
	},
	Shouting:    advice{"Las mayúsculas se leen como gritos, por tranquilas que sean las palabras.", "Escriba en minúsculas normales; si una palabra necesita énfasis, que lo dé la frase."},
	Punctuation: advice{"Los signos repetidos suenan a enfado o a ironía.", "Basta con un punto, o con un solo signo de interrogación."},
	TooLong: advice{"Una respuesta a un rechazo debería leerse en segundos; las largas suelen discutir y rara vez se leen hasta el final.",
		"Redúzcala a unas pocas frases: agradecimiento, una pregunta o un deseo, y la despedida."},

	Negators:      []string{"no", "nunca", "jamás", "ni", "sin", "tampoco"},
	NegatorsAfter: []string{"nada", "nunca"},
	NotNegation:   []string{"no solo", "no sólo", "ni siquiera"},
	ClauseBreaks:  []string{"pero", "aunque", "sino", "embargo"},
	Warm: []string{"gracias", "muchísimas", "enhorabuena", "felicidades", "~encantad", "~genial", "~maravillos", "~fantástic",
		"~estupend", "ilusión", "~agradecid"},
	WarmFillers: []string{"un", "una", "muchas", "mil", "por", "todo", "de", "verdad", "muy", "todos", "equipo", "su", "tiempo", "y"},
	Acronyms:    []string{"RRHH", "RGPD", "PYME", "ETT", "SEPE", "TFG", "TFM", "ERTE"},

	Phrases: []phrase{
		// Hostilidad y desprecio.
		{Kind: FindingHostile, Pattern: `\b(?:incompetentes?|ineptos?|ineptas?|imbéciles?|idiotas|payasos?|sinvergüenzas?|cretinos?|mediocres|inútiles|chapuceros?)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:tomadura de pelo|vergüenza|vergonzos[oa]|indignante|patétic[oa]|ridícul[oa]|lamentable|impresentable|cachondeo|circo|chiste|farsa|pantomima|desastre|chapuza|cutre|tercermundista)\b`,
			Unless: `\bme da vergüenza\b`},
		{Kind: FindingHostile, Pattern: `\b(?:ustedes )?se lo pierden\b|\bpeor para ustedes\b|\bellos se lo pierden\b`},
		{Kind: FindingHostile, Pattern: `\bojalá (?:su|la|esta|vuestra) (?:empresa|compañía|startup|negocio|agencia)\b[^.!?\n]{0,25}\b(?:quiebre|cierre|se hunda|fracase|se vaya a pique|vaya a pique|desaparezca)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:maleducad[oa]s?|prepotentes?|groser[oa]s?|arrogantes?|soberbi[oa]s?|déspotas?)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:me (?:han|has|ha) hecho perder|hacerme perder|me hicieron perder) (?:el|mi) tiempo\b|\buna pérdida de tiempo\b`},
		{Kind: FindingHostile, Pattern: `\bse (?:van a|vais a) arrepentir\b|\bse arrepentirán\b|\bos arrepentiréis\b`},
		{Kind: FindingHostile, Pattern: `\b(?:pienso|voy a|vamos a) (?:contar|publicar|escribir|denunciar públicamente|avisar)\b[^.!?\n]{0,30}\b(?:redes|todo el mundo|todos|glassdoor|linkedin|internet|twitter)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:la|una) empresa (?:menos|más) (?:profesional|seria|desorganizada)\b|\bpoco profesional(?:es)?\b|\bnada profesional(?:es)?\b`},
		{Kind: FindingHostile, Pattern: `\b(?:panda|pandilla|banda|atajo|hatajo) de (?:aficionados|inútiles|incompetentes|payasos|ineptos|chapuceros)\b`},
		{Kind: FindingHostile, Pattern: `\bno (?:tiene|tienen|tenéis) ni (?:idea|puta idea|zorra idea)\b`, NoNegation: true},
		{Kind: FindingHostile, Pattern: `\b(?:impresentables|lamentables|patéticos|patéticas|vergonzosos|vergonzosas)\b|\bun caos\b`},

		// Culpar a la empresa.
		{Kind: FindingBlame, Pattern: `\binjust[oa]s?\b|\binjustamente\b|\binjusticia\b`, Unless: `\binjusto (?:por|de) mi parte\b`},
		{Kind: FindingBlame, Pattern: `\bamañad[oa]s?\b|\bparipé\b|\btongo\b|\b(?:dado|decidid[oa]) de antemano\b|\b(?:ya )?(?:tenían|tenian|habían elegido|estaba decidid[oa])\b[^.!?\n]{0,30}\b(?:antes de|de antemano|desde el principio)\b|\bla decisión (?:ya )?estaba tomada\b`},
		{Kind: FindingBlame, Pattern: `\bni (?:siquiera|tan siquiera) (?:se )?(?:leyeron|leyó|miraron|miró|abrieron|abrió|escucharon|escuchó)\b|\bnadie (?:se )?(?:molestó|leyó|miró|abrió|escuchó)\b|\bno (?:escuchó|escucharon|escuchaba) ni una palabra\b`},
		{Kind: FindingBlame, Pattern: `\bprejuicios? (?:contra|hacia) mí\b|\b(?:por|debido a) mi (?:edad|género|sexo|origen|acento|raza|religión|discapacidad|embarazo|nacionalidad|apellido)\b|\bdiscrimina(?:ción|do|da|ron|torio|toria)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:han cometido|cometen|cometieron|están cometiendo) un (?:gran |grave |enorme )?error\b|\bun error enorme\b`},
		{Kind: FindingBlame, Pattern: `\bsu (?:proceso|selección|organización)\b[^.!?\n]{0,20}\b(?:caótico|desastre|desorganizado|un caos|injusto)\b|\bsu proceso de selección es un desastre\b`},
		{Kind: FindingBlame, Pattern: `\bno me (?:dieron|dio|han dado|habéis dado|disteis) (?:ninguna |una |la )?(?:\w+ )?(?:oportunidad|opción)\b|\bnunca me (?:dieron|dio) (?:una |ninguna )?(?:\w+ )?oportunidad\b`},
		{Kind: FindingBlame, Pattern: `\bantes de (?:descartar|rechazar|juzgar) a (?:la gente|los candidatos|nadie|alguien)\b`},
		{Kind: FindingBlame, Pattern: `\benchuf(?:e|ad[oa]s?|ismo)\b|\bnepotismo\b|\bfavoritismo\b|\bamiguismo\b|\ba dedo\b`},
		{Kind: FindingBlame, Pattern: `\b(?:buscaban|querían|preferían|prefirieron|eligieron) (?:a )?(?:alguien|una persona|un perfil|un candidato|una candidata) más (?:joven|barat[oa]|mayor)\b`},

		// Exigencias.
		{Kind: FindingDemands, Pattern: `\bexij[oa]\b|\bexigimos\b|\binsisto\b`},
		{Kind: FindingDemands, Pattern: `\bme (?:deben|debe|debéis) (?:una |alguna )?(?:explicación|respuesta|disculpa|justificación)\b`},
		{Kind: FindingDemands, Pattern: `\bquiero (?:saber|una explicación|que me expliquen|que me digan)\b`},
		{Kind: FindingDemands, Pattern: `\bmerezco (?:saber|una explicación|una respuesta|que me)\b|\btengo derecho a (?:saber|una)\b`},
		{Kind: FindingDemands, Pattern: `\btienen que (?:darme|explicarme|decirme|enviarme|justificar)\b|\bdeben (?:darme|explicarme|decirme)\b`},
		{Kind: FindingDemands, Pattern: `(?:^|[.!?¡¿]\s*|\n)((?:díganme|dígame|explíquenme|explíqueme|envíenme|envíeme|decidme|explicadme|mándenme) (?:a quién|por qué|quién|qué|cuál|el|la|los|las|mi|mis)\b)`},
		{Kind: FindingDemands, Pattern: `\bespero una (?:explicación|justificación|disculpa)\b`},
		{Kind: FindingDemands, Pattern: `\b(?:necesito|quiero|exijo) que me (?:expliquen|explique|digan|diga|den|envíen|respondan|contesten)\b|\bme (?:deben|debe|debéis)\b`},

		// Seguimientos insistentes.
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:espero|necesito|quiero|exijo|requiero|aguardo)\b[^.!?\n]{0,25}\b(?:respuesta|contestación|decisión|explicación|noticias)\b[^.!?\n]{0,20}\b(?:antes del?|para el|como muy tarde|a más tardar|hasta el)\b|\b(?:respóndame|contésteme|respondan|contesten|llámeme)\b[^.!?\n]{0,20}\b(?:hoy|mañana|antes del?|cuanto antes|inmediatamente|urgentemente|lo antes posible)\b|\b(?:respuesta|contestación|decisión)\b[^.!?\n]{0,10}\b(?:antes del (?:lunes|martes|miércoles|jueves|viernes|sábado|domingo|fin de semana|día)|hoy mismo|cuanto antes|lo antes posible|urgente)\b`,
			Unless: `\bsi (?:fuera|es) posible\b|\ble agradecería\b|\bsi hubiera\b|\btengo otra oferta\b|\bdebo responder\b|\bno pasa nada\b|\bno hace falta\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bsi no (?:sé|recibo|tengo|obtengo|me responden|me contestan)\b[^.!?\n]{0,40}\b(?:antes del?|esta semana|hoy|mañana|el lunes|el viernes|daré por|escribiré|llamaré)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:llamaré|escribiré|insistiré)\b[^.!?\n]{0,20}\b(?:todos los días|cada día|a diario|hasta que)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:escribiré|llamaré|acudiré|recurriré|iré)\b[^.!?\n]{0,25}\b(?:su|al|a su) (?:director|directora|jefe|jefa|ceo|consejero delegado|gerente|superior)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:es|este es) (?:mi|el) (?:segundo|tercer|tercero|cuarto|quinto|\d+º?) (?:correo|mensaje|email|intento)\b|\b(?:ya )?(?:les|le) he (?:llamado|escrito) (?:dos|tres|cuatro|cinco|varias|muchas|\d+) veces\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bsigo esperando\b|\btodavía estoy esperando\b|\baún estoy esperando\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:la|lo|las|los) (?:quiero|necesito|espero)\b[^.!?\n]{0,15}\b(?:esta semana|hoy|mañana|ya|antes del?)\b|\ba la mayor brevedad\b|\ben todo caso antes del?\b|\bcomo (?:muy )?tarde\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bmis (?:dos|tres|cuatro|cinco|varios|\d+) (?:últimos |anteriores )?(?:correos|mensajes|emails|llamadas)\b|\bperseguirles?\b|\bno me (?:hagan|haga|hagáis) (?:insistir|volver a (?:escribir|llamar|insistir))\b`, NoNegation: true},

		// Ironía y agresividad pasiva.
		{Kind: FindingSarcasm, Pattern: `\b(?:muchas )?gracias por nada\b`},
		{Kind: FindingSarcasm, Pattern: `\bgracias por (?:hacerme perder|\w+ (?:por|al) fin|(?:el|la) (?:correo|mensaje|respuesta|email) (?:automátic[oa]|genéric[oa]|estándar)|ignorarme|tanto interés)\b`},
		{Kind: FindingSarcasm, Pattern: `\bgracias\W{0,6}supongo\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:enhorabuena|felicidades|felicitaciones) por (?:contratar|elegir|encontrar|fichar|escoger)\b[^.!?\n]{0,30}\b(?:más barat[oa]|menos (?:cualificad[oa]|experiencia|preparad[oa])|enchufad[oa]|amig[oa]|sobrin[oa]|prim[oa])\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:bravo|enhorabuena|felicidades|muy bien) por (?:la comunicación|la organización|ignorarme|hacerme esperar|cancelar|tenerme)\b`},
		{Kind: FindingSarcasm, Pattern: `\bmuy (?:profesional|serio|elegante|considerado) (?:de su parte|por su parte|por vuestra parte)\b|\bqué profesionalidad\b`},
		{Kind: FindingSarcasm, Pattern: `\bespero que (?:estén|esté|estéis) (?:content[oa]s?|satisfech[oa]s?|orgullos[oa]s?) con (?:su|la|vuestra) (?:elección|decisión)\b`},
		{Kind: FindingSarcasm, Pattern: `\bcomo (?:ya )?(?:les|le|os) (?:indiqué|dije|comenté|escribí|mencioné) en mis? (?:\w+ )?(?:correos?|mensajes?|emails?)\b|\bpor si no (?:vieron|vio|leyeron|leyó|han visto|ha visto) mis? (?:\w+ )?(?:correos?|mensajes?)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:me imagino|supongo|entiendo) que (?:estarán|estará|están|está|estaréis) (?:muy )?(?:ocupad[oa]s?|ocupadísim[oa]s?|liad[oa]s?),? pero\b|\bno habría estado de más\b|\bhabría sido lo mínimo\b`},
		{Kind: FindingSarcasm, Pattern: `\bpara este viaje no hacían falta alforjas\b`},
		{Kind: FindingSarcasm, Pattern: `\bgracias por hacerme (?:perder|gastar|esperar)\b|(?:\.\.\.|…)\s*[¡!]*(?:o )?no\b`},
		{Kind: FindingSarcasm, Pattern: `\bespero que (?:la persona|el candidato|la candidata|quien|su elección|el elegido|la elegida)\b[^.!?\n]{0,25}\b(?:valga la pena|merezca la pena|compense)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:genial|estupendo|fantástico|maravilloso|perfecto),? (?:otro|otra|un nuevo|una nueva) (?:rechazo|negativa|correo|no)\b`},

		// Súplicas.
		{Kind: FindingBegging, Pattern: `\bse lo (?:suplico|ruego)\b|\b(?:les|le|os) (?:suplico|imploro)\b|\bruego encarecidamente\b`},
		{Kind: FindingBegging, Pattern: `\breconsider\w*\b|\breplante\w* (?:su|la|vuestra) decisión\b|\bcambi\w+ de opinión\b|\bpiénsenlo (?:otra vez|de nuevo|mejor)\b|\bvuelvan a pensarlo\b`},
		{Kind: FindingBegging, Pattern: `\b(?:denme|deme|dame|dadme|concédanme) (?:otra|una segunda|una última|una nueva|una) (?:oportunidad|ocasión)\b|\bsi me (?:dieran|dan|diesen) (?:otra |una )?oportunidad\b`},
		{Kind: FindingBegging, Pattern: `\bnecesito (?:este|el|ese) (?:trabajo|puesto|empleo)\b`},
		{Kind: FindingBegging, Pattern: `\bharía (?:lo que fuera|cualquier cosa|lo que sea)\b|\bincluso gratis\b|\btrabajar(?:ía)? gratis\b|\b(?:aceptaría|acepto) un (?:sueldo|salario) más bajo\b`},
		{Kind: FindingBegging, Pattern: `\bestoy desesperad[oa]\b`},
		{Kind: FindingBegging, Pattern: `\bpor favor,? por favor\b|\bcambi\w+ de idea\b|\b(?:algo|nada) que (?:yo )?pueda hacer\b`, NoNegation: true},
		{Kind: FindingBegging, Pattern: `\bsin cobrar\b|\bgratis\b|\bsin sueldo\b`, NoNegation: true},

		// Autodesprecio.
		{Kind: FindingSelfDeprecation, Pattern: `\bsoy (?:un|una) (?:desastre|inútil|fracasad[oa]|fracaso|idiota|tont[oa]|incompetente|negad[oa]|torpe)\b|\bsoy (?:tont[oa]|idiota|inútil|incompetente|lo peor)\b|\bno valgo (?:para nada|nada|para esto)\b|\bno sirvo para (?:nada|esto)\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\b(?:perdón|perdone|perdonen|disculpe|disculpen|siento|lamento) (?:por )?(?:haberles?|hacerles?) (?:hecho )?perder (?:el|su) tiempo\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\b(?:sabía|sé) que no (?:estaba|estoy) a la altura\b|\bno estoy a la altura\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bnunca (?:voy a|vaya a|podré) (?:encontrar|conseguir) (?:trabajo|empleo|un trabajo)\b|\bnadie (?:me )?(?:va a|querrá) (?:contratar|contratarme)\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bsiento (?:haberme presentado|haber presentado mi candidatura)\b|\bojalá no me hubiera presentado\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bcero a la izquierda\b|\bhaber(?:les?)? molestado con mi (?:candidatura|solicitud|currículum)\b|\bsoy un caos\b`},

		// Amenazas legales.
		{Kind: FindingLegalThreat, Pattern: `\bmi (?:abogad[oa]|asesor(?:a)? legal|letrad[oa])\b|\b(?:hablaré|hablar|consultaré|consultar) con (?:un|una|mi) (?:abogad[oa]|letrad[oa])\b`},
		{Kind: FindingLegalThreat, Pattern: `\bacciones legales\b|\bmedidas legales\b|\bdemand(?:ar|arles|arlos|aré|aremos|aría)\b|\buna demanda\b|\bdenunci(?:a|ar|arles|aré|aremos|aría)\b|\bquerella\b|\btribunales\b|\bjuzgado\b|\binspección de trabajo\b|\bburofax\b|\bconozco mis derechos\b`},
		{Kind: FindingLegalThreat, Pattern: `\b(?:consultado|hablado|contactado|contratado) con (?:un|una|mi) (?:abogad[oa]|letrad[oa])\b|\brepresentante legal\b|\breclamación (?:formal |oficial )?ante\b|\bante (?:la )?(?:inspección|trabajo|magistratura)\b`},
	},
}

// greetSpanish writes "Estimada Sra. García López:", "Estimado Dr. Weber:" or "Estimada
// profesora Schulz:" when a title gives the gender, and the neutral "Buenos días, Helen
// Marsh:" otherwise (dropping an academic title, whose Spanish abbreviation is gendered).
func greetSpanish(p personName) string {
	switch {
	case p.empty():
		return "Buenos días:"
	case p.kept:
		return "Buenos días, " + p.raw + ":"
	case p.titled && p.gender == genderFemale:
		switch {
		case p.hasAcademic("prof"):
			return "Estimada profesora " + p.family + ":"
		case p.hasAcademic("dr"):
			return "Estimada Dra. " + p.family + ":"
		}
		return "Estimada Sra. " + p.family + ":"
	case p.titled && p.gender == genderMale:
		switch {
		case p.hasAcademic("prof"):
			return "Estimado profesor " + p.family + ":"
		case p.hasAcademic("dr"):
			return "Estimado Dr. " + p.family + ":"
		}
		return "Estimado Sr. " + p.family + ":"
	}
	return "Buenos días, " + p.names + ":"
}
