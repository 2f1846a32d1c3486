"""Settings for the page benchmark's server: the app's, plus the floor view's URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
