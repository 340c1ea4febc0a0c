from tabel_platform.db.migrate import run_env

run_env()
