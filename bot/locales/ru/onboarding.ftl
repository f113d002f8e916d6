onboarding-categories-ask =
    <b>Шаг 1 из 7 · Сферы</b>
    В каких сферах вы работаете? Выберите одну или несколько и нажмите <b>Далее</b>.
onboarding-categories-need_one = Сначала выберите хотя бы одну сферу.
onboarding-categories-use_buttons = Выберите сферы кнопками и нажмите <b>Далее</b>. Я ничего не изменил.
onboarding-categories-added = Выбрано: { $fields }. Отметьте ещё или нажмите <b>Далее</b>.
onboarding-skills-ask =
    <b>Шаг 2 из 7 · Навыки</b>
    Отметьте свои навыки или напишите их через запятую (например, <i>Python, Excel, 1С</i>). Затем нажмите <b>Далее</b>.

    Выбрано: { $chosen }
onboarding-skills-added = Добавлено: { $skills }.
onboarding-skills-not_understood = Я не нашёл навыков в «{ $text }». Напишите названия навыков через запятую, например <i>Python, Figma, SQL</i>, или нажмите на кнопки.
onboarding-skills-need_one = Выберите или напишите хотя бы один навык.
onboarding-skills-none_chosen = пока ничего
onboarding-experience-ask =
    <b>Шаг 3 из 7 · Опыт</b>
    Какой у вас опыт работы?
onboarding-experience-use_buttons = Выберите опыт одной из кнопок. Я ничего не изменил.
onboarding-city-ask =
    <b>Шаг 4 из 7 · Город</b>
    В каком городе вы хотите работать? Напишите название (например, <i>Алматы</i>, <i>Astana</i>) или нажмите <b>Где угодно / удалённо</b>.
onboarding-city-matched = 📍 { $name }
onboarding-city-anywhere = 🌍 Где угодно / удалённо
onboarding-city-ambiguous = Какой «{ $text }» вы имеете в виду? Нажмите на нужный или напишите город ещё раз.
onboarding-city-unknown = Я не знаю города «{ $text }». Напишите название города, например <i>Алматы</i> или <i>Караганда</i>, или нажмите <b>Где угодно / удалённо</b>.
onboarding-city-unknown_with_options = Я не знаю города «{ $text }». Может быть, один из этих? Нажмите на нужный или напишите название, например <i>Алматы</i>.
onboarding-city-too_long = Слишком длинно для названия города. Напишите только город, например <i>Астана</i>, или нажмите <b>Где угодно / удалённо</b>.
onboarding-city-unavailable = Сейчас я не могу проверить город. Попробуйте через минуту или нажмите <b>Где угодно / удалённо</b>.
onboarding-work_format-ask =
    <b>Шаг 5 из 7 · Формат работы</b>
    Как вы хотите работать? Выберите один или несколько (ничего — любой) и нажмите <b>Далее</b>.
onboarding-employment-ask =
    <b>Шаг 6 из 7 · Занятость</b>
    Какая занятость вам подходит? Выберите одну или несколько (ничего — любая) и нажмите <b>Далее</b>.
onboarding-use_buttons = Воспользуйтесь кнопками и нажмите <b>Далее</b>. Я ничего не изменил.
onboarding-salary-ask =
    <b>Шаг 7 из 7 · Зарплата</b>
    Какую зарплату в месяц вы ожидаете? Напишите, например, <i>450000</i>, <i>от 300 тыс</i>, <i>300–450 тыс</i> или <i>$2000</i>, или нажмите <b>Пропустить</b>.
onboarding-salary-error-empty = Напишите ожидаемую зарплату, например <i>450000</i> или <i>от 300 тыс</i>, или нажмите <b>Пропустить</b>.
onboarding-salary-error-not_understood = Я не понял зарплату в «{ $text }». Напишите число и, если нужно, валюту, например <i>450000</i>, <i>от 300 тыс</i>, <i>1500 USD</i>, или нажмите <b>Пропустить</b>.
onboarding-salary-error-too_large = Слишком большая сумма. Напишите зарплату в месяц, например <i>450000</i>, или нажмите <b>Пропустить</b>.
onboarding-salary-error-too_small = Слишком маленькая сумма. Напишите зарплату в месяц, например <i>450000</i>, или нажмите <b>Пропустить</b>.
onboarding-salary-error-negative = Зарплата не может быть отрицательной. Напишите, например, <i>450000</i> или нажмите <b>Пропустить</b>.
onboarding-summary =
    <b>Ваш профиль — проверьте</b>

    <b>Сферы:</b> { $categories }
    <b>Навыки:</b> { $skills }
    <b>Должности:</b> { $titles }
    <b>Опыт:</b> { $experience }
    <b>Город:</b> { $city }
    <b>Формат работы:</b> { $formats }
    <b>Занятость:</b> { $employment }
    <b>Зарплата:</b> { $salary }

    Всё верно? Нажмите <b>Подтвердить</b> или измените любой шаг.
onboarding-summary-use_buttons = Нажмите <b>Подтвердить</b>, чтобы сохранить профиль, или одну из кнопок правки.
onboarding-confirm = ✅ Подтвердить
onboarding-edit-cat = ✏️ Сферы
onboarding-edit-skl = ✏️ Навыки
onboarding-edit-exp = ✏️ Опыт
onboarding-edit-city = ✏️ Город
onboarding-edit-fmt = ✏️ Формат
onboarding-edit-emp = ✏️ Занятость
onboarding-edit-sal = ✏️ Зарплата
onboarding-saved = ✅ Сохранено! Ваш профиль готов.
onboarding-any = не важно
onboarding-anywhere = где угодно / удалённо
onboarding-not_set = не указано
onboarding-salary-from = от { $amount }
onboarding-salary-to = до { $amount }
onboarding-salary-range = { $low } – { $high }
options-experience-noExperience = Без опыта
options-experience-between1And3 = 1–3 года
options-experience-between3And6 = 3–6 лет
options-experience-moreThan6 = Более 6 лет
options-work_format-ON_SITE = В офисе
options-work_format-REMOTE = Удалённо
options-work_format-HYBRID = Гибрид
options-work_format-FIELD_WORK = Разъездная работа
options-employment-FULL = Полная занятость
options-employment-PART = Частичная занятость
options-employment-PROJECT = Проект / договор
options-employment-FLY_IN_FLY_OUT = Вахта
onboarding-skills-add_anyway = ➕ Всё равно добавить
onboarding-skills-unknown =
    { $count ->
        [1] Я не знаю навык { $skills }. Нажмите <b>Всё равно добавить</b>, чтобы оставить его, или напишите навык иначе (например, <i>Python, Excel</i>).
        [one] Я не знаю { $count } навык: { $skills }. Нажмите <b>Всё равно добавить</b>, чтобы оставить их, или напишите иначе (например, <i>Python, Excel</i>).
        [few] Я не знаю { $count } навыка: { $skills }. Нажмите <b>Всё равно добавить</b>, чтобы оставить их, или напишите иначе (например, <i>Python, Excel</i>).
       *[many] Я не знаю { $count } навыков: { $skills }. Нажмите <b>Всё равно добавить</b>, чтобы оставить их, или напишите иначе (например, <i>Python, Excel</i>).
    }
onboarding-edit-ttl = ✏️ Должности
onboarding-titles-ask =
    <b>Должности</b>
    Кем вы хотите работать? Я ищу на HeadHunter эти должности и показываю их вакансии первыми. Нажмите, чтобы выбрать, или напишите должность (например, <i>Бухгалтер</i>, <i>Python-разработчик</i>). Затем нажмите <b>Далее</b>.

    Выбрано: { $chosen }
onboarding-titles-need_one = Выберите или напишите хотя бы одну должность.
onboarding-titles-added = Добавлено: { $title }
onboarding-titles-not_understood = Не понял «{ $text }» как должность. Напишите её парой слов, например <i>Бухгалтер</i>.
onboarding-skills-unknown_item = «{ $skill }»
