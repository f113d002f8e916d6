settings-view =
    <b>Баптаулар</b>

    Күнделікті іріктеме: { $digest }
    Іріктеме уақыты: { $time } ({ $timezone })
    Тіл: { $language }
settings-no_profile = Әзірге профиліңіз жоқ, сондықтан вакансиялар да, іріктемелер де келмейді. Баптаңыз: /start
settings-digest_on = 🔔 Іріктеме: қосулы
settings-digest_off = 🔕 Іріктеме: өшірулі
settings-time_button = 🕘 Іріктеме уақыты
settings-tz_button = 🌐 Уақыт белдеуі
settings-time_ask = Күнделікті іріктеме қашан келсін? Уақытты таңдаңыз немесе <b>СС:ММ</b> түрінде жазыңыз (мысалы, <i>08:30</i>).
settings-time_invalid = «{ $text }» — тәулік уақыты емес. <b>СС:ММ</b> түрінде жазыңыз, мысалы <i>08:30</i> немесе <i>21:00</i>.
settings-tz_ask = Сіздің уақыт белдеуіңіз — <b>{ $timezone }</b>. Біреуін таңдаңыз немесе қалаңызды (<i>Астана</i>, <i>Мәскеу</i>), IANA атауын (<i>Asia/Almaty</i>) немесе ығысуды (<i>UTC+5</i>) жазыңыз.
settings-tz_invalid = «{ $text }» уақыт белдеуін білмеймін. <i>Астана</i> немесе <i>Мәскеу</i> сияқты қаланы, <i>Asia/Almaty</i> сияқты IANA атауын немесе <i>UTC+5</i> сияқты ығысуды жазыңыз.
settings-saved = Сақталды.
settings-language_name = Қазақша
settings-delete_ask = <b>Барлық</b> деректеріңізді — профильді, қалауларды, сақталған вакансияларды, бағаларды жоямын ба? Мұны қайтару мүмкін емес.
settings-delete_yes = 🗑 Иә, бәрін жою
settings-delete_no = Жоқ, қалдыру
settings-deleted = Барлық деректеріңіз жойылды. Қайта бастағыңыз келсе, /start жіберіңіз.
settings-delete_kept = Ештеңе жойылған жоқ.
settings-export_caption = Сіз туралы сақтайтынымның бәрі, JSON түрінде.
settings-tz_did_you_mean = { $place } деп айтқыңыз келді ме?
settings-test_digest_button = 📨 Қазір сынақ іріктемесін жіберу
settings-test_digest_sending = Сынақ іріктемесін жіберіп жатырмын…
settings-test_digest_nothing_new = Іздеуіңіз үшін қазір жаңа ештеңе жоқ, сондықтан іріктеме жіберілмеді (бос іріктеме жібермеймін). Жаңа вакансиялар келесі іріктемеде келеді.
settings-test_digest_unavailable = hh.kz қазір жауап бермей тұр. Сынақ іріктемесін бірнеше минуттан кейін қайталаңыз.
settings-test_digest_no_search = Сізде әлі профиль жоқ, сондықтан жіберетін ештеңе жоқ. Баптаңыз: /start
settings-test_digest_failed = Telegram сынақ іріктемесін қабылдамады. Бір минуттан кейін қайталаңыз.
