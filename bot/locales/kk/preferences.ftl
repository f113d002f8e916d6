preferences-view =
    <b>Мен сіз туралы не білемін</b>

    <b>Лауазымдар:</b> { $titles }
    <b>Дағдылар (салмағы):</b> { $skills }
    <b>Күшті жақтарыңыз:</b> { $preferred }
    <b>Аулақ болу:</b> { $avoided }
    <b>Салалар:</b> { $categories }
    <b>Тәжірибе:</b> { $experience }
    <b>Қала:</b> { $city } · қашықтан жұмыс жарайды: { $remote }
    <b>Жұмыс форматы:</b> { $formats }
    <b>Жұмыспен қамту:</b> { $employment }
    <b>Жалақы:</b> { $salary }

    <b>Сүзгілер</b>
    Жалақы — қатаң ең төменгі шек: { $salary_floor }
    Тек менің қалам: { $only_my_city }
    Өтінім жіберілген вакансияларды жасыру: { $exclude_applied }

    <b>Бағаларыңыздан үйренгенім</b>
    Көбірек: { $more_of }
    Азырақ: { $less_of }
    Төменірек: { $limits }
    Көрсетілмейді: { $hidden }
    Саралау: дағдылар { $w_skills }% · орны { $w_location }% · жалақы { $w_salary }%
preferences-toggle-remote = Қашықтан жұмыс жарайды: { $state }
preferences-toggle-floor = Жалақының ең төменгі шегі: { $state }
preferences-toggle-city = Тек менің қалам: { $state }
preferences-toggle-applied = Өтінімдерді жасыру: { $state }
preferences-reset = ♻️ Үйренгенді тастау
preferences-reset_confirm = 👍 және 👎 бағаларыңыздан үйренгеннің бәрін ұмытайын ба? Жауаптарыңыз қалады.
preferences-reset_yes = Иә, тастау
preferences-reset_done = Үйренгенім тасталды.
preferences-updated = Жаңартылды.
preferences-limit-pay = { $amount } дейінгі жалақы
preferences-low_pay = 💰 { $amount } дейінгі жалақыны қайта көрсету
preferences-low_pay_done = Төмен жалақылы вакансиялар таспаға қайтты. Жаңа «Жалақы төмен» басулары шекті қайта үйретеді.
preferences-limit-experience = «{ $level }» және одан көп тәжірибе
preferences-limit-remote = басқа қалалардан қашықтан жұмыс
