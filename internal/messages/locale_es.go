package messages

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
