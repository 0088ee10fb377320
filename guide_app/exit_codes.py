"""How the app ends, for scripts and for a launcher (systemd, Windows Shell Launcher) to act on."""

EXIT_OK = 0
EXIT_ERROR = 1  # a clear one-line error: unknown page, unreadable pack, a check that found problems
EXIT_USAGE = 2  # a bad option
EXIT_ADMIN = 0  # kiosk: the admin PIN was entered: do not restart
EXIT_SHUTDOWN = 0  # SIGTERM or SIGINT (the system is shutting down, or a service manager stops the app)
EXIT_CRASH = 70  # EX_SOFTWARE: an unexpected error (in kiosk mode, errors that keep coming): restart
EXIT_CONFIG = 78  # EX_CONFIG: kiosk mode asked for but not set up (no admin PIN): do not restart
