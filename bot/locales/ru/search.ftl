search-ask =
    Что ищем? Напишите ключевые слова, например <code>{ $example }</code>.

    Чтобы изменить обычные фильтры для этого поиска, добавьте <code>город:Алматы</code>, <code>зарплата:300к</code>, <code>удалённо</code> или <code>отклики:показать</code>. /cancel — отменить.
search-need_keywords = Напишите хотя бы одно ключевое слово, например <code>python</code>.
search-city_ask = В каком городе искать? Напишите название, например Алматы.
search-city_unknown = Не знаю город «{ $text }». Попробуйте другое написание, например Алматы или Астана.
search-city_pick = Какой именно?
search-salary_ask = Какая минимальная зарплата? Например 300000, 300к или $2000.
search-salary_bad = Не получилось прочитать «{ $text }» как зарплату. Попробуйте 300000, 300к или $2000.
search-summary = 🔎 { $parts }
search-summary-keywords = «{ $keywords }»
search-summary-profile = ваш профиль
search-summary-city = 📍 { $city }
search-summary-salary = 💰 от { $amount }
search-summary-remote = 🏠 с удалёнкой
search-summary-applied_hidden = 🙈 без откликнутых
search-summary-applied_shown = 👁 с откликнутыми
search-btn-city = 🏙 Город
search-btn-salary = 💰 Зарплата
search-btn-remote = 🏠 С удалёнкой
search-btn-hide_applied = 🙈 Без откликов
search-empty = По этому запросу ничего нет. Попробуйте меньше слов, другой город или зарплату пониже.
search-expired = Этот поиск устарел — отправьте /search ещё раз.
search-example = менеджер по продажам
