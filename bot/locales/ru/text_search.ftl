text_search-offer = 📌 Сделать это поиском вашего профиля — { $what }? Тогда /jobs и ежедневная подборка будут искать это.
text_search-what = должность «{ $title }»
text_search-what_city = должность «{ $title }», город { $city }
text_search-btn-save = 📌 Сохранить в профиль
text_search-saved = ✅ Сохранено: { $what } — теперь в вашем профиле. /preferences покажет всё.
text_search-too_long = Это слишком длинно для поиска — напишите несколько слов, например <i>python developer</i> или <i>бухгалтер астана</i>. Чтобы заполнить профиль по резюме, отправьте /resume.
text_search-btn-new = ➕ Сохранить как новый поиск
text_search-added = ✅ Сохранено как новый поиск: { $what }, со своей подборкой. /jobs показывает его; все поиски — в /searches.
