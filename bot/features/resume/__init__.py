"""Resume → profile: a file (PDF, DOCX, TXT, MD) or pasted text pre-fills the onboarding
summary; the person confirms or edits each field, nothing is saved before that."""
