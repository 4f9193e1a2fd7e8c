"""Registration for sessions: the form, the locked sign-up, personal links, emails.

service.py   register, cancel, promote: one locked transaction each
state.py     whether a session takes registrations now, and until when
tokens.py    signed personal links (join, cancel) and their expiry
emails.py    the emails (HTML, text, personal .ics) and the task that sends them
reminders.py reminders and "registration is open" notices (a periodic command)
retention.py the purge of personal data after a session
forms.py, views.py, sections.py, admin.py: the public form and pages, the admin
"""
