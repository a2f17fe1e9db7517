"""Documents: Word templates rendered, PDF through LibreOffice, clause files, calendars."""
