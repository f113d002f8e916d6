text_search-offer = 📌 Мұны профиліңіздің іздеуі етейік пе — { $what }? Сонда /jobs және күнделікті топтама осыны іздейді.
text_search-what = лауазым «{ $title }»
text_search-what_city = лауазым «{ $title }», қала { $city }
text_search-btn-save = 📌 Профильге сақтау
text_search-saved = ✅ Сақталды: { $what } енді профиліңізде. /preferences бәрін көрсетеді.
text_search-too_long = Бұл іздеу үшін тым ұзын — бірнеше сөз жазыңыз, мысалы <i>python developer</i> немесе <i>бухгалтер астана</i>. Профильді түйіндеме бойынша толтыру үшін /resume жіберіңіз.
text_search-btn-new = ➕ Жаңа іздеу ретінде сақтау
text_search-added = ✅ Жаңа іздеу ретінде сақталды: { $what }, өз іріктемесімен. /jobs оны көрсетеді; барлық іздеулер — /searches ішінде.
