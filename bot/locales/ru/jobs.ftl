jobs-card-title = <b>{ $title }</b>
jobs-card-employer = 🏢 { $employer }
jobs-card-area = 📍 { $area }
jobs-card-salary = 💰 { $salary }
jobs-card-match = 🎯 Совпадение: { $percent }%
jobs-card-snippet = <i>{ $snippet }</i>
jobs-why = 💡 Почему: { $reasons }
jobs-why-title = название — то, что вы ищете
jobs-why-salary_meets = зарплата соответствует ожиданиям
jobs-why-salary_below = зарплата около { $percent }% от ожиданий
jobs-why-salary_below_plain = зарплата ниже ожиданий
jobs-why-location-same_area = в вашем городе
jobs-why-location-in = в городе { $city }
jobs-why-location-remote = удалённая работа
jobs-why-location-same_country = в вашей стране
jobs-why-location-elsewhere = в другом городе
jobs-why-keywords = упоминает { $keywords }
jobs-why-general = близко к вашему профилю
jobs-salary-none = зарплата не указана
jobs-salary-range = { $low } – { $high }
jobs-salary-from = от { $amount }
jobs-salary-to = до { $amount }
jobs-salary-gross = { $amount } до вычета
jobs-salary-net = { $amount } на руки
jobs-details-skills = <b>Ключевые навыки:</b> { $skills }
jobs-details-no_description = Работодатель не дал описания.
jobs-btn-like = 👍
jobs-btn-liked = 👍✓
jobs-btn-dislike = 👎
jobs-btn-disliked = 👎✓
jobs-btn-save = ⭐ Сохранить
jobs-btn-saved = ★ Сохранено
jobs-btn-details = 📄 Подробнее
jobs-btn-hide = 🚫 Скрыть работодателя
jobs-btn-open = 🔗 Открыть на hh
jobs-btn-prev = ◀ Назад
jobs-btn-next = Дальше ▶
jobs-btn-again = 🔁 Показать снова
jobs-btn-refresh = 🔄 Обновить
jobs-nav-page = Страница { $page } из { $pages } · вакансий: { $total }
jobs-nav-refreshed = 🔄 Новых для вас: { $new }. Уже просмотренные скрыты: { $seen } — сохраните ⭐ вакансию, чтобы она осталась в /saved.
jobs-nav-last = Это пока последняя страница. 🔄 Обновить поищет новые вакансии.
jobs-all_seen =
    { $count ->
        [1] Подходящую вам вакансию вы уже видели — она выше.
        [one] { $count } подходящую вам вакансию вы уже видели — они выше.
        [few] { $count } подходящие вам вакансии вы уже видели — они выше.
       *[many] { $count } подходящих вам вакансий вы уже видели — они выше.
    } Нажмите 🔄 Обновить, чтобы поискать новые, или 🔁, чтобы показать снова. Чтобы найти больше, расширьте поиск в /preferences: { $ways }.
jobs-widen-city = другой город
jobs-widen-remote = удалённая работа
jobs-widen-salary = зарплата ниже
jobs-widen-title = другая должность
jobs-nav-stale = ⚠️ HeadHunter сейчас не отвечает, поэтому это результаты, сохранённые ранее.
jobs-empty =
    Новых вакансий для вас пока нет.

    Попробуйте /search со своими словами или расширьте /preferences (город, зарплата, навыки). Нажмите 🔄 позже, чтобы поискать снова.
jobs-hidden_pay = Вы не раз сказали, что оплата до { $amount } — это мало, поэтому такие вакансии я не показываю.
jobs-unavailable-hh_unavailable = HeadHunter сейчас не отвечает. Попробуйте через несколько минут.
jobs-unavailable-hh_rate_limited = HeadHunter просит меня притормозить. Попробуйте через минуту.
jobs-unavailable-hh_captcha = HeadHunter сейчас отклоняет мои запросы. Попробуйте позже.
jobs-unavailable-hh_forbidden = HeadHunter сейчас отклоняет мои запросы. Попробуйте позже.
jobs-unavailable-hh_invalid_response = HeadHunter прислал то, что я не смог прочитать. Попробуйте через несколько минут.
jobs-not_found = Эта вакансия недоступна.
jobs-saved_toast = Сохранено ⭐ — см. /saved. Нажмите ★ ещё раз, чтобы отменить.
jobs-unsaved_toast = Убрано из /saved
jobs-unsave_kept = Вакансия остаётся в /saved: у неё там есть статус, заметки или напоминание. Измените её в /saved.
jobs-hidden = 🚫 Вакансии <b>{ $employer }</b> больше не будут показываться. /hidden — показать снова.
jobs-hidden_toast = Работодатель скрыт
jobs-no_employer = У этой вакансии не указан работодатель.
jobs-card-terms = 🧭 { $terms }
jobs-gap-have = ✓ { $skills }
jobs-gap-lack = ✗ { $skills }
jobs-trust-rating = ★ { $rating } · { $reviews ->
        [one] { $reviews } отзыв
        [few] { $reviews } отзыва
       *[many] { $reviews } отзывов
    }
jobs-trust-rating_only = ★ { $rating }
jobs-trust-trusted = ✔ проверена hh
jobs-trust-accredited_it = аккредитованная IT-компания
jobs-format-ON_SITE = в офисе
jobs-format-REMOTE = удалённо
jobs-format-HYBRID = гибрид
jobs-format-FIELD_WORK = разъездная работа
jobs-experience-noExperience = без опыта
jobs-experience-between1And3 = опыт 1–3 года
jobs-experience-between3And6 = опыт 3–6 лет
jobs-experience-moreThan6 = опыт от 6 лет
jobs-employment-FULL = полная занятость
jobs-employment-PART = частичная занятость
jobs-employment-PROJECT = проект
jobs-employment-FLY_IN_FLY_OUT = вахта
jobs-employment-SIDE_JOB = подработка
jobs-pay_mode-HOUR = в час
jobs-pay_mode-SHIFT = за смену
jobs-pay_mode-FLY_IN_FLY_OUT = за вахту
jobs-pay_mode-SERVICE = за услугу
jobs-salary-per = { $amount } { $unit }
jobs-posted-today = опубликована сегодня
jobs-posted-yesterday = опубликована вчера
jobs-posted-days = { $days ->
        [one] опубликована { $days } день назад
        [few] опубликована { $days } дня назад
       *[many] опубликована { $days } дней назад
    }
jobs-btn-apply = ✉️ Откликнуться

jobs-btn-not_interested = 🙈 Не интересно
jobs-not_interested = 🙈 <b>{ $title }</b> скрыта: больше эту вакансию не покажу. /hidden — показать снова.
jobs-not_interested_toast = Вакансия скрыта
jobs-pay-vacancy_in = 📊 Платят больше, чем в { $percent } % вакансий «{ $role }» в городе { $place } (n = { $sample })
jobs-pay-vacancy = 📊 Платят больше, чем в { $percent } % вакансий «{ $role }» (n = { $sample })
jobs-pay-yours_in = 📊 Ваши { $amount } выше, чем в { $percent } % вакансий «{ $role }» в городе { $place } (n = { $sample })
jobs-pay-yours = 📊 Ваши { $amount } выше, чем в { $percent } % вакансий «{ $role }» (n = { $sample })
jobs-btn-more = ⋯ Ещё
jobs-btn-less = ⋯ Меньше
jobs-btn-similar = 🔁 Похожие
jobs-btn-share = 📤 Поделиться
jobs-similar_title = 🔁 { $count ->
        [one] Ещё { $count } похожая вакансия:
        [few] Ещё { $count } похожие вакансии:
       *[many] Ещё { $count } похожих вакансий:
    }
jobs-similar_none = Новых похожих пока нет: вы видели все.
jobs-share = 📤 Ссылка на <b>{ $title }</b> — кто её откроет, увидит эту вакансию в боте:
    { $link }
jobs-btn-share_send = 📤 Отправить в чат
