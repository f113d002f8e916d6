search-ask =
    Не іздейміз? Кілт сөздерді жазыңыз, мысалы <code>{ $example }</code>.

    Осы іздеудің әдеттегі сүзгілерін өзгерту үшін <code>қала:Алматы</code>, <code>жалақы:300к</code>, <code>қашықтан</code> немесе <code>өтінімдер:көрсету</code> қосыңыз. /cancel — тоқтату.
search-need_keywords = Кемінде бір кілт сөз жазыңыз, мысалы <code>python</code>.
search-city_ask = Қай қаладан іздейін? Атауын жазыңыз, мысалы Алматы.
search-city_unknown = «{ $text }» қаласын білмеймін. Басқаша жазып көріңіз, мысалы Алматы немесе Астана.
search-city_pick = Қайсысын айтып тұрсыз?
search-salary_ask = Ең төменгі жалақы қанша? Мысалы 300000, 300k немесе $2000.
search-salary_bad = «{ $text }» мәтінін жалақы ретінде оқи алмадым. 300000, 300k немесе $2000 деп көріңіз.
search-summary = 🔎 { $parts }
search-summary-keywords = «{ $keywords }»
search-summary-profile = сіздің профиліңіз
search-summary-city = 📍 { $city }
search-summary-salary = 💰 { $amount } бастап
search-summary-remote = 🏠 қашықтан жұмыспен
search-summary-applied_hidden = 🙈 өтінім жіберілгендерсіз
search-summary-applied_shown = 👁 өтінім жіберілгендермен
search-btn-city = 🏙 Қала
search-btn-salary = 💰 Жалақы
search-btn-remote = 🏠 Қашықтан да
search-btn-hide_applied = 🙈 Өтінімдерсіз
search-empty = Бұл іздеуге ештеңе табылмады. Азырақ сөз, басқа қала немесе төменірек жалақы көріңіз.
search-expired = Бұл іздеудің мерзімі өтті — /search командасын қайта жіберіңіз.
search-example = сату менеджері
