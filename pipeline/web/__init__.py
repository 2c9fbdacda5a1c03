"""`vanban serve`: the local, read-only web app for analysts (app.py: pages; queries.py: what they
read; search.py: accent-insensitive matching; series.py: plan series; sources.py: the source-file
link; templates/ and static/: Jinja2 pages, CSS, a little JavaScript for sorting and filtering)."""
