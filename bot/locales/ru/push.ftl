push-digest-matches =
    { $count ->
        [one] { $count } новая вакансия
        [few] { $count } новые вакансии
       *[many] { $count } новых вакансий
    }
push-digest-header-topic_place = 🔔 { $matches }: <b>{ $topic }</b> · { $place }
push-digest-header-topic = 🔔 { $matches }: <b>{ $topic }</b>
push-digest-header-place = 🔔 { $matches } · { $place }
push-digest-for_search = 🔎 Для поиска «{ $search }»
push-digest-header-plain = 🔔 { $matches } для вас сегодня
push-reminder-title = ⏰ Напоминание: { $title }
push-reminder-employer = 🏢 { $employer }
push-reminder-status = Статус: { $status }
push-reminder-notes = 📝 { $notes }
push-reminder-hint = Обновите статус или поставьте новое напоминание в /saved.
push-reminder-open = Открыть вакансию
push-reminder-status-saved = сохранено
push-reminder-status-applied = отклик отправлен
push-reminder-status-no_answer = нет ответа
push-reminder-status-interview = собеседование
push-reminder-status-offer = предложение
push-reminder-status-hired = приняли на работу
push-reminder-status-rejected = отказ
push-reminder-follow_up_at = 📨 Ответил ли { $employer } про { $title }?
push-reminder-follow_up = 📨 Есть ответ про { $title }?
