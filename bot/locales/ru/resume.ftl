resume-ask =
    📄 <b>Заполнить профиль по резюме</b>
    Пришлите резюме файлом — <b>PDF</b>, <b>DOCX</b>, <b>TXT</b> или <b>MD</b>, до 20 МБ — или вставьте его текст сюда. Я найду навыки, должности, опыт, город, зарплату и языки и покажу их для проверки: ничего не сохранится, пока вы не подтвердите.

    /cancel — выйти.
resume-onboarding_offer = 📄 Есть резюме? Пришлите его файлом (PDF, DOCX, TXT или MD) — и я заполню всё сам.
resume-read-title = 📄 <b>Я прочитал ваше резюме.</b>
resume-read-found = Нашёл: { $found }.
resume-read-missing = Не нашёл: { $missing } — заполните кнопками ниже.
resume-read-languages = Языки: { $languages } (показываю, чтобы вы проверили чтение; по языкам профиль пока не фильтрует).
resume-read-kept_nothing = Файл не хранится: я прочитал его один раз и удалил. Проверьте каждое поле ниже, исправьте любое и нажмите <b>Подтвердить</b> — до этого ничего не сохраняется.
resume-found-less_than_year = опыт меньше года
resume-found-titles = должности { $titles }
resume-found-city = город { $city }
resume-found-salary = зарплата { $salary }
resume-missing-skills = навыки
resume-missing-titles = должности
resume-missing-experience = опыт работы
resume-missing-city = город
resume-missing-salary = зарплату
resume-missing-languages = языки
resume-language-english = английский
resume-language-russian = русский
resume-language-kazakh = казахский
resume-language-german = немецкий
resume-language-french = французский
resume-language-chinese = китайский
resume-language-turkish = турецкий
resume-language-spanish = испанский
resume-level-native = родной
resume-level-fluent = свободно
resume-nothing_found =
    📄 Я прочитал текст, но не нашёл в нём знакомых навыков или должностей. Вставьте часть резюме с навыками и должностями или настройте профиль по шагам: /start.

    Файл не хранится.
resume-too_short = Это слишком коротко для резюме. Пришлите файл или вставьте весь текст резюме.
resume-problem-too_big = Файл больше 20 МБ — Telegram не даёт ботам скачивать файлы крупнее. Пришлите файл поменьше (резюме обычно меньше 1 МБ) или вставьте текст резюме сюда.
resume-problem-image = Это картинка, а читать текст с изображений я не умею. Пришлите резюме файлом PDF, DOCX или TXT или вставьте его текст сюда.
resume-problem-unsupported = Такой файл я прочитать не могу. Пришлите резюме в PDF, DOCX, TXT или MD или вставьте его текст сюда.
resume-problem-old_word = Этот формат я не читаю. Сохраните резюме как DOCX или PDF (Файл → Сохранить как) и пришлите снова или вставьте его текст сюда.
resume-problem-encrypted = Файл защищён паролем, поэтому я не могу его прочитать. Пришлите копию без пароля или вставьте текст резюме сюда.
resume-problem-corrupt = Не получилось открыть файл — похоже, он повреждён. Выгрузите резюме заново и пришлите или вставьте его текст сюда.
resume-problem-no_text = В этом файле нет текста, который я могу прочитать — похоже на скан или картинку, сохранённую как PDF. Пришлите PDF с выделяемым текстом, DOCX или TXT или вставьте текст резюме сюда.
resume-problem-download = Не получилось скачать файл из Telegram. Пришлите его ещё раз через минуту или вставьте текст резюме сюда.
resume-problem-cities = Сейчас не получается искать города, поэтому город оставляю вам.
resume-found-skills = { $count ->
        [one] { $count } навык
        [few] { $count } навыка
       *[many] { $count } навыков
    }
resume-found-years = { $count ->
        [one] опыт { $count } год
        [few] опыт { $count } года
       *[many] опыт { $count } лет
    }
