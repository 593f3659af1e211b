"""The analyst's desk: REST API and dashboard (``eventwire serve``).

``eventwire.server.app.create_app(store_or_path, settings, ingest_token=None)`` builds the
FastAPI application; ``eventwire.server.app.serve(...)`` runs it. Importing this package
does not import FastAPI, so the rest of eventwire stays light.
"""
