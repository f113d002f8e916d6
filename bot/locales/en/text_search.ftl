text_search-offer = 📌 Make this your profile's search — { $what }? /jobs and the daily digest will then look for it.
text_search-what = job title “{ $title }”
text_search-what_city = job title “{ $title }”, city { $city }
text_search-btn-save = 📌 Save to my profile
text_search-saved = ✅ Saved: { $what } is now in your profile. /preferences shows it all.
text_search-too_long = That is too long for a search — type a few words, e.g. <i>python developer</i> or <i>бухгалтер астана</i>. To fill your profile from a resume, send /resume.
text_search-btn-new = ➕ Save as a new search
text_search-added = ✅ Saved as a new search: { $what }, with its own digest. /jobs shows it now; /searches lists all your searches.
