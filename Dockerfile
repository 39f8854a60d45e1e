# UnionHub image: the web app (gunicorn) and the Celery worker run from the same image.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Chinese fonts and Pango/HarfBuzz for WeasyPrint's PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 unionhub
WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes. (With no
# package directories copied yet, `pip install .` installs the dependencies and an empty
# distribution; the code runs from /app.)
COPY pyproject.toml ./
RUN pip install . && pip uninstall -y unionhub

COPY --chown=unionhub:unionhub . .

# Static files, hashed and compressed for WhiteNoise. Settings need a secret and a database URL
# to load; nothing connects to the database here.
RUN DEBUG=False SECRET_KEY=collectstatic-only DATABASE_URL=postgres://build@localhost/none \
    python manage.py collectstatic --no-input --verbosity 0

RUN mkdir -p /data/media /data/var && chown -R unionhub:unionhub /data
ENV MEDIA_ROOT=/data/media UNIONHUB_VAR=/data/var DEBUG=False
USER unionhub
EXPOSE 8000

CMD ["gunicorn", "unionhub.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--timeout", "120"]
