onboarding-categories-ask =
    <b>7 қадамның 1-і · Салалар</b>
    Қай салаларда жұмыс істейсіз? Біреуін немесе бірнешеуін таңдап, <b>Әрі қарай</b> түймесін басыңыз.
onboarding-categories-need_one = Алдымен кемінде бір саланы таңдаңыз.
onboarding-categories-use_buttons = Салаларды түймелермен таңдап, <b>Әрі қарай</b> түймесін басыңыз. Мен ештеңе өзгерткен жоқпын.
onboarding-categories-added = Таңдалды: { $fields }. Тағы белгілеңіз немесе <b>Әрі қарай</b> басыңыз.
onboarding-skills-ask =
    <b>7 қадамның 2-сі · Дағдылар</b>
    Өз дағдыларыңызды белгілеңіз немесе оларды үтір арқылы жазыңыз (мысалы, <i>Python, Excel, 1С</i>). Содан кейін <b>Әрі қарай</b> түймесін басыңыз.

    Таңдалғаны: { $chosen }
onboarding-skills-added = Қосылды: { $skills }.
onboarding-skills-not_understood = «{ $text }» ішінен дағды таппадым. Дағды атауларын үтір арқылы жазыңыз, мысалы <i>Python, Figma, SQL</i>, немесе түймелерді басыңыз.
onboarding-skills-need_one = Кемінде бір дағдыны таңдаңыз немесе жазыңыз.
onboarding-skills-none_chosen = әзірге ештеңе
onboarding-experience-ask =
    <b>7 қадамның 3-і · Тәжірибе</b>
    Жұмыс тәжірибеңіз қанша?
onboarding-experience-use_buttons = Тәжірибеңізді түймелердің бірімен таңдаңыз. Мен ештеңе өзгерткен жоқпын.
onboarding-city-ask =
    <b>7 қадамның 4-і · Қала</b>
    Қай қалада жұмыс істегіңіз келеді? Атауын жазыңыз (мысалы, <i>Алматы</i>, <i>Астана</i>) немесе <b>Кез келген жер / қашықтан</b> түймесін басыңыз.
onboarding-city-matched = 📍 { $name }
onboarding-city-anywhere = 🌍 Кез келген жер / қашықтан
onboarding-city-ambiguous = Қай «{ $text }» туралы айтып тұрсыз? Біреуін басыңыз немесе қаланы қайта жазыңыз.
onboarding-city-unknown = «{ $text }» деген қаланы білмеймін. <i>Алматы</i> немесе <i>Қарағанды</i> сияқты қала атауын жазыңыз немесе <b>Кез келген жер / қашықтан</b> түймесін басыңыз.
onboarding-city-unknown_with_options = «{ $text }» деген қаланы білмеймін. Мыналардың бірі ме? Басыңыз немесе қала атауын жазыңыз, мысалы <i>Алматы</i>.
onboarding-city-too_long = Қала атауы үшін тым ұзын. Тек қаланы жазыңыз, мысалы <i>Астана</i>, немесе <b>Кез келген жер / қашықтан</b> түймесін басыңыз.
onboarding-city-unavailable = Қазір қалаларды тексере алмаймын. Бір минуттан кейін қайталап көріңіз немесе <b>Кез келген жер / қашықтан</b> түймесін басыңыз.
onboarding-work_format-ask =
    <b>7 қадамның 5-і · Жұмыс форматы</b>
    Қалай жұмыс істегіңіз келеді? Біреуін немесе бірнешеуін таңдаңыз (ештеңе таңдамасаңыз — кез келгені), содан кейін <b>Әрі қарай</b> түймесін басыңыз.
onboarding-employment-ask =
    <b>7 қадамның 6-сы · Жұмыспен қамту</b>
    Жұмыспен қамтудың қай түрлері сізге лайық? Біреуін немесе бірнешеуін таңдаңыз (ештеңе таңдамасаңыз — кез келгені), содан кейін <b>Әрі қарай</b> түймесін басыңыз.
onboarding-use_buttons = Түймелерді пайдаланып, <b>Әрі қарай</b> түймесін басыңыз. Мен ештеңе өзгерткен жоқпын.
onboarding-salary-ask =
    <b>7 қадамның 7-сі · Жалақы</b>
    Айына қандай жалақы күтесіз? Мысалы, <i>450000</i>, <i>300 мыңнан</i>, <i>300–450 мың</i> немесе <i>$2000</i> деп жазыңыз немесе <b>Өткізіп жіберу</b> түймесін басыңыз.
onboarding-salary-error-empty = Күтетін жалақыңызды жазыңыз, мысалы <i>450000</i> немесе <i>300 мыңнан</i>, немесе <b>Өткізіп жіберу</b> түймесін басыңыз.
onboarding-salary-error-not_understood = «{ $text }» ішінен жалақыны оқи алмадым. Санды, қажет болса валютасымен жазыңыз, мысалы <i>450000</i>, <i>300 мыңнан</i>, <i>1500 USD</i>, немесе <b>Өткізіп жіберу</b> түймесін басыңыз.
onboarding-salary-error-too_large = Бұл сома тым үлкен сияқты. Айлық жалақыны жазыңыз, мысалы <i>450000</i>, немесе <b>Өткізіп жіберу</b> түймесін басыңыз.
onboarding-salary-error-too_small = Бұл сома тым аз сияқты. Айлық жалақыны жазыңыз, мысалы <i>450000</i>, немесе <b>Өткізіп жіберу</b> түймесін басыңыз.
onboarding-salary-error-negative = Жалақы теріс бола алмайды. Мысалы, <i>450000</i> деп жазыңыз немесе <b>Өткізіп жіберу</b> түймесін басыңыз.
onboarding-summary =
    <b>Профиліңіз — тексеріңіз</b>

    <b>Салалар:</b> { $categories }
    <b>Дағдылар:</b> { $skills }
    <b>Лауазымдар:</b> { $titles }
    <b>Тәжірибе:</b> { $experience }
    <b>Қала:</b> { $city }
    <b>Жұмыс форматы:</b> { $formats }
    <b>Жұмыспен қамту:</b> { $employment }
    <b>Жалақы:</b> { $salary }

    Бәрі дұрыс па? <b>Растау</b> түймесін басыңыз немесе кез келген қадамды өзгертіңіз.
onboarding-summary-use_buttons = Профильді сақтау үшін <b>Растау</b> түймесін немесе өзгерту түймелерінің бірін басыңыз.
onboarding-confirm = ✅ Растау
onboarding-edit-cat = ✏️ Салалар
onboarding-edit-skl = ✏️ Дағдылар
onboarding-edit-exp = ✏️ Тәжірибе
onboarding-edit-city = ✏️ Қала
onboarding-edit-fmt = ✏️ Жұмыс форматы
onboarding-edit-emp = ✏️ Жұмыспен қамту
onboarding-edit-sal = ✏️ Жалақы
onboarding-saved = ✅ Сақталды! Профиліңіз дайын.
onboarding-any = маңызды емес
onboarding-anywhere = кез келген жер / қашықтан
onboarding-not_set = көрсетілмеген
onboarding-salary-from = { $amount } бастап
onboarding-salary-to = { $amount } дейін
onboarding-salary-range = { $low } – { $high }
options-experience-noExperience = Тәжірибесіз
options-experience-between1And3 = 1–3 жыл
options-experience-between3And6 = 3–6 жыл
options-experience-moreThan6 = 6 жылдан артық
options-work_format-ON_SITE = Кеңседе
options-work_format-REMOTE = Қашықтан
options-work_format-HYBRID = Аралас
options-work_format-FIELD_WORK = Жол жүріп істейтін жұмыс
options-employment-FULL = Толық жұмыспен қамту
options-employment-PART = Толық емес жұмыспен қамту
options-employment-PROJECT = Жоба / шарт
options-employment-FLY_IN_FLY_OUT = Вахта
onboarding-skills-add_anyway = ➕ Бәрібір қосу
onboarding-skills-unknown =
    { $count ->
        [one] { $skills } дағдысын білмеймін. Оны қалдыру үшін <b>Бәрібір қосу</b> түймесін басыңыз немесе дағдыны басқаша жазыңыз (мысалы, <i>Python, Excel</i>).
       *[other] Мына { $count } дағдыны білмеймін: { $skills }. Оларды қалдыру үшін <b>Бәрібір қосу</b> түймесін басыңыз немесе басқаша жазыңыз (мысалы, <i>Python, Excel</i>).
    }
onboarding-edit-ttl = ✏️ Лауазымдар
onboarding-titles-ask =
    <b>Лауазымдар</b>
    Кім болып жұмыс істегіңіз келеді? Мен HeadHunter-ден осы лауазымдарды іздеп, олардың вакансияларын бірінші көрсетемін. Таңдау үшін басыңыз немесе лауазымды жазыңыз (мысалы, <i>Бухгалтер</i>, <i>Python әзірлеуші</i>). Содан кейін <b>Әрі қарай</b> түймесін басыңыз.

    Таңдалғаны: { $chosen }
onboarding-titles-need_one = Кемінде бір лауазымды таңдаңыз немесе жазыңыз.
onboarding-titles-added = Қосылды: { $title }
onboarding-titles-not_understood = «{ $text }» мәтінін лауазым ретінде түсінбедім. Оны бірер сөзбен жазыңыз, мысалы <i>Бухгалтер</i>.
onboarding-skills-unknown_item = «{ $skill }»
