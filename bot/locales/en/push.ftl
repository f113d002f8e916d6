push-digest-matches =
    { $count ->
        [one] { $count } new match
       *[other] { $count } new matches
    }
push-digest-header-topic_place = 🔔 { $matches } for <b>{ $topic }</b> in { $place }
push-digest-header-topic = 🔔 { $matches } for <b>{ $topic }</b>
push-digest-header-place = 🔔 { $matches } in { $place }
push-digest-for_search = 🔎 For «{ $search }»
push-digest-header-plain = 🔔 { $matches } for you today
push-reminder-title = ⏰ Reminder: { $title }
push-reminder-employer = 🏢 { $employer }
push-reminder-status = Status: { $status }
push-reminder-notes = 📝 { $notes }
push-reminder-hint = Update the status or set a new reminder in /saved.
push-reminder-open = Open the vacancy
push-reminder-status-saved = saved
push-reminder-status-applied = applied
push-reminder-status-no_answer = no answer
push-reminder-status-interview = interview
push-reminder-status-offer = offer
push-reminder-status-hired = hired
push-reminder-status-rejected = rejected
push-reminder-follow_up_at = 📨 Any reply from { $employer } about { $title }?
push-reminder-follow_up = 📨 Any reply about { $title }?
