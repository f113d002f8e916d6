resume-ask =
    📄 <b>Fill your profile from a resume</b>
    Send your resume as a file — <b>PDF</b>, <b>DOCX</b>, <b>TXT</b> or <b>MD</b>, up to 20 MB — or paste its text here. I will find your skills, job titles, experience, city, salary and languages and show them for you to check: nothing is saved until you confirm.

    /cancel to leave.
resume-onboarding_offer = 📄 Have a resume? Send it as a file (PDF, DOCX, TXT or MD) and I will fill this in for you.
resume-read-title = 📄 <b>I read your resume.</b>
resume-read-found = Found: { $found }.
resume-read-missing = Not found: { $missing } — fill them in with the buttons below.
resume-read-languages = Languages: { $languages } (shown so you can check the reading; the profile does not filter by language yet).
resume-read-kept_nothing = The file is not kept: I read it once and threw it away. Check each field below, edit any of them, then tap <b>Confirm</b> — nothing is saved until you do.
resume-found-less_than_year = less than a year of experience
resume-found-titles = job titles { $titles }
resume-found-city = city { $city }
resume-found-salary = salary { $salary }
resume-missing-skills = skills
resume-missing-titles = job titles
resume-missing-experience = years of experience
resume-missing-city = city
resume-missing-salary = salary
resume-missing-languages = languages
resume-language-english = English
resume-language-russian = Russian
resume-language-kazakh = Kazakh
resume-language-german = German
resume-language-french = French
resume-language-chinese = Chinese
resume-language-turkish = Turkish
resume-language-spanish = Spanish
resume-level-native = native
resume-level-fluent = fluent
resume-nothing_found =
    📄 I read the text, but found no skills or job titles I know in it. Paste the part of your resume with your skills and positions, or set up your profile step by step with /start.

    The file is not kept.
resume-too_short = That is too short for a resume. Send the file, or paste the whole text of your resume.
resume-problem-too_big = This file is larger than 20 MB — Telegram does not let bots download bigger files. Send a smaller file (a resume is usually under 1 MB), or paste the text of your resume here.
resume-problem-image = This is a picture, and I cannot read text from images. Send the resume as a PDF, DOCX or TXT file, or paste its text here.
resume-problem-unsupported = I cannot read this kind of file. Send your resume as a PDF, DOCX, TXT or MD file, or paste its text here.
resume-problem-old_word = I cannot read this format. Save the resume as DOCX or PDF (File → Save as) and send it again, or paste its text here.
resume-problem-encrypted = This file is password-protected, so I cannot read it. Send a copy without a password, or paste the text of your resume here.
resume-problem-corrupt = I could not open this file — it seems damaged. Export your resume again and send it, or paste its text here.
resume-problem-no_text = This file has no text I can read — it looks like a scan or a picture saved as a PDF. Send a PDF with selectable text, a DOCX or a TXT, or paste the text of your resume here.
resume-problem-download = I could not download the file from Telegram. Please send it again in a minute, or paste the text of your resume here.
resume-problem-cities = I cannot look up cities right now, so the city is left for you to fill in.
resume-found-skills = { $count ->
        [one] { $count } skill
       *[other] { $count } skills
    }
resume-found-years = { $count ->
        [one] { $count } year of experience
       *[other] { $count } years of experience
    }
