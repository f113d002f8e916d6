settings-view =
    <b>Settings</b>

    Daily digest: { $digest }
    Digest time: { $time } ({ $timezone })
    Language: { $language }
settings-no_profile = You have no profile yet, so no vacancies or digests come. Set it up: /start
settings-digest_on = 🔔 Digest: on
settings-digest_off = 🔕 Digest: off
settings-time_button = 🕘 Digest time
settings-tz_button = 🌐 Time zone
settings-time_ask = When should the daily digest arrive? Tap a time, or type one as <b>HH:MM</b> (e.g. <i>08:30</i>).
settings-time_invalid = “{ $text }” is not a time of day. Type it as <b>HH:MM</b>, e.g. <i>08:30</i> or <i>21:00</i>.
settings-tz_ask = Your time zone is <b>{ $timezone }</b>. Tap one, or type your city (<i>Astana</i>, <i>Moscow</i>), an IANA name (<i>Asia/Almaty</i>) or an offset (<i>UTC+5</i>).
settings-tz_invalid = I do not know the time zone “{ $text }”. Type a city such as <i>Astana</i> or <i>Moscow</i>, an IANA name such as <i>Asia/Almaty</i>, or an offset such as <i>UTC+5</i>.
settings-saved = Saved.
settings-language_name = English
settings-delete_ask = Delete <b>all</b> your data — profile, preferences, saved vacancies, feedback? This cannot be undone.
settings-delete_yes = 🗑 Yes, delete everything
settings-delete_no = No, keep it
settings-deleted = All your data has been deleted. Send /start if you want to begin again.
settings-delete_kept = Nothing was deleted.
settings-export_caption = Everything I store about you, as JSON.
settings-tz_did_you_mean = Did you mean { $place }?
settings-test_digest_button = 📨 Send me a test digest now
settings-test_digest_sending = Sending a test digest…
settings-test_digest_nothing_new = Nothing new for your search right now, so no digest was sent (I never send empty ones). New vacancies come in your next digest.
settings-test_digest_unavailable = hh.kz is not answering right now. Try the test digest again in a few minutes.
settings-test_digest_no_search = You have no profile yet, so there is nothing to send. Set it up: /start
settings-test_digest_failed = Telegram did not take the test digest. Try again in a minute.
