push-digest-matches =
    { $count ->
        [one] { $count } жаңа вакансия
       *[other] { $count } жаңа вакансия
    }
push-digest-header-topic_place = 🔔 { $matches }: <b>{ $topic }</b> · { $place }
push-digest-header-topic = 🔔 { $matches }: <b>{ $topic }</b>
push-digest-header-place = 🔔 { $matches } · { $place }
push-digest-for_search = 🔎 «{ $search }» іздеуі үшін
push-digest-header-plain = 🔔 Бүгін сізге { $matches }
push-reminder-title = ⏰ Еске салу: { $title }
push-reminder-employer = 🏢 { $employer }
push-reminder-status = Мәртебесі: { $status }
push-reminder-notes = 📝 { $notes }
push-reminder-hint = Мәртебені жаңартыңыз немесе /saved ішінде жаңа еске салғыш қойыңыз.
push-reminder-open = Вакансияны ашу
push-reminder-status-saved = сақталды
push-reminder-status-applied = өтінім жіберілді
push-reminder-status-no_answer = жауап жоқ
push-reminder-status-interview = сұхбат
push-reminder-status-offer = ұсыныс
push-reminder-status-hired = жұмысқа алынды
push-reminder-status-rejected = бас тартылды
push-reminder-follow_up_at = 📨 { $employer } <b>{ $title }</b> бойынша жауап берді ме?
push-reminder-follow_up = 📨 { $title } бойынша жауап бар ма?
