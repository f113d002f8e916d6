resume-ask =
    📄 <b>Профильді түйіндеме бойынша толтыру</b>
    Түйіндемені файлмен жіберіңіз — <b>PDF</b>, <b>DOCX</b>, <b>TXT</b> немесе <b>MD</b>, 20 МБ-қа дейін — немесе мәтінін осында қойыңыз. Мен дағдыларыңызды, лауазымдарыңызды, тәжірибеңізді, қалаңызды, жалақыңызды және тілдеріңізді тауып, тексеруге көрсетемін: сіз растамайынша ештеңе сақталмайды.

    /cancel — шығу.
resume-onboarding_offer = 📄 Түйіндемеңіз бар ма? Оны файлмен жіберіңіз (PDF, DOCX, TXT немесе MD) — мен бәрін өзім толтырамын.
resume-read-title = 📄 <b>Түйіндемеңізді оқыдым.</b>
resume-read-found = Таптым: { $found }.
resume-read-missing = Таппадым: { $missing } — төмендегі түймелермен толтырыңыз.
resume-read-languages = Тілдер: { $languages } (оқылуын тексеру үшін көрсетемін; профиль әзірге тіл бойынша сүзбейді).
resume-read-kept_nothing = Файл сақталмайды: мен оны бір рет оқып, жойдым. Төмендегі әр өрісті тексеріңіз, кез келгенін түзетіп, <b>Растау</b> түймесін басыңыз — оған дейін ештеңе сақталмайды.
resume-found-less_than_year = бір жылдан аз тәжірибе
resume-found-titles = лауазымдар { $titles }
resume-found-city = қала { $city }
resume-found-salary = жалақы { $salary }
resume-missing-skills = дағдылар
resume-missing-titles = лауазымдар
resume-missing-experience = жұмыс тәжірибесі
resume-missing-city = қала
resume-missing-salary = жалақы
resume-missing-languages = тілдер
resume-language-english = ағылшын
resume-language-russian = орыс
resume-language-kazakh = қазақ
resume-language-german = неміс
resume-language-french = француз
resume-language-chinese = қытай
resume-language-turkish = түрік
resume-language-spanish = испан
resume-level-native = ана тілі
resume-level-fluent = еркін
resume-nothing_found =
    📄 Мәтінді оқыдым, бірақ онда таныс дағдылар мен лауазымдар таппадым. Түйіндеменің дағдылар мен лауазымдар жазылған бөлігін қойыңыз немесе профильді қадам бойынша баптаңыз: /start.

    Файл сақталмайды.
resume-too_short = Бұл түйіндеме үшін тым қысқа. Файлды жіберіңіз немесе түйіндеменің толық мәтінін қойыңыз.
resume-problem-too_big = Файл 20 МБ-тан үлкен — Telegram боттарға бұдан үлкен файлдарды жүктеуге рұқсат бермейді. Кішірек файл жіберіңіз (түйіндеме әдетте 1 МБ-тан аз) немесе түйіндеме мәтінін осында қойыңыз.
resume-problem-image = Бұл сурет, ал мен суреттегі мәтінді оқи алмаймын. Түйіндемені PDF, DOCX немесе TXT файлымен жіберіңіз немесе мәтінін осында қойыңыз.
resume-problem-unsupported = Мұндай файлды оқи алмаймын. Түйіндемені PDF, DOCX, TXT немесе MD түрінде жіберіңіз немесе мәтінін осында қойыңыз.
resume-problem-old_word = Бұл пішімді оқымаймын. Түйіндемені DOCX немесе PDF ретінде сақтап (Файл → Басқаша сақтау), қайта жіберіңіз немесе мәтінін осында қойыңыз.
resume-problem-encrypted = Файл құпиясөзбен қорғалған, сондықтан оны оқи алмаймын. Құпиясөзсіз көшірмесін жіберіңіз немесе түйіндеме мәтінін осында қойыңыз.
resume-problem-corrupt = Файлды аша алмадым — ол зақымдалған сияқты. Түйіндемені қайта экспорттап жіберіңіз немесе мәтінін осында қойыңыз.
resume-problem-no_text = Бұл файлда мен оқи алатын мәтін жоқ — PDF ретінде сақталған скан немесе сурет сияқты. Мәтіні белгіленетін PDF, DOCX немесе TXT жіберіңіз немесе түйіндеме мәтінін осында қойыңыз.
resume-problem-download = Файлды Telegram-нан жүктей алмадым. Бір минуттан кейін қайта жіберіңіз немесе түйіндеме мәтінін осында қойыңыз.
resume-problem-cities = Қазір қалаларды іздей алмаймын, сондықтан қаланы өзіңіз толтырыңыз.
resume-found-skills = { $count ->
        [one] { $count } дағды
       *[other] { $count } дағды
    }
resume-found-years = { $count ->
        [one] { $count } жыл тәжірибе
       *[other] { $count } жыл тәжірибе
    }
