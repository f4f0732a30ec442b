"""View-model helpers for the Streamlit what-if planner (``app.py``).

Everything the page shows is computed here or in ``roster``/``coverage``, so that
``app.py`` only lays out widgets and the logic can be tested without a browser.
"""
