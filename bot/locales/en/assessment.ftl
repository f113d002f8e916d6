assessment-intro = Rate how good you are at each of your main skills: <b>1</b> — beginner, <b>5</b> — expert. It sharpens your recommendations.
assessment-question = <b>{ $number }/{ $total }</b> · How good are you at <b>{ $skill }</b>?
assessment-use_buttons = Please rate with the buttons 1–5, or tap Skip.
assessment-result =
    <b>Thanks! Your profile is updated.</b>

    💪 Strengths: { $strengths }
    📚 To improve: { $weaknesses }

    I will favour vacancies that use your strengths.
assessment-nothing_rated = You skipped every skill, so nothing changed.
