"""The hidden feature: /hidden lists hidden employers and vacancies, each with undo."""
