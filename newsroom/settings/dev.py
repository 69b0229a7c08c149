"""Local development: `make run`. Conveniences only; never deploy with these."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)
# A development-only key, so `make run` needs no configuration. Production
# refuses to start without its own SECRET_KEY.
SECRET_KEY = env("SECRET_KEY") or "dev-only-insecure-key-do-not-deploy"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

(BASE_DIR / "var").mkdir(exist_ok=True)

# runserver prints its own line per request; keep ours for production.
LOGGING["loggers"]["newsroom.request"] = {"level": "WARNING"}  # noqa: F405
