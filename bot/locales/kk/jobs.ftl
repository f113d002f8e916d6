jobs-card-title = <b>{ $title }</b>
jobs-card-employer = 🏢 { $employer }
jobs-card-area = 📍 { $area }
jobs-card-salary = 💰 { $salary }
jobs-card-match = 🎯 Сәйкестік: { $percent }%
jobs-card-snippet = <i>{ $snippet }</i>
jobs-why = 💡 Неге: { $reasons }
jobs-why-title = атауы — сіз іздеген лауазым
jobs-why-salary_meets = жалақы күткеніңізге сай
jobs-why-salary_below = жалақы күткеніңіздің шамамен { $percent }%
jobs-why-salary_below_plain = жалақы күткеніңізден төмен
jobs-why-location-same_area = сіздің қалаңызда
jobs-why-location-in = { $city } қаласында
jobs-why-location-remote = қашықтан жұмыс
jobs-why-location-same_country = сіздің елде
jobs-why-location-elsewhere = басқа қалада
jobs-why-keywords = { $keywords } аталады
jobs-why-general = профиліңізге жақын
jobs-salary-none = жалақы көрсетілмеген
jobs-salary-range = { $low } – { $high }
jobs-salary-from = { $amount } бастап
jobs-salary-to = { $amount } дейін
jobs-salary-gross = салық шегерілгенге дейін { $amount }
jobs-salary-net = қолға { $amount }
jobs-details-skills = <b>Негізгі дағдылар:</b> { $skills }
jobs-details-no_description = Жұмыс беруші сипаттама бермеген.
jobs-btn-like = 👍
jobs-btn-liked = 👍✓
jobs-btn-dislike = 👎
jobs-btn-disliked = 👎✓
jobs-btn-save = ⭐ Сақтау
jobs-btn-saved = ★ Сақталды
jobs-btn-details = 📄 Толығырақ
jobs-btn-hide = 🚫 Жұмыс берушіні жасыру
jobs-btn-open = 🔗 hh сайтында ашу
jobs-btn-prev = ◀ Артқа
jobs-btn-next = Әрі қарай ▶
jobs-btn-again = 🔁 Қайта көрсету
jobs-btn-refresh = 🔄 Жаңарту
jobs-nav-page = { $pages } беттің { $page }-беті · вакансиялар: { $total }
jobs-nav-refreshed = 🔄 Сіз үшін жаңалары: { $new }. Бұрын көргендеріңіз алынып тасталды: { $seen } — вакансия /saved ішінде қалуы үшін оны ⭐ сақтаңыз.
jobs-nav-last = Әзірге бұл соңғы бет. 🔄 Жаңарту жаңа вакансияларды іздейді.
jobs-all_seen =
    { $count ->
        [one] Сізге сәйкес келетін вакансияны көріп қойдыңыз — ол жоғарыда.
       *[other] Сізге сәйкес келетін { $count } вакансияның бәрін көріп қойдыңыз — олар жоғарыда.
    } Жаңаларын іздеу үшін 🔄 Жаңарту түймесін, қайта көру үшін 🔁 түймесін басыңыз. Көбірек табу үшін /preferences ішінде іздеуді кеңейтіңіз: { $ways }.
jobs-widen-city = басқа қала
jobs-widen-remote = қашықтан жұмыс
jobs-widen-salary = төменірек жалақы
jobs-widen-title = басқа лауазым
jobs-nav-stale = ⚠️ HeadHunter қазір жауап бермей тұр, сондықтан бұлар бұрын сақталған нәтижелер.
jobs-empty =
    Әзірге сізге жаңа вакансия жоқ.

    /search арқылы өз сөзіңізбен іздеңіз немесе /preferences ішінде іздеуді кеңейтіңіз (қала, жалақы, дағдылар). Кейінірек қайта іздеу үшін 🔄 басыңыз.
jobs-hidden_pay = Сіз { $amount } дейінгі жалақы аз екенін бірнеше рет айттыңыз, сондықтан мұндай вакансияларды көрсетпеймін.
jobs-unavailable-hh_unavailable = HeadHunter қазір жауап бермей тұр. Бірнеше минуттан кейін қайталап көріңіз.
jobs-unavailable-hh_rate_limited = HeadHunter баяулауды сұрады. Бір минуттан кейін қайталап көріңіз.
jobs-unavailable-hh_captcha = HeadHunter қазір менің сұрауларымды қабылдамай тұр. Кейінірек қайталап көріңіз.
jobs-unavailable-hh_forbidden = HeadHunter қазір менің сұрауларымды қабылдамай тұр. Кейінірек қайталап көріңіз.
jobs-unavailable-hh_invalid_response = HeadHunter мен оқи алмайтын жауап жіберді. Бірнеше минуттан кейін қайталап көріңіз.
jobs-not_found = Бұл вакансия қолжетімсіз.
jobs-saved_toast = Сақталды ⭐ — /saved қараңыз. Болдырмау үшін ★ қайта басыңыз.
jobs-unsaved_toast = /saved ішінен алынды
jobs-unsave_kept = Бұл вакансия /saved ішінде қалады: онда оның мәртебесі, жазбалары немесе еске салғышы бар. Оны /saved ішінде өзгертіңіз.
jobs-hidden = 🚫 <b>{ $employer }</b> вакансиялары енді көрсетілмейді. /hidden — қайта көрсету.
jobs-hidden_toast = Жұмыс беруші жасырылды
jobs-no_employer = Бұл вакансияда жасыратын жұмыс беруші көрсетілмеген.
jobs-card-terms = 🧭 { $terms }
jobs-gap-have = ✓ { $skills }
jobs-gap-lack = ✗ { $skills }
jobs-trust-rating = ★ { $rating } · { $reviews ->
        [one] { $reviews } пікір
       *[other] { $reviews } пікір
    }
jobs-trust-rating_only = ★ { $rating }
jobs-trust-trusted = ✔ hh тексерген
jobs-trust-accredited_it = аккредиттелген IT-компания
jobs-format-ON_SITE = кеңседе
jobs-format-REMOTE = қашықтан
jobs-format-HYBRID = гибрид
jobs-format-FIELD_WORK = жол жүретін жұмыс
jobs-experience-noExperience = тәжірибесіз
jobs-experience-between1And3 = 1–3 жыл тәжірибе
jobs-experience-between3And6 = 3–6 жыл тәжірибе
jobs-experience-moreThan6 = 6 жылдан астам тәжірибе
jobs-employment-FULL = толық жұмыс күні
jobs-employment-PART = толық емес жұмыс күні
jobs-employment-PROJECT = жоба
jobs-employment-FLY_IN_FLY_OUT = вахта
jobs-employment-SIDE_JOB = қосымша жұмыс
jobs-pay_mode-HOUR = сағатына
jobs-pay_mode-SHIFT = ауысымына
jobs-pay_mode-FLY_IN_FLY_OUT = вахтасына
jobs-pay_mode-SERVICE = қызметі үшін
jobs-salary-per = { $amount } { $unit }
jobs-posted-today = бүгін жарияланды
jobs-posted-yesterday = кеше жарияланды
jobs-posted-days = { $days ->
        [one] { $days } күн бұрын жарияланды
       *[other] { $days } күн бұрын жарияланды
    }
jobs-btn-apply = ✉️ Өтініш беру

jobs-btn-not_interested = 🙈 Қызық емес
jobs-not_interested = 🙈 <b>{ $title }</b> жасырылды: бұл вакансияны енді көрсетпеймін. /hidden — қайта көрсету.
jobs-not_interested_toast = Вакансия жасырылды
jobs-pay-vacancy_in = 📊 { $place } қаласындағы «{ $role }» вакансияларының { $percent } %-нан көп төлейді (n = { $sample })
jobs-pay-vacancy = 📊 «{ $role }» вакансияларының { $percent } %-нан көп төлейді (n = { $sample })
jobs-pay-yours_in = 📊 Сіздің { $amount } — { $place } қаласындағы «{ $role }» вакансияларының { $percent } %-нан жоғары (n = { $sample })
jobs-pay-yours = 📊 Сіздің { $amount } — «{ $role }» вакансияларының { $percent } %-нан жоғары (n = { $sample })
jobs-btn-more = ⋯ Тағы
jobs-btn-less = ⋯ Жасыру
jobs-btn-similar = 🔁 Ұқсастары
jobs-btn-share = 📤 Бөлісу
jobs-similar_title = 🔁 { $count ->
        [one] Осыған ұқсас тағы { $count } вакансия:
       *[other] Осыған ұқсас тағы { $count } вакансия:
    }
jobs-similar_none = Әзірге жаңа ұқсастары жоқ: барлығын көрдіңіз.
jobs-share = 📤 <b>{ $title }</b> сілтемесі — оны ашқан адам бұл вакансияны ботта көреді:
    { $link }
jobs-btn-share_send = 📤 Чатқа жіберу
